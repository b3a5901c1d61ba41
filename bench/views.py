"""The benchmarks' floor page, served only under bench.settings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from adisker.people.http import AuthenticatedRequest


@login_required
def floor(request: AuthenticatedRequest) -> HttpResponse:
    """The least a signed-in page costs: session, user and one small template. bench/load.py
    measures every page against it, so that its figures say what our code adds to Django's."""
    return TemplateResponse(request, "floor.html")

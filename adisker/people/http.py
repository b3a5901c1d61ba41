"""The request a view behind @login_required receives: its user is one of ours."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from adisker.people.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails

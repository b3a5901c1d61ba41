from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from adisker.core.navigation import items_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    # Each language is offered under its own name, never translated into the current one.
    context: dict[str, Any] = {"languages": settings.LANGUAGES, "nav_items": []}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["nav_items"] = items_for(user)
    return context

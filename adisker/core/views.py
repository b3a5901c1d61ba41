from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from adisker.core.dashboard import cards_for
from adisker.lib.http import AuthenticatedRequest, safe_next_url


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return TemplateResponse(request, "core/home.html", {"cards": cards_for(request)})


@login_required
def floor(request: AuthenticatedRequest) -> HttpResponse:
    """The least a signed-in page costs: session, user and one small template. bench/load.py
    measures every page against it, so that its figures say what our code adds to Django's."""
    return TemplateResponse(request, "core/floor.html")


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language: on the account when signed in, in a cookie always."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next_url(request, reverse("home")))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return TemplateResponse(request, "core/csrf_failure.html", {"reason": reason}, status=403)

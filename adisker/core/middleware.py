from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import check_for_language


def chosen_language(request: HttpRequest) -> str:
    """The user's saved choice, else the language cookie, else Kazakh.

    The browser's Accept-Language is ignored on purpose: many Kazakh-speaking users have
    Russian or English browsers, and the product speaks Kazakh until someone chooses otherwise.
    """
    user = getattr(request, "user", None)
    candidates = [
        user.language if user is not None and user.is_authenticated else "",
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
    ]
    for code in candidates:
        if code and code in dict(settings.LANGUAGES) and check_for_language(code):
            return code
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response

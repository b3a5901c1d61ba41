"""Parts of a page that are the same for everyone who sees them, rendered once and cached.

The caller's key must change whenever what the part shows changes (a school's summary version,
the language, the day, what the reader may do); the part must not depend on the request
otherwise. Forms in it carry each reader's own CSRF token: the part is rendered with a
placeholder in the token's place, replaced on every read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from adisker.core.http import AuthenticatedRequest

# Django's tokens are letters and digits, so no token is taken for it. Were a user to type it
# in a text the part shows, each reader would find their own token there, nobody else's.
CSRF_PLACEHOLDER = "csrf-token-of-the-reader"


def cached_fragment(
    request: AuthenticatedRequest,
    key: str,
    timeout: int,
    template: str,
    build: Callable[[], dict[str, Any]],
) -> SafeString:
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**build(), "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, html, timeout)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # The template escaped what it rendered, and a token is letters and digits.
    return mark_safe(html)

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from adisker.people.http import AuthenticatedRequest

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Log-in required, and one of the roles held somewhere (administrators pass every check).

    Which school's or district's data the role reaches is decided by the access layer; this
    only keeps a page away from roles that have no use for it.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not (request.user.is_administrator or request.user.has_role(*roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator

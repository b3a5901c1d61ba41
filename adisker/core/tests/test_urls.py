"""Every URL refuses a POST without a CSRF token, signed in or not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from adisker.core.testing import CSRF_PROBE_HEADER, Cast, named_patterns
from adisker.people.models import StaffProfile, User

PATTERNS = [p for p in named_patterns(get_resolver()) if p.pattern.name]


def url_for(view_name: str, pattern) -> str:  # type: ignore[no-untyped-def]
    # "1" fits every parameter the project has: ids, tokens and DRF's lookups alike.
    kwargs = dict.fromkeys(pattern.pattern.regex.groupindex, "1")
    return reverse(view_name, kwargs=kwargs)


@pytest.mark.parametrize("named", PATTERNS, ids=[p.view_name for p in PATTERNS])
def test_it_refuses_post_without_csrf_token(cast: Cast, named) -> None:  # type: ignore[no-untyped-def]
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.admin, backend="adisker.people.backends.StaffBackend")
    before = (StaffProfile.objects.count(), User.objects.count())
    response = client.post(
        url_for(named.view_name, named.pattern),
        {"language": "ru", "last_name": "X"},
        **{CSRF_PROBE_HEADER: "1"},
    )
    assert response.status_code == 403
    assert b"CSRF" in response.content or "core/csrf_failure.html" in [
        t.name for t in response.templates
    ]
    assert (StaffProfile.objects.count(), User.objects.count()) == before
    cast.admin.refresh_from_db()
    assert cast.admin.language == ""


def test_it_refuses_anonymous_login_post_without_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "core/csrf_failure.html" in [t.name for t in response.templates]

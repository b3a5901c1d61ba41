"""The benchmark's floor: the cheapest signed-in page, which bench/load.py compares pages to."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from adisker.core.testing import Cast, session_queries

BENCH = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def served_by_the_benchmarks(settings) -> None:  # type: ignore[no-untyped-def]
    """As bench/settings.py serves it: the application's addresses and the floor."""
    settings.ROOT_URLCONF = "bench.urls"
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], BENCH / "templates"]}
    ]


def test_it_sends_an_anonymous_visitor_to_the_login_page(client, db: None) -> None:
    response = client.get(reverse("floor"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('floor')}"


def test_it_greets_the_signed_in_user_by_short_name(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("floor"))
    assert response.status_code == 200
    with translation.override("kk"):
        greeting = gettext("Hello, %(name)s!") % {"name": cast.teacher_a.short_name}
    assert greeting in response.content.decode()


def test_it_runs_three_queries(client, cast: Cast, django_assert_num_queries) -> None:
    client.force_login(cast.teacher_a)
    # The session (from the shared cache when there is one), the user with their staff profile
    # (StaffBackend) and the roles (the menu's context processor runs for every page): what
    # every signed-in page pays at least.
    with django_assert_num_queries(2 + session_queries()):
        assert client.get(reverse("floor")).status_code == 200

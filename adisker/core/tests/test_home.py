from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory
from adisker.people.models import StaffProfile

CARDS_BY_ROLE = {
    "teacher_a": ["people/cards/my_profile.html", "records/cards/my_development.html"],
    "deputy_a": [
        "people/cards/my_profile.html",
        "records/cards/my_development.html",
        "people/cards/school_staff.html",
        "records/cards/school_courses.html",
    ],
    "director_a": [
        "people/cards/my_profile.html",
        "records/cards/my_development.html",
        "people/cards/school_staff.html",
        "records/cards/school_courses.html",
    ],
    "methodologist_a": ["people/cards/district_schools.html"],
    "admin": ["schools/cards/system_overview.html"],
}


@pytest.mark.parametrize(("name", "cards"), CARDS_BY_ROLE.items())
def test_home_shows_the_cards_of_the_role(client, cast: Cast, name: str, cards) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.user(name))
    response = client.get(reverse("home"))
    assert [card.template for card in response.context["cards"]] == cards


def test_home_menu_follows_the_role(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    teacher_menu = [i.url_name for i in client.get(reverse("home")).context["nav_items"]]
    client.force_login(cast.deputy_a)
    deputy_menu = [i.url_name for i in client.get(reverse("home")).context["nav_items"]]
    assert "people:staff_list" not in teacher_menu
    assert "people:staff_list" in deputy_menu
    assert "people:my_profile" in teacher_menu


def test_school_staff_card_counts_the_categories(client, cast: Cast) -> None:
    client.force_login(cast.director_a)
    cards = client.get(reverse("home")).context["cards"]
    (card,) = [c for c in cards if c.template == "people/cards/school_staff.html"]
    ((school, categories),) = card.context["rows"]
    assert school == cast.school_a
    assert school.staff_count == 5
    assert {c.code: n for c, n in categories}["moderator"] == 5


@pytest.mark.parametrize("name", CARDS_BY_ROLE)
def test_home_runs_constant_queries(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    few = count()
    for _ in range(5):
        school = SchoolFactory(district=cast.district_a)
        for _ in range(3):
            StaffProfileFactory(school=school)
            StaffProfileFactory(school=cast.school_a)
    assert count() == few


def test_the_administrators_counts_follow_a_new_school(client, cast: Cast) -> None:
    client.force_login(cast.admin)

    def overview() -> dict[str, int]:
        cards = client.get(reverse("home")).context["cards"]
        (card,) = [c for c in cards if c.template == "schools/cards/system_overview.html"]
        return card.context["counts"]

    counts = overview()
    assert counts["schools"] == 3 and counts["staff"] == StaffProfile.objects.count()
    SchoolFactory(district=cast.district_a)
    assert overview()["schools"] == 4

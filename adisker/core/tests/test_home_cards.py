"""The home page's cards are built from what the reader may see, on every visit: a manager's
school figures, another reader's figures never, and anyone's write on the next visit."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from adisker.core.testing import Cast, member
from adisker.council.tests.factories import (
    council_of,
    meeting_with_decision,
    plan_with_items,
    this_year,
)
from adisker.diagnostics.tests.helpers import launch
from adisker.people.models import Role
from adisker.records.tests.factories import add_course

# The decision's text, which only its owner's card lists.
MINE = "Жоспарды бекіту"
TO_ANSWER = "diagnostics/cards/to_answer.html"


def home(client) -> tuple[str, list]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode(), response.context["cards"]


def test_each_manager_gets_the_figures_of_their_own_school(client, cast: Cast) -> None:
    plan_with_items(cast.school_a)
    meeting_with_decision(council_of(cast.school_a), owner=cast.teacher_a.staff_profile)
    client.force_login(cast.director_a)
    page, _cards = home(client)
    assert cast.school_a.name in page
    client.force_login(cast.deputy_b)
    page, cards = home(client)
    assert cast.school_b.name in page and cast.school_a.name not in page
    assert "council/cards/plan_progress.html" not in [c.template for c in cards]


def test_the_cards_speak_the_readers_language(client, cast: Cast) -> None:
    client.force_login(cast.director_a)
    with translation.override("kk"):
        kazakh, _cards = home(client)
    cast.director_a.language = "ru"
    cast.director_a.save(update_fields=["language"])
    russian, _cards = home(client)
    assert "Курсы повышения квалификации" in russian
    assert "Курсы повышения квалификации" not in kazakh


def covered_in_school_a(client) -> int:  # type: ignore[no-untyped-def]
    """Staff of school A with a valid course, as the card shows them."""
    (card,) = [c for c in home(client)[1] if "school_courses" in c.template]
    (school,) = card.context["schools"]
    return school.coverage.covered


def test_a_course_confirmed_on_the_record_is_counted_on_the_next_visit(client, cast: Cast) -> None:
    course = add_course(cast.teacher_a.staff_profile, this_year().starts_on, confirmed=False)
    client.force_login(cast.deputy_a)
    assert covered_in_school_a(client) == 0
    url = reverse("records:entry_confirm", args=[course.staff_id, "course", course.pk])
    assert client.post(url).status_code == 302
    client.force_login(cast.director_a)
    assert covered_in_school_a(client) == 1


def test_someone_elses_write_reaches_the_cards_at_once(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert TO_ANSWER not in [c.template for c in home(client)[1]]
    launch("competence", cast.deputy_a, school=cast.school_a)
    assert TO_ANSWER in [c.template for c in home(client)[1]]


def test_users_never_see_each_others_cards(client, cast: Cast) -> None:
    colleague = member(Role.TEACHER, school=cast.school_a)
    meeting_with_decision(council_of(cast.school_a), owner=cast.teacher_a.staff_profile)
    client.force_login(cast.teacher_a)
    assert MINE in home(client)[0]
    client.force_login(colleague)
    assert MINE not in home(client)[0]
    client.force_login(cast.teacher_b)
    assert MINE not in home(client)[0]

"""Home page cards: the teacher's own dates and follow-ups, the school's course coverage."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory, home_page
from adisker.people.models import Role, RoleMembership
from adisker.records.cycle import CycleStatus
from adisker.records.models import CourseFollowUp
from adisker.records.tests.factories import add_attestation, add_course

TODAY = datetime.date(2026, 3, 2)
D = datetime.date


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("adisker.records.dashboard.today", lambda: TODAY)


def home_card(client, user, template: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    (found,) = [c for c in response.context["cards"] if c.template == template]
    return found, response.content.decode()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def test_teacher_card_shows_next_course_and_attestation(client, cast: Cast) -> None:
    teacher = cast.teacher_a.staff_profile
    add_course(teacher, D(2021, 9, 1))
    add_course(teacher, D(2024, 1, 1), confirmed=False)  # not checked yet: does not count
    add_attestation(teacher, D(2026, 2, 1))

    card, html = home_card(client, cast.teacher_a, "records/cards/my_development.html")

    assert card.context["course"].status == CycleStatus.DUE_THIS_YEAR
    assert card.context["course"].due_on == D(2026, 9, 1)
    assert card.context["attestation"].status == CycleStatus.OVERDUE
    assert card.context["attestation"].due_on == D(2026, 2, 1)
    assert teacher.get_record_url() in html


def test_teacher_card_with_nothing_on_record(client, cast: Cast) -> None:
    card, _html = home_card(client, cast.teacher_a, "records/cards/my_development.html")

    assert card.context["course"].status == CycleStatus.NO_RECORD
    assert card.context["attestation"].status == CycleStatus.NO_RECORD
    assert card.context["follow_ups"] == []


def test_teacher_card_lists_follow_ups_due_and_missing(client, cast: Cast) -> None:
    teacher = cast.teacher_a.staff_profile
    due = add_course(teacher, days_ago(30), title="Критериалды бағалау")
    missing = add_course(teacher, days_ago(200), title="Жаңартылған мазмұн")
    unconfirmed = add_course(teacher, days_ago(10), confirmed=False, title="Цифрлық сауаттылық")
    shared = add_course(teacher, days_ago(100), title="Инклюзивті білім")
    CourseFollowUp.objects.create(
        course=shared, kind=CourseFollowUp.Kind.SEMINAR, held_on=days_ago(50), description="…"
    )
    old = add_course(teacher, D(2019, 5, 1), title="Ескі курс")  # before the current period
    # From the staff list: the school's history before Adisker owes no follow-up here.
    imported = add_course(teacher, days_ago(200), title="Тізімнен", imported=True)

    card, html = home_card(client, cast.teacher_a, "records/cards/my_development.html")

    items = [(item.course, item.due_on, item.missing) for item in card.context["follow_ups"]]
    assert items == [
        (missing, days_ago(200 - 90), True),
        (due, days_ago(30 - 90), False),
        (unconfirmed, days_ago(10 - 90), False),
    ]
    for course in (due, missing, unconfirmed):
        assert reverse("records:follow_up", args=[teacher.pk, course.pk]) in html
    for course in (shared, old, imported):
        assert reverse("records:follow_up", args=[teacher.pk, course.pk]) not in html


def school_a_courses(cast: Cast) -> None:
    """Of school A's five: one up to date, one due this year, one overdue, two never trained."""
    add_course(cast.teacher_a.staff_profile, D(2024, 5, 10))
    add_course(cast.head_a.staff_profile, D(2021, 9, 1))
    add_course(cast.facilitator_a.staff_profile, D(2021, 1, 15))
    add_course(cast.facilitator_a.staff_profile, D(2018, 1, 15))
    add_course(cast.director_a.staff_profile, D(2025, 1, 15), confirmed=False)
    # Another school's staff count for that school only.
    add_course(cast.teacher_b.staff_profile, D(2019, 1, 1))


def test_school_card_counts_coverage(client, cast: Cast) -> None:
    school_a_courses(cast)

    card, html = home_card(client, cast.deputy_a, "records/cards/school_courses.html")

    (school,) = card.context["schools"]
    row = school.coverage
    assert row.school == cast.school_a
    assert (row.teachers, row.covered) == (5, 2)
    assert (row.overdue, row.due_this_year, row.no_record) == (1, 1, 2)
    assert school.percent_width == 40
    assert 'style="width: 40%"' in html
    listed = [item.staff for item in school.overdue]
    never = {cast.deputy_a.staff_profile, cast.director_a.staff_profile}
    assert set(listed[:2]) == never  # never trained come first
    assert listed[2] == cast.facilitator_a.staff_profile
    assert school.overdue[2].cycle.due_on == D(2026, 1, 15)
    assert school.more == 0
    for staff in listed:
        assert staff.get_record_url() in html
    assert cast.teacher_b.staff_profile.get_record_url() not in html


def test_school_card_names_ten_and_counts_the_rest(client, cast: Cast) -> None:
    school_a_courses(cast)
    for _ in range(12):
        StaffProfileFactory(school=cast.school_a)

    card, html = home_card(client, cast.director_a, "records/cards/school_courses.html")

    (school,) = card.context["schools"]
    assert school.late == 15
    assert len(school.overdue) == 10
    assert school.more == 5
    assert cast.facilitator_a.staff_profile.get_record_url() not in html  # eleventh or later


def test_school_card_shows_each_managed_school(client, cast: Cast) -> None:
    school_a_courses(cast)
    RoleMembership.objects.create(
        user=cast.deputy_a, role=Role.DEPUTY_DIRECTOR, school=cast.school_a2
    )
    add_course(StaffProfileFactory(school=cast.school_a2), D(2025, 6, 1))

    card, _html = home_card(client, cast.deputy_a, "records/cards/school_courses.html")

    by_school = {s.coverage.school: s for s in card.context["schools"]}
    assert set(by_school) == {cast.school_a, cast.school_a2}
    assert by_school[cast.school_a2].coverage.covered == 1
    assert by_school[cast.school_a2].overdue == []
    assert len(by_school[cast.school_a].overdue) == 3


def grow(cast: Cast, size: int) -> None:
    """More staff in school A in every state, and more courses on the teacher's record."""
    for n in range(size):
        add_course(StaffProfileFactory(school=cast.school_a), days_ago(100 + n))
        add_course(StaffProfileFactory(school=cast.school_a), D(2019, 1, 1 + n))
        add_attestation(StaffProfileFactory(school=cast.school_a), D(2027, 1, 1 + n))
        add_course(cast.teacher_a.staff_profile, days_ago(10 + n))
        shared = add_course(cast.teacher_a.staff_profile, days_ago(300 + n))
        CourseFollowUp.objects.create(
            course=shared, kind="summary", held_on=days_ago(200), description="…"
        )


@pytest.mark.parametrize("name", ["teacher_a", "deputy_a"])
def test_home_runs_constant_queries_with_the_records_cards(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            home_page(client)
        return len(captured)

    grow(cast, 2)
    few = count()
    grow(cast, 15)
    assert count() == few

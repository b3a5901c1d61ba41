"""The cards of a school's aggregates are read from the cache until the figures they count
change: each write that changes them gives the school a new summary version."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from adisker.core.testing import Cast, StaffProfileFactory, user_cards_expired
from adisker.council.models import PlanItem
from adisker.council.services import copy_plan
from adisker.council.tests.factories import (
    council_of,
    meeting_with_decision,
    plan_with_items,
    structure_of,
    this_year,
)
from adisker.people.models import QualificationCategory
from adisker.records.models import PlannedCourse
from adisker.records.tests.factories import add_course
from adisker.schools.models import AcademicYear, School

SUMMARY_CARDS = {
    "people/cards/school_staff.html",
    "records/cards/school_courses.html",
    "council/cards/plan_progress.html",
    "council/cards/open_decisions.html",
}


def home(client) -> tuple[str, int, dict[str, bool]]:  # type: ignore[no-untyped-def]
    """The summary cards' HTML, the page's queries, and for each summary card whether it was
    built just now (its context is there) rather than read from the cache. The user's own
    cards are built on each visit, so that what changes in the queries is the summary cards'."""
    user_cards_expired(client)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    cards = response.context["cards"]
    summaries = [c for c in cards if c.html is not None and c.template in SUMMARY_CARDS]
    page = response.content.decode()
    assert all(c.html in page for c in summaries)  # as HTML, not escaped
    built = {c.template: bool(c.context) for c in summaries}
    return "".join(c.html for c in summaries), len(captured), built


@pytest.fixture
def school_a_at_work(cast: Cast):  # type: ignore[no-untyped-def]
    """School A with a plan this month and an open decision, so that all four cards show."""
    plan = plan_with_items(cast.school_a)
    meeting_with_decision(council_of(cast.school_a), owner=cast.teacher_a.staff_profile)
    return plan


def test_the_second_visit_reads_the_school_cards_from_the_cache(
    client, cast: Cast, school_a_at_work
) -> None:
    client.force_login(cast.director_a)
    first, first_queries, built = home(client)
    assert set(built) == SUMMARY_CARDS and all(built.values())

    again, queries, built = home(client)

    assert not any(built.values())
    assert again == first
    # Staff by category 2, coverage 2, the plan's progress 2, the decisions by owner 1.
    assert queries == first_queries - 7


def test_managers_of_one_school_share_the_cards_and_others_do_not(
    client, cast: Cast, school_a_at_work
) -> None:
    client.force_login(cast.director_a)
    home(client)
    client.force_login(cast.deputy_a)
    assert not any(home(client)[2].values())
    client.force_login(cast.deputy_b)
    html, _queries, built = home(client)
    assert built["people/cards/school_staff.html"]
    assert cast.school_b.name in html and cast.school_a.name not in html


def test_each_language_has_its_own_cards(client, cast: Cast, school_a_at_work) -> None:
    client.force_login(cast.director_a)
    with translation.override("kk"):
        kazakh = home(client)[0]
    cast.director_a.language = "ru"
    cast.director_a.save(update_fields=["language"])
    russian, _queries, built = home(client)
    assert all(built.values())
    assert "Курсы повышения квалификации" in russian
    assert "Курсы повышения квалификации" not in kazakh


def covered_in_school_a(client) -> tuple[int, bool]:  # type: ignore[no-untyped-def]
    """Staff of school A with a valid course as the card shows it, and whether it was built."""
    response = client.get(reverse("home"))
    (card,) = [c for c in response.context["cards"] if "school_courses" in c.template]
    if not card.context:
        return -1, False
    (school,) = card.context["schools"]
    return school.coverage.covered, True


def test_the_cards_follow_a_course_confirmed_on_the_record(client, cast: Cast) -> None:
    course = add_course(cast.teacher_a.staff_profile, this_year().starts_on, confirmed=False)
    client.force_login(cast.deputy_a)
    assert covered_in_school_a(client) == (0, True)
    assert covered_in_school_a(client) == (-1, False)

    url = reverse("records:entry_confirm", args=[course.staff_id, "course", course.pk])
    assert client.post(url).status_code == 302

    assert covered_in_school_a(client) == (1, True)


def version(school: School) -> int:
    return School.objects.values_list("summary_version", flat=True).get(pk=school.pk)


def course_added(cast: Cast) -> None:
    add_course(cast.teacher_a.staff_profile, this_year().starts_on)


def course_deleted(cast: Cast) -> None:
    add_course(cast.teacher_a.staff_profile, this_year().starts_on)
    School.objects.filter(pk=cast.school_a.pk).update(summary_version=1)
    cast.teacher_a.staff_profile.courses.all().delete()


def staff_added(cast: Cast) -> None:
    StaffProfileFactory(school=cast.school_a)


def staff_renamed(cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    staff.last_name = "Жаңаев"
    staff.save()


def staff_deleted(cast: Cast) -> None:
    cast.teacher_a.staff_profile.delete()


def category_renamed(cast: Cast) -> None:
    category = QualificationCategory.objects.get(code="moderator")
    category.name_ru = "модератор (новое)"
    category.save()


def school_renamed(cast: Cast) -> None:
    school = School.objects.get(pk=cast.school_a.pk)
    school.name_kk = "Жаңа атау"
    school.save()


def planned_course_toggled(cast: Cast) -> None:
    PlannedCourse.objects.create(staff=cast.teacher_a.staff_profile, year=this_year().start_year)


def plan_item_done(cast: Cast) -> None:
    item = PlanItem.objects.filter(plan__school=cast.school_a).first()
    assert item is not None
    item.status = PlanItem.Status.DONE
    item.save()


def plan_item_deleted(cast: Cast) -> None:
    PlanItem.objects.filter(plan__school=cast.school_a).delete()


def plan_copied(cast: Cast) -> None:
    plan = PlanItem.objects.filter(plan__school=cast.school_a).first().plan  # type: ignore[union-attr]
    next_year, _ = AcademicYear.objects.get_or_create(start_year=this_year().start_year + 1)
    School.objects.filter(pk=cast.school_a.pk).update(summary_version=1)
    copy_plan(source=plan, academic_year=next_year)


def decision_added(cast: Cast) -> None:
    meeting_with_decision(structure_of(cast.school_a), owner=cast.head_a.staff_profile)


def meeting_deleted(cast: Cast) -> None:
    meeting, _decision = meeting_with_decision(
        structure_of(cast.school_a), owner=cast.head_a.staff_profile
    )
    School.objects.filter(pk=cast.school_a.pk).update(summary_version=1)
    meeting.delete()  # its decisions go with it


WRITES: list[Callable[[Cast], None]] = [
    course_added,
    course_deleted,
    staff_added,
    staff_renamed,
    staff_deleted,
    category_renamed,
    school_renamed,
    planned_course_toggled,
    plan_item_done,
    plan_item_deleted,
    plan_copied,
    decision_added,
    meeting_deleted,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__)
def test_a_write_of_what_the_cards_count_rebuilds_them(
    cast: Cast, school_a_at_work, write: Callable[[Cast], None]
) -> None:
    School.objects.filter(pk=cast.school_a.pk).update(summary_version=1)
    others = version(cast.school_b)
    write(cast)
    assert version(cast.school_a) != 1
    if write is not category_renamed:  # every school shows the categories
        assert version(cast.school_b) == others


def test_a_move_rebuilds_the_cards_of_both_schools(cast: Cast) -> None:
    School.objects.filter(pk__in=[cast.school_a.pk, cast.school_b.pk]).update(summary_version=1)
    staff = cast.teacher_a.staff_profile
    staff.school = cast.school_b
    staff.save()
    assert version(cast.school_a) != 1
    assert version(cast.school_b) != 1


def test_a_write_elsewhere_leaves_the_cards_cached(client, cast: Cast, school_a_at_work) -> None:
    client.force_login(cast.director_a)
    home(client)
    add_course(cast.teacher_b.staff_profile, this_year().starts_on)
    StaffProfileFactory(school=cast.school_b)
    assert not any(home(client)[2].values())


def test_a_cached_home_page_runs_constant_queries(client, cast: Cast, school_a_at_work) -> None:
    client.force_login(cast.deputy_a)

    def cached_visit() -> int:
        home(client)  # builds the cards after the last change
        queries, built = home(client)[1:]
        assert not any(built.values())
        return queries

    few = cached_visit()
    for _ in range(10):
        add_course(StaffProfileFactory(school=cast.school_a), this_year().starts_on)
    plan_with_items(cast.school_a, count=5)
    assert cached_visit() == few

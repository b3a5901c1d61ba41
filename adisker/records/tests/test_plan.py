"""The perspective plan of courses: rows, the district roll-up, the pages and the toggle."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.records.cycle import CycleStatus
from adisker.records.models import PlannedCourse, QualificationCourse, course_cycle
from adisker.records.plan import (
    coverage,
    coverage_total,
    earliest_valid_course_end,
    plan_outline,
    plan_rows,
    plan_years,
    school_plan,
)
from adisker.schools.models import School

ON = datetime.date(2026, 11, 23)


def add_course(
    staff: StaffProfile,
    finished_on: datetime.date,
    *,
    confirmed: bool = True,
    title: str = "Курс",
    hours: int = 72,
) -> QualificationCourse:
    return QualificationCourse.objects.create(
        staff=staff,
        title=title,
        provider="«Өрлеу»",
        hours=hours,
        format=QualificationCourse.Format.ONLINE,
        started_on=finished_on - datetime.timedelta(days=10),
        finished_on=finished_on,
        confirmed_at=timezone.now() if confirmed else None,
    )


def person(school: School, last_name: str) -> StaffProfile:
    return StaffProfileFactory(school=school, last_name=last_name)


@pytest.fixture
def school(db: None) -> School:
    return SchoolFactory()


def rows_by_name(school: School, on: datetime.date = ON) -> dict[str, object]:
    return {row.staff.last_name: row for row in plan_rows(school.staff.all(), on=on)}


def test_plan_years_span_one_course_period(settings) -> None:  # type: ignore[no-untyped-def]
    assert plan_years(ON) == [2026, 2027, 2028, 2029, 2030]
    settings.QUALIFICATION_COURSE_PERIOD_YEARS = 3
    assert plan_years(ON) == [2026, 2027, 2028]


def test_overdue_and_untrained_teachers_go_into_the_current_year(school: School) -> None:
    add_course(person(school, "Overdue"), datetime.date(2019, 5, 10))
    person(school, "Never")
    add_course(person(school, "Unconfirmed"), datetime.date(2024, 5, 10), confirmed=False)
    rows = rows_by_name(school)
    for name in ("Overdue", "Never", "Unconfirmed"):
        row = rows[name]
        assert row.marked_years == {2026}
        assert [cell.marked for cell in row.cells] == [True, False, False, False, False]
        assert row.cells[0].overdue
    assert rows["Overdue"].cycle.status == CycleStatus.OVERDUE
    assert rows["Never"].last_course is None
    assert rows["Unconfirmed"].last_course is None


def test_a_valid_course_puts_the_next_one_five_years_on(school: School) -> None:
    add_course(person(school, "Valid"), datetime.date(2023, 3, 1))
    add_course(person(school, "DueNow"), datetime.date(2021, 12, 31))
    add_course(person(school, "Fresh"), datetime.date(2026, 6, 1))
    rows = rows_by_name(school)
    assert rows["Valid"].marked_years == {2028}
    assert rows["DueNow"].marked_years == {2026}
    assert not rows["DueNow"].cells[0].overdue
    # Due in 2031, past the plan's last column: nothing marked, and that is right.
    assert rows["Fresh"].due_year == 2031
    assert not any(cell.marked for cell in rows["Fresh"].cells)


def test_the_latest_confirmed_course_is_shown(school: School) -> None:
    staff = person(school, "Several")
    add_course(staff, datetime.date(2018, 5, 1), title="Old", hours=36)
    add_course(staff, datetime.date(2023, 4, 1), title="Latest", hours=80)
    add_course(staff, datetime.date(2025, 4, 1), title="Unchecked", confirmed=False)
    row = rows_by_name(school)["Several"]
    assert (row.last_course.title, row.last_course.hours) == ("Latest", 80)
    assert row.last_course.finished_on == datetime.date(2023, 4, 1)


def test_planned_years_override_the_computed_one(school: School) -> None:
    staff = person(school, "Planned")
    add_course(staff, datetime.date(2023, 3, 1))
    PlannedCourse.objects.create(staff=staff, year=2027)
    PlannedCourse.objects.create(staff=staff, year=2035)  # outside the plan: ignored
    late = person(school, "LatePlanned")
    PlannedCourse.objects.create(staff=late, year=2029)
    rows = rows_by_name(school)
    assert rows["Planned"].marked_years == {2027}
    assert [c.planned for c in rows["Planned"].cells] == [False, True, False, False, False]
    assert rows["LatePlanned"].marked_years == {2029}
    assert not rows["LatePlanned"].cells[0].marked


def test_school_plan_is_ordered_by_name_and_totals_each_year(school: School) -> None:
    add_course(person(school, "Бекова"), datetime.date(2023, 3, 1))
    person(school, "Әлиев")
    person(school, "Абаев")
    plan = school_plan(school, on=ON)
    assert [row.staff.last_name for row in plan.rows] == ["Абаев", "Бекова", "Әлиев"]
    assert plan.totals == [2, 0, 1, 0, 0]
    assert plan.deputy is None


def test_the_outline_counts_each_year_as_the_whole_plan_does(school: School) -> None:
    """The page's footer comes from the outline, the documents' from every row: they agree."""
    add_course(person(school, "Бекова"), datetime.date(2023, 3, 1))
    add_course(person(school, "Fresh"), datetime.date(2026, 6, 1))  # due after the plan
    add_course(person(school, "Late"), datetime.date(2019, 6, 1))
    add_course(person(school, "Unconfirmed"), datetime.date(2025, 6, 1), confirmed=False)
    planned = person(school, "Planned")
    PlannedCourse.objects.create(staff=planned, year=2027)
    PlannedCourse.objects.create(staff=planned, year=2029)
    PlannedCourse.objects.create(staff=planned, year=2035)  # beyond the plan
    person(school, "Абаев")
    person(SchoolFactory(), "Elsewhere")
    plan = school_plan(school, on=ON)
    outline = plan_outline(school, on=ON)
    assert outline.totals == plan.totals == [3, 1, 1, 1, 0]
    assert outline.staff_ids == [row.staff.pk for row in plan.rows]
    assert outline.years == plan.years


def test_earliest_valid_course_end_agrees_with_the_cycle() -> None:
    day = datetime.date(2027, 12, 20)
    while day < datetime.date(2029, 3, 10):
        earliest = earliest_valid_course_end(day)
        last_day_before = earliest - datetime.timedelta(days=1)
        assert course_cycle(earliest, day).status != CycleStatus.OVERDUE, day
        assert course_cycle(last_day_before, day).status == CycleStatus.OVERDUE, day
        day += datetime.timedelta(days=1)


def test_coverage_counts_each_school(cast: Cast) -> None:
    today_ = today()
    years_ago = datetime.date(today_.year - 5, 1, 1)
    school = SchoolFactory(district=cast.district_a)
    add_course(person(school, "Covered"), today_ - datetime.timedelta(days=30))
    add_course(person(school, "Overdue"), today_ - datetime.timedelta(days=6 * 366))
    due = person(school, "DueThisYear")
    # A course whose five years run out later this year (or today): due, not yet overdue.
    add_course(due, max(years_ago, earliest_valid_course_end(today_)))
    add_course(due, years_ago - datetime.timedelta(days=400))
    person(school, "Never")
    add_course(person(school, "Unconfirmed"), today_ - datetime.timedelta(days=30), confirmed=False)
    PlannedCourse.objects.create(staff=school.staff.get(last_name="Never"), year=today_.year)
    PlannedCourse.objects.create(staff=school.staff.get(last_name="Covered"), year=today_.year + 2)

    rows = coverage(School.objects.filter(district=cast.district_a))
    line = next(row for row in rows if row.school == school)
    assert (line.teachers, line.covered, line.overdue, line.no_record) == (5, 2, 1, 2)
    assert (line.due_this_year, line.planned_this_year) == (1, 1)
    assert line.percent == 40.0
    assert line.goes_this_year == 4
    # The database's counts agree with the rule applied teacher by teacher.
    statuses = [row.cycle.status for row in plan_rows(school.staff.all())]
    assert statuses.count(CycleStatus.OVERDUE) == line.overdue
    assert statuses.count(CycleStatus.NO_RECORD) == line.no_record
    assert statuses.count(CycleStatus.DUE_THIS_YEAR) == line.due_this_year

    school_a = next(row for row in rows if row.school == cast.school_a)
    assert (school_a.teachers, school_a.covered, school_a.no_record) == (5, 0, 5)
    empty = next(row for row in rows if row.school == cast.school_a2)
    assert empty.teachers == 0
    assert empty.percent is None
    total = coverage_total(rows)
    assert (total.teachers, total.covered, total.no_record) == (10, 2, 7)


# Pages


def plan_url(school: School | None = None) -> str:
    url = reverse("records:plan")
    return f"{url}?school={school.pk}" if school else url


@pytest.mark.parametrize("name", ["teacher_a", "head_a", "teacher_b"])
def test_teachers_may_not_see_the_plan(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    assert client.get(plan_url()).status_code == 403
    assert client.get(reverse("records:district_plan")).status_code == 403


@pytest.mark.parametrize("name", ["deputy_a", "director_a"])
def test_school_managers_see_their_school_plan(client, cast: Cast, name: str) -> None:
    add_course(cast.teacher_a.staff_profile, datetime.date(2023, 3, 1), title="Сыни тұрғыдан")
    client.force_login(cast.user(name))
    response = client.get(plan_url())
    assert response.status_code == 200
    plan = response.context["plan"]
    assert plan.school == cast.school_a
    assert len(response.context["rows"]) == 5 and len(plan.staff_ids) == 5
    assert school_plan(cast.school_a).deputy == cast.deputy_a.staff_profile
    content = response.content.decode()
    assert "Сыни тұрғыдан" in content
    assert response.context["can_plan"] is (name == "deputy_a")
    assert ("hx-post" in content) is (name == "deputy_a")


def test_managers_may_not_open_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_b)
    assert client.get(plan_url(cast.school_a)).status_code == 404
    assert client.get(reverse("records:plan") + "?school=abc").status_code == 404


def test_methodologist_sees_the_district_schools(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    response = client.get(plan_url(cast.school_a2))
    assert response.status_code == 200
    assert response.context["plan"].school == cast.school_a2
    assert not response.context["can_plan"]
    assert list(response.context["schools"]) == sorted(
        [cast.school_a, cast.school_a2], key=lambda s: (s.name_kk, s.pk)
    )
    assert client.get(plan_url(cast.school_b)).status_code == 404
    # Without a school of their own, the menu's link opens the district roll-up.
    response = client.get(plan_url())
    assert response.status_code == 302
    assert response.url == reverse("records:district_plan")


def test_the_menu_offers_the_plan_to_managers_only(client, cast: Cast) -> None:
    for name, shown in [("teacher_a", False), ("deputy_a", True), ("methodologist_a", True)]:
        client.force_login(cast.user(name))
        menu = [item.url_name for item in client.get(reverse("home")).context["nav_items"]]
        assert ("records:plan" in menu) is shown, name


def test_plan_page_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(plan_url()).status_code == 200
        return len(captured)

    few = count()
    for index in range(8):
        staff = StaffProfileFactory(school=cast.school_a)
        add_course(staff, datetime.date(2020 + index % 5, 3, 1))
        PlannedCourse.objects.create(staff=staff, year=today().year + index % 3)
    assert count() == few


def test_a_large_school_plan_comes_a_page_at_a_time_with_whole_school_totals(
    client, cast: Cast, settings
) -> None:
    settings.PAGE_SIZE = 3
    client.force_login(cast.deputy_a)
    first = client.get(plan_url())
    shown = first.context["rows"]
    assert len(shown) == 3 and first.context["page"].paginator.count == 5
    # The totals in the footer still count the whole school.
    assert sum(first.context["plan"].totals) == 5
    second = client.get(plan_url(cast.school_a) + "&page=2")
    assert len(second.context["rows"]) == 2
    names = [row.staff.pk for row in shown] + [row.staff.pk for row in second.context["rows"]]
    assert names == [row.staff.pk for row in school_plan(cast.school_a).rows]
    assert "page=2" in first.content.decode()


def test_a_toggle_and_a_renamed_position_show_on_the_next_visit(client, cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    year = today().year + 2
    client.force_login(cast.deputy_a)

    def visit() -> str:
        response = client.get(plan_url())
        assert response.status_code == 200
        return response.content.decode()

    assert 'aria-pressed="true"' not in visit()
    toggle(client, staff, year)
    assert visit().count('aria-pressed="true"') == 1
    staff.position.name_kk = "Бастауыш сынып мұғалімі"
    staff.position.save()
    assert "Бастауыш сынып мұғалімі" in visit()


# The toggle


def toggle_url(staff: StaffProfile) -> str:
    return reverse("records:plan_toggle", args=[staff.pk])


def toggle(client, staff: StaffProfile, year: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(toggle_url(staff), {"year": year}, **headers)


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher_a", 403), ("director_a", 403), ("methodologist_a", 403), ("deputy_b", 404)],
)
def test_only_the_school_deputy_plans(client, cast: Cast, name: str, status: int) -> None:
    staff = cast.teacher_a.staff_profile
    client.force_login(cast.user(name))
    assert toggle(client, staff, today().year + 1).status_code == status
    assert not PlannedCourse.objects.exists()


def test_deputy_plans_a_year_and_takes_it_back(client, cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    year = today().year + 2
    client.force_login(cast.deputy_a)
    response = toggle(client, staff, year, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert PlannedCourse.objects.get().year == year
    assert response.templates[0].name == "records/plan_toggled.html"
    content = response.content.decode()
    assert content.lstrip().startswith(f'<tr id="plan-row-{staff.pk}" hx-target="this"')
    assert 'hx-swap-oob="true"' in content
    assert content.count('aria-pressed="true"') == 1

    response = toggle(client, staff, year)
    assert response.status_code == 302
    assert response.url == plan_url(cast.school_a)
    assert not PlannedCourse.objects.exists()


def test_toggle_refuses_years_outside_the_plan_and_get(client, cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    client.force_login(cast.deputy_a)
    assert toggle(client, staff, today().year - 1).status_code == 404
    assert toggle(client, staff, plan_years()[-1] + 1).status_code == 404
    assert toggle(client, staff, "next").status_code == 404
    assert client.post(toggle_url(staff)).status_code == 404
    assert client.get(toggle_url(staff), {"year": today().year}).status_code == 405
    assert not PlannedCourse.objects.exists()


def test_admin_may_plan_anywhere(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    assert toggle(client, cast.teacher_b.staff_profile, today().year).status_code == 302
    assert PlannedCourse.objects.get().staff == cast.teacher_b.staff_profile


# The district roll-up


def district_url(district_pk: int | None = None) -> str:
    url = reverse("records:district_plan")
    return f"{url}?district={district_pk}" if district_pk else url


def coverage_shown(response) -> dict[School, list[str]]:  # type: ignore[no-untyped-def]
    """Each school's row of the district's table as the reader sees it, built or cached: staff,
    covered, coverage, overdue, no course, due, planned."""
    page = lxml.html.fromstring(response.content)
    found = {}
    for row in page.xpath("//tbody/tr[th/a]"):
        school = parse_qs(urlsplit(row.xpath("th/a")[0].get("href")).query)["school"][0]
        found[School.objects.get(pk=school)] = [
            td.text_content().split()[0] for td in row.xpath("td")
        ]
    return found


def test_methodologist_sees_every_school_of_the_district(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    response = client.get(district_url())
    assert response.status_code == 200
    assert response.context["district"] == cast.district_a
    # One district: nothing to choose.
    assert districts_offered(response) == (set(), [])
    shown = coverage_shown(response)
    assert set(shown) == {cast.school_a, cast.school_a2}
    assert sum(int(row[0]) for row in shown.values()) == 5
    assert client.get(district_url(cast.district_b.pk)).status_code == 404


@pytest.mark.parametrize("name", ["deputy_a", "director_a"])
def test_school_managers_see_their_own_row_only(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    response = client.get(district_url(cast.district_a.pk))
    assert response.status_code == 200
    assert list(coverage_shown(response)) == [cast.school_a]
    assert cast.school_a2.name_kk not in response.content.decode()
    assert client.get(district_url(cast.district_b.pk)).status_code == 404


def districts_offered(response) -> tuple[set[int], list[int]]:  # type: ignore[no-untyped-def]
    """The districts of the page's choice, and the chosen one."""
    page = lxml.html.fromstring(response.content)
    options = page.xpath("//select[@name='district']/option")
    return {int(o.get("value")) for o in options}, [
        int(o.get("value")) for o in options if o.get("selected") is not None
    ]


def test_admin_sees_any_district(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    response = client.get(district_url(cast.district_b.pk))
    assert list(coverage_shown(response)) == [cast.school_b]
    everything = {cast.district_a.pk, cast.district_b.pk}
    assert districts_offered(response) == (everything, [cast.district_b.pk])
    assert client.get(district_url()).status_code == 200


def test_the_roll_up_counts_a_new_course_on_the_next_visit(client, cast: Cast) -> None:
    staff = StaffProfileFactory(school=cast.school_a)
    StaffProfileFactory(school=cast.school_a2)
    client.force_login(cast.methodologist_a)
    before = coverage_shown(client.get(district_url()))
    add_course(staff, today() - datetime.timedelta(days=30))
    after = coverage_shown(client.get(district_url()))
    assert (before[cast.school_a][1], after[cast.school_a][1]) == ("0", "1")
    assert list(after) == list(before)


def test_each_reader_gets_the_table_of_the_schools_they_see(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    assert set(coverage_shown(client.get(district_url()))) == {cast.school_a, cast.school_a2}
    client.force_login(cast.deputy_a)
    assert list(coverage_shown(client.get(district_url()))) == [cast.school_a]
    client.force_login(cast.methodologist_a)
    assert set(coverage_shown(client.get(district_url()))) == {cast.school_a, cast.school_a2}


def test_district_roll_up_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(district_url()).status_code == 200
        return len(captured)

    few = count()
    for index in range(6):
        school = SchoolFactory(district=cast.district_a)
        for offset in range(4):
            staff = StaffProfileFactory(school=school)
            add_course(staff, datetime.date(2019 + offset, 3, 1 + index))
            PlannedCourse.objects.create(staff=staff, year=today().year)
    response_rows = len(coverage_shown(client.get(district_url())))
    assert response_rows == 8
    assert count() == few

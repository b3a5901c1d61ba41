"""The perspective plan of qualification-upgrade courses (R4).

A school's plan is a table of its staff against the next few calendar years (as many as the
course period), with a mark in the year each one goes on a course: the year the deputy director
planned, or else the year the five-year rule makes it due. The district roll-up counts, per
school, who is covered, overdue and due, in one query whatever the number of schools.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import transaction
from django.db.models import Count, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery

from adisker.lib.dates import today
from adisker.people.models import Role, RoleMembership, StaffProfile
from adisker.records.cycle import Cycle, CycleStatus, add_years
from adisker.records.models import PlannedCourse, QualificationCourse, course_cycle
from adisker.schools.models import School

# Statuses whose course belongs in the current year of the plan.
GOES_THIS_YEAR = frozenset({CycleStatus.OVERDUE, CycleStatus.NO_RECORD, CycleStatus.DUE_THIS_YEAR})


def plan_years(on: datetime.date | None = None) -> list[int]:
    """The plan's columns: this calendar year and the following ones, one course period."""
    first = (on or today()).year
    return list(range(first, first + settings.QUALIFICATION_COURSE_PERIOD_YEARS))


def earliest_valid_course_end(on: datetime.date) -> datetime.date:
    """The earliest course end that still counts on `on` (its course is due on `on` or later).

    Not simply `on` minus the period: from 29 February the period back lands on 28 February,
    whose course fell due on 28 February, a day before.
    """
    years = settings.QUALIFICATION_COURSE_PERIOD_YEARS
    earliest = add_years(on, -years)
    if add_years(earliest, years) < on:
        earliest += datetime.timedelta(days=1)
    return earliest


@dataclass(frozen=True)
class LastCourse:
    finished_on: datetime.date
    title: str
    hours: int


def due_year(cycle: Cycle, first_year: int) -> int:
    """The year the rule puts the next course in; overdue or never trained means now."""
    if cycle.status in GOES_THIS_YEAR or cycle.due_on is None:
        return first_year
    return cycle.due_on.year


def marked_years(planned: frozenset[int], cycle: Cycle, first_year: int) -> frozenset[int]:
    """The years a person's row is marked in: the deputy's plan where there is one, else the
    due year."""
    return planned or frozenset({due_year(cycle, first_year)})


@dataclass(frozen=True)
class PlanCell:
    year: int
    marked: bool
    planned: bool
    overdue: bool


@dataclass(frozen=True)
class PlanRow:
    staff: StaffProfile
    last_course: LastCourse | None
    cycle: Cycle
    planned_years: frozenset[int]
    years: tuple[int, ...]

    @property
    def due_year(self) -> int:
        return due_year(self.cycle, self.years[0])

    @property
    def marked_years(self) -> frozenset[int]:
        return marked_years(self.planned_years, self.cycle, self.years[0])

    @property
    def cells(self) -> list[PlanCell]:
        marked = self.marked_years
        late = self.cycle.status in (CycleStatus.OVERDUE, CycleStatus.NO_RECORD)
        return [
            PlanCell(
                year=year,
                marked=year in marked,
                planned=year in self.planned_years,
                overdue=late and year == self.years[0] and year in marked,
            )
            for year in self.years
        ]

    @property
    def subjects(self) -> str:
        return ", ".join(subject.name for subject in self.staff.subjects.all())


@dataclass(frozen=True)
class SchoolPlan:
    school: School
    years: tuple[int, ...]
    rows: list[PlanRow]
    deputy: StaffProfile | None
    director: StaffProfile | None

    @cached_property
    def totals(self) -> list[int]:
        """How many go on a course each year: what the school asks the district for."""
        return [sum(year in row.marked_years for row in self.rows) for year in self.years]


PLAN_ORDER = ("last_name", "first_name", "patronymic", "pk")


def latest_course() -> QuerySet[QualificationCourse]:
    """The latest confirmed course of the staff member of the outer query."""
    latest = QualificationCourse.objects.confirmed().filter(staff=OuterRef("pk"))
    return latest.order_by("-finished_on", "-pk")


def with_last_course(staff: QuerySet[StaffProfile]) -> QuerySet[StaffProfile]:
    """Annotate the end, title and hours of each one's latest confirmed course."""
    latest = latest_course()
    return staff.annotate(
        last_course_on=Subquery(latest.values("finished_on")[:1]),
        last_course_title=Subquery(latest.values("title")[:1]),
        last_course_hours=Subquery(latest.values("hours")[:1]),
    )


def for_plan(staff: QuerySet[StaffProfile], years: list[int]) -> QuerySet[StaffProfile]:
    """Everything a plan row shows, in a fixed number of queries, ordered by name."""
    planned = PlannedCourse.objects.filter(year__gte=years[0], year__lte=years[-1])
    return (
        with_last_course(staff)
        .select_related("position", "category")
        .prefetch_related(
            "subjects", Prefetch("planned_courses", queryset=planned, to_attr="planned_in_plan")
        )
        .order_by(*PLAN_ORDER)
    )


def plan_rows(staff: QuerySet[StaffProfile], *, on: datetime.date | None = None) -> list[PlanRow]:
    on = on or today()
    years = plan_years(on)
    rows = []
    for person in for_plan(staff, years):
        last = None
        if person.last_course_on is not None:
            last = LastCourse(
                person.last_course_on, person.last_course_title, person.last_course_hours
            )
        rows.append(
            PlanRow(
                staff=person,
                last_course=last,
                cycle=course_cycle(person.last_course_on, on),
                planned_years=frozenset(p.year for p in person.planned_in_plan),
                years=tuple(years),
            )
        )
    return rows


def school_plan(school: School, *, on: datetime.date | None = None) -> SchoolPlan:
    on = on or today()
    signers = school_signers(school)
    return SchoolPlan(
        school=school,
        years=tuple(plan_years(on)),
        rows=plan_rows(StaffProfile.objects.filter(school=school), on=on),
        deputy=signers.get(Role.DEPUTY_DIRECTOR),
        director=signers.get(Role.DIRECTOR),
    )


@dataclass(frozen=True)
class PlanOutline:
    """A school's plan without its rows: the staff in the plan's order and each year's total,
    which is what a page of the plan needs beyond its own rows."""

    school: School
    years: tuple[int, ...]
    staff_ids: list[int]
    totals: list[int]


def plan_outline(school: School, *, on: datetime.date | None = None) -> PlanOutline:
    """Two narrow queries, a pair of values a person, instead of every row of a large school
    with its subjects and courses (the page shows 25 of them)."""
    on = on or today()
    years = plan_years(on)
    staff = (
        StaffProfile.objects.filter(school=school)
        .annotate(last_course_on=Subquery(latest_course().values("finished_on")[:1]))
        .order_by(*PLAN_ORDER)
        .values_list("pk", "last_course_on")
    )
    planned: dict[int, set[int]] = {}
    in_plan = PlannedCourse.objects.filter(
        staff__school=school, year__gte=years[0], year__lte=years[-1]
    )
    for staff_id, year in in_plan.values_list("staff_id", "year"):
        planned.setdefault(staff_id, set()).add(year)
    totals = dict.fromkeys(years, 0)
    staff_ids = []
    for pk, last_course_on in staff:
        staff_ids.append(pk)
        cycle = course_cycle(last_course_on, on)
        for year in marked_years(frozenset(planned.get(pk, ())), cycle, years[0]):
            if year in totals:  # due after the plan's last year
                totals[year] += 1
    return PlanOutline(school, tuple(years), staff_ids, list(totals.values()))


def school_outline(school_id: int) -> PlanOutline:
    """`plan_outline` of a school by its id, for the shared cache (lib.caching): deputies and
    directors come back to the plan all year, and a large school's outline reads 1,000 rows."""
    return plan_outline(School.objects.get(pk=school_id))


def page_rows(staff_ids: tuple[int, ...]) -> list[PlanRow]:
    """`plan_rows` of one page of the plan, for the shared cache."""
    return plan_rows(StaffProfile.objects.filter(pk__in=staff_ids))


def school_signers(school: School) -> dict[str, StaffProfile]:
    """The school's deputy director and director, where they have a staff profile there."""
    memberships = (
        RoleMembership.objects.filter(
            school=school,
            role__in=[Role.DEPUTY_DIRECTOR, Role.DIRECTOR],
            user__staff_profile__school=school,
        )
        .select_related("user__staff_profile")
        .order_by("user__staff_profile__last_name", "user__staff_profile__first_name", "pk")
    )
    found: dict[str, StaffProfile] = {}
    for membership in memberships:
        found.setdefault(membership.role, membership.user.staff_profile)
    return found


@transaction.atomic
def toggle_planned_course(*, staff: StaffProfile, year: int) -> bool:
    """Plan `staff`'s course in `year`, or take it out of the plan; True when now planned."""
    deleted, _ = PlannedCourse.objects.filter(staff=staff, year=year).delete()
    if deleted:
        return False
    PlannedCourse.objects.create(staff=staff, year=year)
    return True


# District roll-up


@dataclass(frozen=True)
class Coverage:
    """One school's line of the district roll-up (or the total line, without a school)."""

    school: School | None
    teachers: int
    covered: int
    overdue: int
    no_record: int
    due_this_year: int
    planned_this_year: int

    @property
    def percent(self) -> float | None:
        """Share of staff with a course within the period, to one decimal."""
        if not self.teachers:
            return None
        return round(100 * self.covered / self.teachers, 1)

    @property
    def goes_this_year(self) -> int:
        return self.overdue + self.no_record + self.due_this_year


def coverage(schools: QuerySet[School], *, on: datetime.date | None = None) -> list[Coverage]:
    """Per school, counted in the database in one query: staff, those whose latest confirmed
    course is within the period, overdue, never trained, due this year, planned this year.

    Counting distinct staff over the staff × courses join turns "latest course after X" into
    "some course after X", which needs no per-teacher subquery: covered means a course since
    the earliest end still valid; due this year means covered but no course since the start of
    the year whose courses fall due next year. Planned courses join on the year, at most one
    row a person, so they do not multiply the rows. (A correlated subquery for them would be
    repeated for every joined row.)
    """
    on = on or today()
    years = settings.QUALIFICATION_COURSE_PERIOD_YEARS
    confirmed = Q(staff__courses__confirmed_at__isnull=False)
    counts_next_year = datetime.date(on.year - years + 1, 1, 1)
    annotated = (
        schools.annotate(
            planned_now=FilteredRelation(
                "staff__planned_courses", condition=Q(staff__planned_courses__year=on.year)
            )
        )
        .annotate(
            teachers=Count("staff", distinct=True),
            with_course=Count("staff", distinct=True, filter=confirmed),
            covered=Count(
                "staff",
                distinct=True,
                filter=confirmed
                & Q(staff__courses__finished_on__gte=earliest_valid_course_end(on)),
            ),
            covered_next_year=Count(
                "staff",
                distinct=True,
                filter=confirmed & Q(staff__courses__finished_on__gte=counts_next_year),
            ),
            planned=Count("planned_now", distinct=True),
        )
        .order_by("name_kk", "pk")
    )
    return [
        Coverage(
            school=school,
            teachers=school.teachers,
            covered=school.covered,
            overdue=school.with_course - school.covered,
            no_record=school.teachers - school.with_course,
            due_this_year=school.covered - school.covered_next_year,
            planned_this_year=school.planned,
        )
        for school in annotated
    ]


def schools_coverage(school_ids: tuple[int, ...]) -> list[Coverage]:
    """`coverage` of these schools, for the shared cache (lib.caching): each school's figures
    are the same for everyone who may see the school, and a district's count 2,000 staff's
    courses."""
    return coverage(School.objects.filter(pk__in=school_ids))


def coverage_total(rows: list[Coverage]) -> Coverage:
    return Coverage(
        school=None,
        teachers=sum(r.teachers for r in rows),
        covered=sum(r.covered for r in rows),
        overdue=sum(r.overdue for r in rows),
        no_record=sum(r.no_record for r in rows),
        due_this_year=sum(r.due_this_year for r in rows),
        planned_this_year=sum(r.planned_this_year for r in rows),
    )

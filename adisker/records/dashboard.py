"""Home page cards of the professional record: the teacher's own dates and follow-ups, and,
for school managers, the school's course coverage with the list of those overdue."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from adisker.core.dashboard import Card, own_card, school_card
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.records.cycle import Cycle, add_years
from adisker.records.models import (
    QualificationCourse,
    attestation_cycle,
    course_cycle,
    with_cycle_dates,
)
from adisker.records.plan import Coverage, coverage, earliest_valid_course_end, with_last_course
from adisker.schools.models import School

# How many of a school's overdue staff the card names; the rest are counted.
OVERDUE_LISTED = 10


@dataclass(frozen=True)
class FollowUpItem:
    course: QualificationCourse
    due_on: datetime.date
    missing: bool


def follow_ups_of(staff: StaffProfile, *, on: datetime.date) -> list[FollowUpItem]:
    """Courses of the current period still waiting for their follow-up (R5), oldest first.

    Older courses are left out: they predate the cycle that counts and can no longer be
    shared as news, so listing them would only bury the ones that can.
    """
    since = add_years(on, -settings.QUALIFICATION_COURSE_PERIOD_YEARS)
    courses = (
        QualificationCourse.objects.filter(staff=staff, finished_on__gte=since)
        .awaiting_follow_up(on)
        .order_by("finished_on", "pk")
    )
    items = []
    for course in courses:
        due_on = course.follow_up_due_on()
        items.append(FollowUpItem(course, due_on, missing=due_on < on))
    return items


@own_card
def my_development(staff_id: int) -> Card | None:
    profile = StaffProfile.objects.get(pk=staff_id)
    on = today()
    dates = (
        with_cycle_dates(StaffProfile.objects.filter(pk=profile.pk))
        .values("last_course_on", "attestation_until")
        .get()
    )
    context = {
        "profile": profile,
        "course": course_cycle(dates["last_course_on"], on),
        "attestation": attestation_cycle(dates["attestation_until"], on),
        "follow_ups": follow_ups_of(profile, on=on),
    }
    return Card("records/cards/my_development.html", context, order=11)


@dataclass(frozen=True)
class OverdueItem:
    staff: StaffProfile
    cycle: Cycle


@dataclass(frozen=True)
class SchoolCourses:
    coverage: Coverage
    overdue: list[OverdueItem]

    @property
    def late(self) -> int:
        """Everyone without a valid course: overdue or never trained."""
        return self.coverage.overdue + self.coverage.no_record

    @property
    def more(self) -> int:
        return self.late - len(self.overdue)

    @property
    def percent_width(self) -> int:
        return round(self.coverage.percent or 0)


def overdue_staff(
    school_ids: Iterable[int], *, on: datetime.date, limit: int = OVERDUE_LISTED
) -> dict[int, list[OverdueItem]]:
    """Per school, the first `limit` staff without a valid course, never trained first, then
    the longest overdue: one query, whatever the number of schools or staff."""
    late = Q(last_course_on__isnull=True) | Q(last_course_on__lt=earliest_valid_course_end(on))
    staff = (
        with_last_course(StaffProfile.objects.filter(school_id__in=school_ids))
        .filter(late)
        .annotate(
            place=Window(
                RowNumber(),
                partition_by=F("school_id"),
                order_by=[
                    F("last_course_on").asc(nulls_first=True),
                    "last_name",
                    "first_name",
                    "pk",
                ],
            )
        )
        .filter(place__lte=limit)
        .order_by("school_id", "place")
    )
    found: dict[int, list[OverdueItem]] = defaultdict(list)
    for person in staff:
        found[person.school_id].append(OverdueItem(person, course_cycle(person.last_course_on, on)))
    return found


@school_card
def school_courses(school_ids: tuple[int, ...]) -> Card | None:
    """Per managed school: the share with a course within the period, and who is late."""
    on = today()
    overdue = overdue_staff(school_ids, on=on)
    schools = [
        SchoolCourses(row, overdue.get(row.school.pk, []) if row.school else [])
        for row in coverage(School.objects.filter(pk__in=school_ids), on=on)
    ]
    context = {"schools": schools, "years": settings.QUALIFICATION_COURSE_PERIOD_YEARS}
    return Card("records/cards/school_courses.html", context, order=21)

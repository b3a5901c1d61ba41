"""Courses and attestations put straight on a record, confirmed unless told otherwise."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from adisker.people.models import QualificationCategory, StaffProfile
from adisker.records.cycle import add_years
from adisker.records.models import Attestation, QualificationCourse


def add_course(
    staff: StaffProfile, finished_on: datetime.date, *, confirmed: bool = True, **changes: object
) -> QualificationCourse:
    values: dict[str, object] = {
        "title": f"Курс {finished_on:%Y-%m-%d}",
        "provider": "«Өрлеу» БАҰО",
        "hours": 72,
        "format": QualificationCourse.Format.ONLINE,
        "started_on": finished_on - datetime.timedelta(days=11),
        "finished_on": finished_on,
        "confirmed_at": timezone.now() if confirmed else None,
        **changes,
    }
    return QualificationCourse.objects.create(staff=staff, **values)


def add_attestation(
    staff: StaffProfile, valid_until: datetime.date, *, confirmed: bool = True
) -> Attestation:
    return Attestation.objects.create(
        staff=staff,
        category=QualificationCategory.objects.get(code="moderator"),
        assigned_on=add_years(valid_until, -5),
        valid_until=valid_until,
        confirmed_at=timezone.now() if confirmed else None,
    )


def course_ended_for(due_on: datetime.date) -> datetime.date:
    """When a course must have ended for the next one to fall due on `due_on`."""
    return add_years(due_on, -settings.QUALIFICATION_COURSE_PERIOD_YEARS)

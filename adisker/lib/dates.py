"""The academic year runs from 1 September to 31 August."""

from __future__ import annotations

import datetime

from django.utils import timezone

FIRST_MONTH = 9


def academic_start_year(day: datetime.date) -> int:
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def today() -> datetime.date:
    return timezone.localdate()

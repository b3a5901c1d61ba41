"""The five-year rule (R4): courses and attestation recur at a period set in settings.

The period is a setting because regulations change; nothing here hard-codes five.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CycleStatus(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("up to date")
    DUE_THIS_YEAR = "due_this_year", _("due this year")
    OVERDUE = "overdue", _("overdue")
    NO_RECORD = "no_record", _("nothing on record")


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Cycle:
    status: CycleStatus
    due_on: datetime.date | None

    @classmethod
    def after(cls, last: datetime.date | None, *, years: int, today: datetime.date) -> Cycle:
        """Where someone stands when the last course was on `last` and one is owed every
        `years` years. On the anniversary itself it is due; the day after, overdue."""
        return cls.until(add_years(last, years) if last else None, today=today)

    @classmethod
    def until(cls, due_on: datetime.date | None, *, today: datetime.date) -> Cycle:
        if due_on is None:
            return cls(CycleStatus.NO_RECORD, None)
        if due_on < today:
            return cls(CycleStatus.OVERDUE, due_on)
        if due_on.year == today.year:
            return cls(CycleStatus.DUE_THIS_YEAR, due_on)
        return cls(CycleStatus.UP_TO_DATE, due_on)

    @property
    def css(self) -> str:
        return {
            CycleStatus.UP_TO_DATE: "success",
            CycleStatus.DUE_THIS_YEAR: "warning",
            CycleStatus.OVERDUE: "danger",
            CycleStatus.NO_RECORD: "secondary",
        }[self.status]

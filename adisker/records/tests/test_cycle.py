"""The five-year rule at its edges."""

from __future__ import annotations

import datetime

import pytest

from adisker.records.cycle import Cycle, CycleStatus, add_years
from adisker.records.models import course_cycle

D = datetime.date


@pytest.mark.parametrize(
    ("last", "today", "status", "due"),
    [
        (None, D(2026, 11, 23), CycleStatus.NO_RECORD, None),
        # Exactly five years: due on the anniversary, overdue the day after.
        (D(2021, 11, 23), D(2026, 11, 23), CycleStatus.DUE_THIS_YEAR, D(2026, 11, 23)),
        (D(2021, 11, 23), D(2026, 11, 24), CycleStatus.OVERDUE, D(2026, 11, 23)),
        (D(2021, 11, 23), D(2026, 11, 22), CycleStatus.DUE_THIS_YEAR, D(2026, 11, 23)),
        # Due next calendar year: still up to date.
        (D(2022, 1, 1), D(2026, 12, 31), CycleStatus.UP_TO_DATE, D(2027, 1, 1)),
        (D(2021, 12, 31), D(2026, 1, 1), CycleStatus.DUE_THIS_YEAR, D(2026, 12, 31)),
        # A course on 29 February falls due on 28 February of a common year ...
        (D(2020, 2, 29), D(2025, 2, 28), CycleStatus.DUE_THIS_YEAR, D(2025, 2, 28)),
        (D(2020, 2, 29), D(2025, 3, 1), CycleStatus.OVERDUE, D(2025, 2, 28)),
        # A course on 28 February is due on 28 February, leap year or not.
        (D(2019, 2, 28), D(2024, 2, 29), CycleStatus.OVERDUE, D(2024, 2, 28)),
        (D(2011, 5, 25), D(2026, 11, 23), CycleStatus.OVERDUE, D(2016, 5, 25)),
    ],
)
def test_course_cycle(last, today, status, due) -> None:  # type: ignore[no-untyped-def]
    cycle = course_cycle(last, on=today)
    assert (cycle.status, cycle.due_on) == (status, due)


def test_the_period_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.QUALIFICATION_COURSE_PERIOD_YEARS = 3
    assert course_cycle(D(2023, 9, 1), on=D(2026, 9, 2)).status == CycleStatus.OVERDUE
    settings.QUALIFICATION_COURSE_PERIOD_YEARS = 5
    assert course_cycle(D(2023, 9, 1), on=D(2026, 9, 2)).status == CycleStatus.UP_TO_DATE


def test_add_years_keeps_leap_days_in_leap_years() -> None:
    assert add_years(D(2020, 2, 29), 4) == D(2024, 2, 29)
    assert add_years(D(2020, 2, 29), 1) == D(2021, 2, 28)


def test_attestation_is_due_when_the_category_expires() -> None:
    cycle = Cycle.until(D(2026, 11, 23), today=D(2026, 11, 24))
    assert cycle.status == CycleStatus.OVERDUE
    assert cycle.css == "danger"

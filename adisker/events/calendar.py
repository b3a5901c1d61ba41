"""The month view: weeks from Monday to Sunday, each day with the events it covers."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from adisker.events.models import Event
from adisker.lib.dates import today

# A district sees hundreds of events a month and the whole country hundreds of thousands: a day
# shows the first few, and how many more the list holds.
DAY_LIMIT = 4


@dataclass(frozen=True)
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[Event]
    more: int = 0

    @property
    def iso(self) -> str:
        return self.date.isoformat()


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list[list[Day]]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month and day.events]

    @property
    def weekdays(self) -> list[datetime.date]:
        return [day.date for day in self.weeks[0]]


def month_dates(year: int, month: int) -> list[list[datetime.date]]:
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)


def grid_range(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The local start of the grid's first day and of the day after its last."""
    weeks = month_dates(year, month)
    first, last = weeks[0][0], weeks[-1][-1] + datetime.timedelta(days=1)
    return (
        timezone.make_aware(datetime.datetime.combine(first, datetime.time())),
        timezone.make_aware(datetime.datetime.combine(last, datetime.time())),
    )


def first_of_each_day(events: QuerySet[Event]) -> QuerySet[Event]:
    """At most DAY_LIMIT events starting on each local day, the earliest first, each with
    `starts_that_day`: how many start on its day, counted in the same query."""
    day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    ranked = Window(RowNumber(), partition_by=[day], order_by=[F("starts_at").asc(), F("pk").asc()])
    counted = Window(Count("pk"), partition_by=[day])
    return events.annotate(rank=ranked, starts_that_day=counted).filter(rank__lte=DAY_LIMIT)


def build_month(year: int, month: int, events: Iterable[Event]) -> Month:
    """`events` from `first_of_each_day`: the first few of each day, with how many start then."""
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    starts: dict[datetime.date, int] = {}
    for event in events:
        # Worked out once here rather than in each of the grid's and the list's places: a
        # district's month shows a hundred and fifty events.
        event.link = event.get_absolute_url()  # type: ignore[attr-defined]
        event.times = (  # type: ignore[attr-defined]
            f"{timezone.localtime(event.starts_at):%H:%M}",
            f"{timezone.localtime(event.ends_at):%H:%M}",
        )
        days = event.local_days()
        starts[days[0]] = event.starts_that_day  # type: ignore[attr-defined]
        for day in days:
            by_day[day].append(event)
    now = today()
    weeks = [
        [
            Day(
                date,
                date.month == month,
                date == now,
                by_day.get(date, []),
                max(0, starts.get(date, 0) - DAY_LIMIT),
            )
            for date in week
        ]
        for week in month_dates(year, month)
    ]
    return Month(datetime.date(year, month, 1), weeks)


def requested_month(year: str | None, month: str | None) -> tuple[int, int]:
    """The month asked for in the query string, or the current one if absent or nonsense."""
    now = today()
    try:
        y, m = int(year or now.year), int(month or now.month)
    except ValueError:
        return now.year, now.month
    if not (1 <= m <= 12 and 2000 <= y <= 2100):
        return now.year, now.month
    return y, m

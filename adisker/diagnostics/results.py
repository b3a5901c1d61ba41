"""Results by dimension and level: per teacher, per school, per district, against the last
campaign (R17), and the geometry of their bar charts.

Anonymous instruments: a group of fewer than MIN_ANONYMOUS_GROUP answers is never shown, and
a district's figure is computed only over the schools that are shown — otherwise subtracting
the shown schools from the total would give the hidden school's figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.functional import Promise

from adisker.diagnostics.models import (
    MIN_ANONYMOUS_GROUP,
    Campaign,
    Dimension,
    DimensionScore,
    Invitation,
    Level,
    Response,
)
from adisker.diagnostics.scoring import average, level_for
from adisker.people.models import StaffProfile
from adisker.schools.models import School


@dataclass
class Tally:
    """The self-answers of a group in one dimension: how many, the sum of their scores and how
    many reached each level. Counted and summed by the database, so a results page reads a few
    rows per school however many teachers answered."""

    n: int = 0
    total: Decimal = Decimal(0)
    by_level: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, other: Tally) -> None:
        self.n += other.n
        self.total += other.total
        for level_id, n in other.by_level.items():
            self.by_level[level_id] += n

    @property
    def mean(self) -> Decimal | None:
        return average(self.total, self.n)


# school id → dimension id → the tally of its self-answers
Collected = dict[int, dict[int, Tally]]


def collect(campaign: Campaign, school_ids: Iterable[int]) -> Collected:
    rows = (
        DimensionScore.objects.filter(
            response__campaign=campaign,
            response__role=Invitation.Role.SELF,
            response__school_id__in=list(school_ids),
        )
        .values("response__school_id", "dimension_id", "level_id")
        .annotate(n=Count("pk"), total=Sum("score"))
        .order_by()
        .values_list("response__school_id", "dimension_id", "level_id", "n", "total")
    )
    found: Collected = defaultdict(lambda: defaultdict(Tally))
    for school_id, dimension_id, level_id, n, total in rows:
        found[school_id][dimension_id].add(Tally(n, total, {level_id: n}))
    return found


@dataclass
class DimensionResult:
    dimension: Dimension
    n: int
    mean: Decimal | None
    level: Level | None
    distribution: list[tuple[Level, int]]
    previous: Decimal | None = None
    # Answers left out because their group was too small to show.
    withheld: int = 0

    @property
    def suppressed(self) -> bool:
        return self.mean is None and self.withheld > 0

    @property
    def change(self) -> Decimal | None:
        if self.mean is None or self.previous is None:
            return None
        return self.mean - self.previous


def _shown(tally: Tally, anonymous: bool) -> bool:
    return not anonymous or tally.n >= MIN_ANONYMOUS_GROUP


def combine(collected: Collected, dimension_id: int, anonymous: bool) -> tuple[Tally, int]:
    """Every school's answers in one dimension, leaving out the schools too small to show;
    and how many answers were left out."""
    found = Tally()
    withheld = 0
    for by_dimension in collected.values():
        tally = by_dimension.get(dimension_id, Tally())
        if _shown(tally, anonymous):
            found.add(tally)
        else:
            withheld += tally.n
    return found, withheld


def summarise(
    dimension: Dimension,
    tally: Tally,
    levels: list[Level],
    *,
    anonymous: bool,
    withheld: int = 0,
) -> DimensionResult:
    if not _shown(tally, anonymous):
        withheld, tally = withheld + tally.n, Tally()
    average = tally.mean
    if average is None:
        return DimensionResult(dimension, 0, None, None, [], withheld=withheld)
    return DimensionResult(
        dimension,
        tally.n,
        average,
        level_for(average, levels),
        [(level, tally.by_level.get(level.pk, 0)) for level in levels],
        withheld=withheld,
    )


@dataclass
class Results:
    campaign: Campaign
    previous_campaign: Campaign | None
    dimensions: list[DimensionResult]
    # For a district: one row per school, each a list of results in dimension order.
    schools: list[tuple[School, list[DimensionResult]]] = field(default_factory=list)

    @property
    def any_shown(self) -> bool:
        return any(r.mean is not None for r in self.dimensions)


def campaign_results(campaign: Campaign, schools: Sequence[School]) -> Results:
    version = campaign.version
    dimensions = list(version.dimensions.order_by("order", "pk"))
    levels = list(version.levels.order_by("min_score"))
    anonymous = campaign.instrument.anonymous
    school_ids = [s.pk for s in schools]
    collected = collect(campaign, school_ids)
    results = []
    for d in dimensions:
        tally, withheld = combine(collected, d.pk, anonymous)
        results.append(summarise(d, tally, levels, anonymous=anonymous, withheld=withheld))
    previous = campaign.previous()
    if previous is not None and previous.results_visible:
        before = previous_means(previous, school_ids, anonymous)
        for result in results:
            result.previous = before.get(result.dimension.code)
    per_school = []
    if len(schools) > 1:
        for school in schools:
            row = [
                summarise(
                    d, collected.get(school.pk, {}).get(d.pk, Tally()), levels, anonymous=anonymous
                )
                for d in dimensions
            ]
            per_school.append((school, row))
    return Results(campaign, previous, results, per_school)


def previous_means(
    previous: Campaign, school_ids: list[int], anonymous: bool
) -> dict[str, Decimal]:
    collected = collect(previous, school_ids)
    codes = dict(previous.version.dimensions.values_list("pk", "code"))
    found = {}
    for dimension_id, code in codes.items():
        tally, _withheld = combine(collected, dimension_id, anonymous)
        if (average := tally.mean) is not None:
            found[code] = average
    return found


@dataclass
class TeacherRow:
    staff: StaffProfile
    scores: dict[int, tuple[Decimal, Level]]  # self, by dimension id
    expert: dict[int, tuple[Decimal, Level]]

    def cells(self, dimensions: Sequence[Dimension]) -> list[tuple[tuple | None, tuple | None]]:
        return [(self.scores.get(d.pk), self.expert.get(d.pk)) for d in dimensions]


def answering_teachers(campaign: Campaign, school_ids: Iterable[int]) -> QuerySet[StaffProfile]:
    """The teachers of these schools that answers are about (their own or the council's), by
    name: what the table by teacher pages through."""
    responses = Response.objects.filter(
        campaign=campaign, school_id__in=list(school_ids), subject__isnull=False
    )
    return StaffProfile.objects.filter(pk__in=responses.values("subject_id")).order_by(
        "last_name", "first_name", "pk"
    )


def teacher_rows(
    campaign: Campaign, school_ids: Iterable[int], *, subjects: Sequence[StaffProfile] | None = None
) -> list[TeacherRow]:
    """Every answering teacher of these schools with their self and expert scores, or only
    `subjects`, in their order."""
    levels = {lv.pk: lv for lv in campaign.version.levels.all()}
    scores = DimensionScore.objects.filter(
        response__campaign=campaign,
        response__school_id__in=list(school_ids),
        response__subject__isnull=False,
    )
    if subjects is None:
        scores = scores.select_related("response__subject").order_by(
            "response__subject__last_name", "response__subject__first_name", "pk"
        )
        rows: dict[int, TeacherRow] = {}
    else:
        scores = scores.filter(response__subject__in=subjects).select_related("response")
        rows = {staff.pk: TeacherRow(staff, {}, {}) for staff in subjects}
    for row in scores:
        entry = rows.get(row.response.subject_id)
        if entry is None:
            entry = rows[row.response.subject_id] = TeacherRow(row.response.subject, {}, {})
        target = entry.expert if row.response.role == Invitation.Role.EXPERT else entry.scores
        target[row.dimension_id] = (row.score, levels[row.level_id])
    return [entry for entry in rows.values() if entry.scores or entry.expert]


@dataclass
class TeacherDimension:
    dimension: Dimension
    own: tuple[Decimal, Level] | None
    expert: tuple[Decimal, Level] | None
    previous: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.own is None or self.previous is None:
            return None
        return self.own[0] - self.previous


def teacher_result(campaign: Campaign, staff: StaffProfile) -> list[TeacherDimension]:
    rows = teacher_rows_for(campaign, staff)
    previous = campaign.previous()
    before: dict[str, Decimal] = {}
    if previous is not None:
        before = dict(
            DimensionScore.objects.filter(
                response__campaign=previous,
                response__subject=staff,
                response__role=Invitation.Role.SELF,
            ).values_list("dimension__code", "score")
        )
    return [
        TeacherDimension(
            d,
            rows.scores.get(d.pk) if rows else None,
            rows.expert.get(d.pk) if rows else None,
            before.get(d.code),
        )
        for d in campaign.version.dimensions.order_by("order", "pk")
    ]


def teacher_rows_for(campaign: Campaign, staff: StaffProfile) -> TeacherRow | None:
    found = teacher_rows(campaign, [staff.school_id], subjects=[staff])
    return found[0] if found else None


# Charts: horizontal bars, one group per dimension, drawn as inline SVG by the template.

CHART_WIDTH = 400
LABEL_WIDTH = 0  # labels sit above their bars so long Kazakh names fit a phone
BAR_HEIGHT = 14
BAR_GAP = 3
LABEL_HEIGHT = 18
GROUP_GAP = 12
SCALE_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    value: Decimal
    series: int


@dataclass(frozen=True)
class BarGroup:
    label: str
    label_y: int
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    title: str
    series: list[str | Promise]
    groups: list[BarGroup]
    height: int
    width: int = CHART_WIDTH
    ticks: tuple[int, ...] = (0, 25, 50, 75, 100)

    @property
    def tick_positions(self) -> list[tuple[int, float]]:
        return [(t, (self.width - 40) * t / 100) for t in self.ticks]


def bar_chart(
    title: str, series: list[str | Promise], rows: Sequence[tuple[str, Sequence[Decimal | None]]]
) -> BarChart:
    """`rows`: (label, one value per series, None when there is none)."""
    groups = []
    y = 0
    span = CHART_WIDTH - 40
    for label, values in rows:
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for series_index, value in enumerate(values):
            if value is None:
                continue
            bars.append(Bar(y, float(value) * span / 100, value, series_index))
            y += BAR_HEIGHT + BAR_GAP
        groups.append(BarGroup(label, label_y, bars))
        y += GROUP_GAP
    return BarChart(title, series, groups, y + SCALE_HEIGHT)

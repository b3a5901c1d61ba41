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

from django.utils.functional import Promise

from adisker.diagnostics.models import (
    MIN_ANONYMOUS_GROUP,
    Campaign,
    Dimension,
    DimensionScore,
    Invitation,
    Level,
)
from adisker.diagnostics.scoring import level_for, mean
from adisker.people.models import StaffProfile
from adisker.schools.models import School

# school id → dimension id → the (score, level id) of each self-answer
Collected = dict[int, dict[int, list[tuple[Decimal, int]]]]


def collect(campaign: Campaign, school_ids: Iterable[int]) -> Collected:
    rows = DimensionScore.objects.filter(
        response__campaign=campaign,
        response__role=Invitation.Role.SELF,
        response__school_id__in=list(school_ids),
    ).values_list("response__school_id", "dimension_id", "score", "level_id")
    found: Collected = defaultdict(lambda: defaultdict(list))
    for school_id, dimension_id, score, level_id in rows:
        found[school_id][dimension_id].append((score, level_id))
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


def _shown(scores: Sequence[tuple[Decimal, int]], anonymous: bool) -> bool:
    return not anonymous or len(scores) >= MIN_ANONYMOUS_GROUP


def combine(
    collected: Collected, dimension_id: int, anonymous: bool
) -> tuple[list[tuple[Decimal, int]], int]:
    """Every school's answers in one dimension, leaving out the schools too small to show;
    and how many answers were left out."""
    found: list[tuple[Decimal, int]] = []
    withheld = 0
    for by_dimension in collected.values():
        scores = by_dimension.get(dimension_id, [])
        if _shown(scores, anonymous):
            found += scores
        else:
            withheld += len(scores)
    return found, withheld


def summarise(
    dimension: Dimension,
    scores: Sequence[tuple[Decimal, int]],
    levels: list[Level],
    *,
    anonymous: bool,
    withheld: int = 0,
) -> DimensionResult:
    if not _shown(scores, anonymous):
        withheld, scores = withheld + len(scores), []
    if not scores:
        return DimensionResult(dimension, 0, None, None, [], withheld=withheld)
    counts: dict[int, int] = defaultdict(int)
    for _score, level_id in scores:
        counts[level_id] += 1
    average = mean(score for score, _level in scores)
    return DimensionResult(
        dimension,
        len(scores),
        average,
        level_for(average, levels) if average is not None else None,
        [(level, counts.get(level.pk, 0)) for level in levels],
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
        scores, withheld = combine(collected, d.pk, anonymous)
        results.append(summarise(d, scores, levels, anonymous=anonymous, withheld=withheld))
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
                    d, collected.get(school.pk, {}).get(d.pk, []), levels, anonymous=anonymous
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
        scores, _withheld = combine(collected, dimension_id, anonymous)
        average = mean(s for s, _level in scores)
        if average is not None:
            found[code] = average
    return found


@dataclass
class TeacherRow:
    staff: StaffProfile
    scores: dict[int, tuple[Decimal, Level]]  # self, by dimension id
    expert: dict[int, tuple[Decimal, Level]]

    def cells(self, dimensions: Sequence[Dimension]) -> list[tuple[tuple | None, tuple | None]]:
        return [(self.scores.get(d.pk), self.expert.get(d.pk)) for d in dimensions]


def teacher_rows(
    campaign: Campaign, school_ids: Iterable[int], *, subject: StaffProfile | None = None
) -> list[TeacherRow]:
    """Every answering teacher of these schools with their self and expert scores, or only
    `subject`."""
    levels = {lv.pk: lv for lv in campaign.version.levels.all()}
    rows: dict[int, TeacherRow] = {}
    scores = (
        DimensionScore.objects.filter(
            response__campaign=campaign,
            response__school_id__in=list(school_ids),
            response__subject__isnull=False,
        )
        .select_related("response__subject")
        .order_by("response__subject__last_name", "response__subject__first_name", "pk")
    )
    if subject is not None:
        scores = scores.filter(response__subject=subject)
    for row in scores:
        staff = row.response.subject
        assert staff is not None
        entry = rows.setdefault(staff.pk, TeacherRow(staff, {}, {}))
        target = entry.expert if row.response.role == Invitation.Role.EXPERT else entry.scores
        target[row.dimension_id] = (row.score, levels[row.level_id])
    return list(rows.values())


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
    found = teacher_rows(campaign, [staff.school_id], subject=staff)
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

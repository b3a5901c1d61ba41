"""Scoring: answers → a score from 0 to 100 per dimension → a level by threshold.

Each scored item gives a fraction of its full score:
- scale and single choice: (chosen option's score − lowest) / (highest − lowest) of the item's
  options, so reverse-worded items simply carry reversed option scores;
- multiple choice: the sum of the chosen options' scores over the sum of all positive ones,
  at most 1;
- number: the value over `number_max`, at most 1.
A dimension's score is the mean fraction of its answered items × 100, to one decimal. A level is
reached when the score is at least its `min_score`; the highest level reached is the one given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from adisker.diagnostics.models import Dimension, InstrumentVersion, Item, Level, Option

ONE_DECIMAL = Decimal("0.1")
# A draft or submitted answer: an option id, a list of option ids, a number or a text.
AnswerValue = Any


@dataclass(frozen=True)
class VersionStructure:
    """A version's items, options, dimensions and levels, loaded in four queries."""

    version: InstrumentVersion
    items: list[Item]
    options: dict[int, list[Option]]  # by item id
    dimensions: list[Dimension]
    levels: list[Level]  # by min_score ascending

    @classmethod
    def load(cls, version: InstrumentVersion) -> VersionStructure:
        items = list(
            Item.objects.filter(section__version=version)
            .select_related("section")
            .order_by("section__order", "section_id", "order", "pk")
        )
        options: dict[int, list[Option]] = defaultdict(list)
        for option in Option.objects.filter(item__section__version=version).order_by("order", "pk"):
            options[option.item_id].append(option)
        return cls(
            version=version,
            items=items,
            options=dict(options),
            dimensions=list(version.dimensions.order_by("order", "pk")),
            levels=list(version.levels.order_by("min_score")),
        )

    def level_for(self, score: Decimal) -> Level:
        return level_for(score, self.levels)


def level_for(score: Decimal, levels: Sequence[Level]) -> Level:
    """The highest level whose threshold the score reaches; the lowest when none is reached."""
    reached = [level for level in levels if score >= level.min_score]
    return reached[-1] if reached else levels[0]


def item_fraction(item: Item, options: Sequence[Option], value: AnswerValue) -> Decimal | None:
    """The share of the item's full score this answer earns, or None when it earns nothing
    countable (unscored item, no answer, unknown option)."""
    if not item.is_scored or value in (None, "", []):
        return None
    if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
        by_id = {o.pk: o.score for o in options}
        if int(value) not in by_id:
            return None
        low, high = min(by_id.values()), max(by_id.values())
        return Decimal(1) if high == low else (by_id[int(value)] - low) / (high - low)
    if item.kind == Item.Kind.MULTIPLE:
        by_id = {o.pk: o.score for o in options}
        full = sum((s for s in by_id.values() if s > 0), Decimal(0))
        if not full:
            return None
        earned = sum((by_id.get(int(v), Decimal(0)) for v in value), Decimal(0))
        return max(Decimal(0), min(Decimal(1), earned / full))
    if item.kind == Item.Kind.NUMBER and item.number_max:
        number = Decimal(str(value))
        return max(Decimal(0), min(Decimal(1), number / item.number_max))
    return None


def dimension_scores(
    structure: VersionStructure, answers: Mapping[int, AnswerValue]
) -> dict[int, Decimal]:
    """Score (0–100, one decimal) per dimension id that has at least one answered item."""
    fractions: dict[int, list[Decimal]] = defaultdict(list)
    for item in structure.items:
        fraction = item_fraction(item, structure.options.get(item.pk, []), answers.get(item.pk))
        if fraction is not None and item.dimension_id is not None:
            fractions[item.dimension_id].append(fraction)
    return {
        dimension_id: (sum(values, Decimal(0)) / len(values) * 100).quantize(
            ONE_DECIMAL, rounding=ROUND_HALF_UP
        )
        for dimension_id, values in fractions.items()
    }


def mean(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    return average(sum(values, Decimal(0)), len(values))


def average(total: Decimal, count: int) -> Decimal | None:
    """A sum over `count` scores as their mean to one decimal; None for no scores."""
    if not count:
        return None
    return (total / count).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

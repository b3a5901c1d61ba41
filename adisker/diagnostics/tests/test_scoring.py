"""Scoring into dimensions and levels, at the thresholds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from adisker.diagnostics.instrument_files import read_specs
from adisker.diagnostics.models import Instrument, Item, Level
from adisker.diagnostics.scoring import VersionStructure, dimension_scores, item_fraction, level_for

from .helpers import answers_for, instrument

pytestmark = pytest.mark.django_db


def levels() -> list[Level]:
    return list(instrument("competence").latest_version().levels.order_by("min_score"))


@pytest.mark.parametrize(
    ("score", "code"),
    [
        ("0", "low"),
        ("49.9", "low"),
        ("50.0", "medium"),
        ("74.9", "medium"),
        ("75.0", "high"),
        ("100", "high"),
    ],
)
def test_it_gives_the_level_whose_threshold_the_score_reaches(score: str, code: str) -> None:
    assert level_for(Decimal(score), levels()).code == code


def test_it_ships_the_six_instruments_in_three_languages() -> None:
    assert Instrument.objects.count() == len(read_specs()) == 6
    for found in Instrument.objects.all():
        assert found.name_kk and found.name_ru and found.name_en
        assert found.description_kk and found.description_ru and found.description_en
        structure = VersionStructure.load(found.latest_version())
        assert structure.items and structure.levels
        assert all(i.text_kk and i.text_ru and i.text_en for i in structure.items)
    assert Instrument.objects.get(code="climate").anonymous
    plc = VersionStructure.load(instrument("plc_maturity").latest_version())
    assert len(plc.dimensions) == 8
    assert "Bolam" in instrument("plc_maturity").description_en


def test_it_scores_a_scale_from_its_lowest_to_its_highest_option() -> None:
    structure = VersionStructure.load(instrument("competence").latest_version())
    item = structure.items[0]
    options = structure.options[item.pk]
    assert [item_fraction(item, options, o.pk) for o in options] == [
        Decimal(0),
        Decimal("0.25"),
        Decimal("0.5"),
        Decimal("0.75"),
        Decimal(1),
    ]


def test_it_scores_reverse_worded_items_backwards() -> None:
    structure = VersionStructure.load(instrument("climate").latest_version())
    reversed_item = next(i for i in structure.items if "conflicts and cliques" in i.text_en)
    options = structure.options[reversed_item.pk]
    strongly_agree = next(o for o in options if o.text_en == "Strongly agree")
    assert item_fraction(reversed_item, options, strongly_agree.pk) == Decimal(0)


def test_it_scores_multiple_choice_and_numbers_as_shares_of_the_full_score() -> None:
    structure = VersionStructure.load(instrument("resources").latest_version())
    by_kind = {i.kind: i for i in structure.items}
    multiple = by_kind[Item.Kind.MULTIPLE]
    options = structure.options[multiple.pk]
    assert item_fraction(multiple, options, [options[0].pk, options[1].pk]) == Decimal("0.5")
    number = next(i for i in structure.items if i.number_max == 20)
    assert item_fraction(number, [], "5") == Decimal("0.25")
    assert item_fraction(number, [], "40") == Decimal(1)
    text = by_kind[Item.Kind.TEXT]
    assert item_fraction(text, [], "a projector") is None


def test_it_averages_a_dimensions_items_to_one_decimal() -> None:
    structure = VersionStructure.load(instrument("competence").latest_version())
    answers = answers_for(structure, {"digital": 1, "research": 5}, default=3)
    # One item of "digital" moved up a step: (0 + 0 + 0 + 0.25) / 4 = 6.25 → 6.3
    digital = next(d for d in structure.dimensions if d.code == "digital")
    first = next(i for i in structure.items if i.dimension_id == digital.pk)
    answers[first.pk] = structure.options[first.pk][1].pk
    scores = {d.code: dimension_scores(structure, answers)[d.pk] for d in structure.dimensions}
    assert scores == {
        "subject_methods": Decimal("50.0"),
        "planning_assessment": Decimal("50.0"),
        "research": Decimal("100.0"),
        "digital": Decimal("6.3"),
        "collaboration": Decimal("50.0"),
    }

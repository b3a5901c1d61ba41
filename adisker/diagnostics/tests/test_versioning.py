"""An edit never changes results already given: used versions are frozen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.diagnostics import services
from adisker.diagnostics.models import DimensionScore, InstrumentVersion, Item

from .helpers import answer, instrument, invitation_of, launch


def test_it_freezes_the_version_a_campaign_uses(cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    assert campaign.version.is_frozen
    assert campaign.version.number == 1


def test_it_puts_new_thresholds_into_a_new_version_and_keeps_given_levels(cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.teacher_a), {}, default=3)  # 50.0 everywhere
    given = DimensionScore.objects.filter(response__campaign=campaign)
    assert {s.level.code for s in given} == {"medium"}

    v2 = services.set_thresholds(instrument("competence"), {"medium": Decimal("60")})

    assert v2.number == 2 and not v2.is_frozen
    assert campaign.version.levels.get(code="medium").min_score == Decimal("50.0")
    assert {s.level.code for s in DimensionScore.objects.filter(response__campaign=campaign)} == {
        "medium"
    }
    # The new version is a full copy, and the next campaign scores against it.
    assert v2.sections.count() == campaign.version.sections.count()
    assert (
        Item.objects.filter(section__version=v2).count()
        == Item.objects.filter(section__version=campaign.version).count()
    )
    later = launch("competence", cast.deputy_a, school=cast.school_a)
    assert later.version == v2
    answer(invitation_of(later, cast.teacher_a), {}, default=3)
    assert {s.level.code for s in DimensionScore.objects.filter(response__campaign=later)} == {
        "low"
    }


def test_it_edits_a_draft_version_in_place(cast: Cast) -> None:
    competence = instrument("competence")
    v1 = competence.latest_version()
    assert not v1.is_frozen
    item = Item.objects.filter(section__version=v1).first()
    version = services.edit_item_text(item, text_kk="жаңа", text_ru="новый", text_en="new")
    assert version == v1
    assert InstrumentVersion.objects.filter(instrument=competence).count() == 1


def test_it_copies_a_used_version_to_change_a_question(cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    item = Item.objects.filter(section__version=campaign.version).order_by("pk").first()
    version = services.edit_item_text(item, text_kk="жаңа", text_ru="новый", text_en="new")
    assert version.number == 2
    item.refresh_from_db()
    assert item.text_en != "new"
    assert Item.objects.filter(section__version=version, text_en="new").count() == 1


def test_it_lets_a_methodologist_change_thresholds_from_the_page(client, cast: Cast) -> None:
    launch("competence", cast.deputy_a, school=cast.school_a)
    competence = instrument("competence")
    levels = {lv.code: lv for lv in competence.latest_version().levels.all()}
    client.force_login(cast.methodologist_a)
    response = client.post(
        reverse("diagnostics:instrument_levels", args=[competence.pk]),
        {f"level-{levels['medium'].pk}": "55", f"level-{levels['high'].pk}": "80"},
    )
    assert response.status_code == 302
    latest = competence.latest_version()
    assert latest.number == 2
    assert {lv.code: lv.min_score for lv in latest.levels.all()} == {
        "low": Decimal("0.0"),
        "medium": Decimal("55.0"),
        "high": Decimal("80.0"),
    }


def test_it_refuses_thresholds_out_of_order(client, cast: Cast) -> None:
    competence = instrument("competence")
    levels = {lv.code: lv for lv in competence.latest_version().levels.all()}
    client.force_login(cast.admin)
    response = client.post(
        reverse("diagnostics:instrument_levels", args=[competence.pk]),
        {f"level-{levels['medium'].pk}": "80", f"level-{levels['high'].pk}": "60"},
    )
    assert response.status_code == 400
    assert (
        levels["medium"].min_score
        == competence.latest_version().levels.get(code="medium").min_score
    )


@pytest.mark.parametrize("name", ["deputy_a", "teacher_a"])
def test_it_refuses_instrument_edits_to_others(client, cast: Cast, name: str) -> None:
    competence = instrument("competence")
    item = Item.objects.filter(section__version=competence.latest_version()).first()
    client.force_login(cast.user(name))
    url = reverse("diagnostics:item_edit", args=[competence.pk, item.pk])
    assert client.post(url, {"text_kk": "x", "text_ru": "x", "text_en": "x"}).status_code == 403
    item.refresh_from_db()
    assert item.text_kk != "x"


def test_it_edits_an_item_from_the_page(client, cast: Cast) -> None:
    competence = instrument("competence")
    item = Item.objects.filter(section__version=competence.latest_version()).first()
    client.force_login(cast.methodologist_a)
    url = reverse("diagnostics:item_edit", args=[competence.pk, item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text_kk": "а", "text_ru": "б", "text_en": "c"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text_kk, item.text_ru, item.text_en) == ("а", "б", "c")


def test_it_shows_instruments_to_those_who_run_diagnostics(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    page = client.get(reverse("diagnostics:instruments"))
    assert page.status_code == 200
    assert len(page.context["instruments"]) == 6
    detail = client.get(reverse("diagnostics:instrument", args=[instrument("plc_maturity").pk]))
    assert "Bolam" in detail.content.decode() or detail.status_code == 200
    client.force_login(cast.teacher_a)
    assert client.get(reverse("diagnostics:instruments")).status_code == 403

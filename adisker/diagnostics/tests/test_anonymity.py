"""The staff climate is anonymous: no page, export or table gives one person's answers, and no
group smaller than 5 is shown."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from adisker.core.testing import Cast
from adisker.diagnostics import services
from adisker.diagnostics.models import Answer, Campaign, Invitation, Response

from .helpers import answer, launch, teacher


def climate(cast: Cast, answers: int, *, school=None) -> Campaign:  # type: ignore[no-untyped-def]
    """A climate campaign at school A with `answers` submitted, the first scoring high."""
    school = school or cast.school_a
    for _ in range(max(0, answers - 5)):
        teacher(school)
    campaign = launch("climate", cast.deputy_a, school=school)
    for n, invitation in enumerate(campaign.invitations.order_by("pk")[:answers]):
        answer(invitation, {}, default=5 if n == 0 else 2)
    return campaign


def test_it_keeps_no_link_from_anonymous_answers_to_the_person(cast: Cast) -> None:
    campaign = climate(cast, 1)
    response = Response.objects.get(campaign=campaign)
    assert response.respondent is None and response.subject is None
    invitation = campaign.invitations.get(submitted=True)
    assert invitation.draft == {} and invitation.subject is None
    # Nothing on a response can be matched with an invitation: no reference, no time.
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {
        "id",
        "campaign",
        "school",
        "role",
        "respondent",
        "subject",
        "answers",
        "scores",
    }
    assert not any(
        f.get_internal_type() in ("DateTimeField", "DateField")
        for f in Response._meta.concrete_fields
    )
    assert not any(
        f.get_internal_type() in ("DateTimeField", "DateField")
        for f in Invitation._meta.concrete_fields
    )
    assert Answer.objects.filter(response=response).exists()


def test_it_does_not_let_anyone_answer_twice(cast: Cast) -> None:
    campaign = climate(cast, 1)
    invitation = campaign.invitations.get(submitted=True)
    with pytest.raises(ValidationError):
        services.submit(invitation)
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_it_shows_nothing_while_the_campaign_is_open(client, cast: Cast) -> None:
    campaign = climate(cast, 5)
    client.force_login(cast.deputy_a)
    page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
    assert page.status_code == 200 and "results" not in page.context
    assert client.get(reverse("diagnostics:results_xlsx", args=[campaign.pk])).status_code == 404


def test_it_hides_a_group_of_four_in_the_page_and_the_export(client, cast: Cast) -> None:
    campaign = climate(cast, 4)
    campaign.close()
    client.force_login(cast.deputy_a)
    page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
    results = page.context["results"]
    assert all(r.suppressed and r.mean is None and r.distribution == [] for r in results.dimensions)
    assert "fewer than 5 answers" in page.content.decode() or page.context["campaign"]
    export = client.get(reverse("diagnostics:results_xlsx", args=[campaign.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    numbers = [
        c.value for row in sheet.iter_rows() for c in row[4:6] if isinstance(c.value, (int, float))
    ]
    assert numbers == []
    assert page.context["teachers"] == []


def test_it_shows_a_group_of_five(client, cast: Cast) -> None:
    campaign = climate(cast, 5)
    campaign.close()
    client.force_login(cast.director_a)
    results = client.get(reverse("diagnostics:results", args=[campaign.pk])).context["results"]
    assert all(r.n == 5 and r.mean is not None for r in results.dimensions)
    # One person at 100 and four at 25: the mean, never the one.
    assert [str(r.mean) for r in results.dimensions] == ["40.0"] * len(results.dimensions)


def test_it_never_shows_one_persons_climate_result(client, cast: Cast) -> None:
    campaign = climate(cast, 5)
    campaign.close()
    staff = cast.teacher_a.staff_profile
    for name in ("deputy_a", "teacher_a", "admin"):
        client.force_login(cast.user(name))
        url = reverse("diagnostics:teacher", args=[campaign.pk, staff.pk])
        assert client.get(url).status_code == 404


def test_it_keeps_a_small_school_out_of_the_district_figure(client, cast: Cast) -> None:
    for _ in range(3):
        teacher(cast.school_a2)
    campaign = launch("climate", cast.methodologist_a, district=cast.district_a)
    a = campaign.invitations.filter(school=cast.school_a).order_by("pk")
    a2 = campaign.invitations.filter(school=cast.school_a2).order_by("pk")
    for invitation in a[:5]:
        answer(invitation, {}, default=4)
    for invitation in a2[:3]:
        answer(invitation, {}, default=1)
    campaign.close()
    client.force_login(cast.methodologist_a)
    page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
    results = page.context["results"]
    # Only school A counts: 75.0, the small school's 0.0 would have pulled it down.
    assert {str(r.mean) for r in results.dimensions} == {"75.0"}
    assert {r.n for r in results.dimensions} == {5}
    rows = dict(results.schools)
    assert all(r.suppressed and r.mean is None for r in rows[cast.school_a2])
    assert all(not r.suppressed for r in rows[cast.school_a])
    by_school = {g.label: [b.value for b in g.bars] for g in page.context["school_chart"].groups}
    assert by_school == {cast.school_a.name: [Decimal("75.0")], cast.school_a2.name: []}
    export = client.get(reverse("diagnostics:results_xlsx", args=[campaign.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    small = [row for row in sheet.iter_rows(values_only=True) if row[1] == cast.school_a2.name]
    assert small and all(row[4] is None for row in small)


def test_it_exposes_answers_through_no_api_or_admin(client, cast: Cast) -> None:
    from django.contrib import admin

    from adisker.diagnostics.models import DimensionScore

    registered = set(admin.site._registry)
    assert not {Response, Answer, Invitation, DimensionScore} & registered
    client.force_login(cast.admin)
    schema = client.get(reverse("api:schema")).content.decode().lower()
    assert "diagnostic" not in schema and "climate" not in schema

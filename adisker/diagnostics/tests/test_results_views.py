"""Results per school and per teacher, the council's assessment beside the self-assessment,
growth against the previous campaign, XLSX."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from adisker.core.testing import Cast
from adisker.diagnostics import services
from adisker.diagnostics.models import Campaign, Invitation

from .helpers import answer, invitation_of, launch, teacher


def answered_campaign(cast: Cast, default: int = 3) -> Campaign:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.teacher_a), {"digital": 5}, default=default)
    answer(invitation_of(campaign, cast.head_a), {"digital": 1}, default=default)
    return campaign


def test_it_shows_the_schools_results_by_dimension_with_a_chart(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    client.force_login(cast.deputy_a)
    page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
    results = {r.dimension.code: r for r in page.context["results"].dimensions}
    assert str(results["digital"].mean) == "50.0" and results["digital"].n == 2
    assert [(lv.code, n) for lv, n in results["digital"].distribution] == [
        ("low", 1),
        ("medium", 0),
        ("high", 1),
    ]
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html and 'id="results-table"' in html
    assert len(page.context["teachers"]) == 2


def test_it_pages_the_table_by_teacher_and_counts_everyone_in_the_means(
    client, cast: Cast, settings
) -> None:
    settings.PAGE_SIZE = 2
    third = teacher(cast.school_a, last_name="Әбенова")
    campaign = answered_campaign(cast)
    answer(invitation_of(campaign, third), {"digital": 5})
    client.force_login(cast.deputy_a)
    url = reverse("diagnostics:results", args=[campaign.pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    names = [
        [row.staff.last_name for row, _cells in page.context["teachers"]]
        for page in (first, second)
    ]
    everyone = sorted(
        [cast.teacher_a.staff_profile.last_name, cast.head_a.staff_profile.last_name, "Әбенова"]
    )
    assert names == [everyone[:2], everyone[2:]]
    assert "?page=2" in first.content.decode()
    digital = next(r for r in second.context["results"].dimensions if r.dimension.code == "digital")
    assert digital.n == 3 and str(digital.mean) == "66.7"


def test_it_compares_with_the_previous_campaign(client, cast: Cast) -> None:
    answered_campaign(cast, default=2)
    later = answered_campaign(cast, default=4)
    client.force_login(cast.director_a)
    page = client.get(reverse("diagnostics:results", args=[later.pk]))
    results = {r.dimension.code: r for r in page.context["results"].dimensions}
    assert str(results["research"].previous) == "25.0"
    assert str(results["research"].change) == "50.0"
    teacher_page = client.get(
        reverse("diagnostics:teacher", args=[later.pk, cast.teacher_a.staff_profile.pk])
    )
    rows = {d.dimension.code: d for d in teacher_page.context["dimensions"]}
    assert str(rows["research"].previous) == "25.0" and str(rows["research"].change) == "50.0"


def test_it_gives_the_district_per_school_aggregates_only(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    client.force_login(cast.methodologist_a)
    page = client.get(reverse("diagnostics:results", args=[campaign.pk]))
    assert page.status_code == 200 and page.context["teachers"] == []
    url = reverse("diagnostics:teacher", args=[campaign.pk, cast.teacher_a.staff_profile.pk])
    assert client.get(url).status_code == 404


def test_it_shows_a_teacher_their_own_results_only(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    client.force_login(cast.teacher_a)
    own = reverse("diagnostics:teacher", args=[campaign.pk, cast.teacher_a.staff_profile.pk])
    page = client.get(own)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    other = reverse("diagnostics:teacher", args=[campaign.pk, cast.head_a.staff_profile.pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("diagnostics:results", args=[campaign.pk])).status_code == 404


def test_it_shows_the_councils_assessment_beside_the_self_assessment(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    staff = cast.teacher_a.staff_profile
    client.force_login(cast.deputy_a)
    page = client.get(campaign.get_absolute_url())
    assert staff in [s for s, _inv in page.context["assessable"]]
    response = client.post(reverse("diagnostics:assess", args=[campaign.pk, staff.pk]))
    expert = Invitation.objects.get(role=Invitation.Role.EXPERT)
    assert response.url == expert.get_absolute_url()
    assert (expert.user, expert.subject) == (cast.deputy_a, staff)
    answer(expert, {"digital": 3}, default=2)
    page = client.get(reverse("diagnostics:teacher", args=[campaign.pk, staff.pk]))
    rows = {d.dimension.code: d for d in page.context["dimensions"]}
    assert (str(rows["digital"].own[0]), str(rows["digital"].expert[0])) == ("100.0", "50.0")
    assert page.context["has_expert"]
    # The expert rating is not a campaign answer: the rate and the school's means ignore it.
    assert client.get(campaign.get_absolute_url()).context["rate"]["answered"] == 2


def test_it_lets_only_the_deputy_assess(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    staff = cast.teacher_a.staff_profile
    client.force_login(cast.director_a)
    url = reverse("diagnostics:assess", args=[campaign.pk, staff.pk])
    assert client.post(url).status_code == 403
    client.force_login(cast.deputy_b)
    assert client.post(url).status_code == 404
    assert not Invitation.objects.filter(role=Invitation.Role.EXPERT).exists()


def test_it_exports_the_results_to_xlsx(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    client.force_login(cast.deputy_a)
    response = client.get(reverse("diagnostics:results_xlsx", args=[campaign.pk]) + "?language=ru")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    names = {row[1] for row in rows}
    assert cast.teacher_a.staff_profile.full_name in names
    digital = [r for r in rows if r[2] == "Цифровая компетентность"]
    assert digital[0][4] == 50.0


def test_it_builds_the_results_page_in_constant_queries(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.teacher_a), {})
    client.force_login(cast.deputy_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("diagnostics:results", args=[campaign.pk])).status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        user = teacher(cast.school_a)
        services.expert_invitation(campaign, user.staff_profile, by=cast.deputy_a)
        invitation = Invitation.objects.create(
            campaign=campaign, user=user, school=cast.school_a, subject=user.staff_profile
        )
        answer(invitation, {"digital": 5})
    assert count() == few


def test_it_builds_a_teachers_page_in_constant_queries(client, cast: Cast) -> None:
    campaign = answered_campaign(cast)
    url = reverse("diagnostics:teacher", args=[campaign.pk, cast.teacher_a.staff_profile.pk])
    client.force_login(cast.deputy_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        user = teacher(cast.school_a)
        invitation = Invitation.objects.create(
            campaign=campaign, user=user, school=cast.school_a, subject=user.staff_profile
        )
        answer(invitation, {"digital": 2})
    assert count() == few

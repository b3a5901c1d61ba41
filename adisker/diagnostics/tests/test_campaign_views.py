"""Launching, following and closing a campaign; reminders; who may do what."""

from __future__ import annotations

import datetime

import lxml.html
import pytest
from django.urls import reverse

from adisker.core.testing import Cast, listed
from adisker.diagnostics.models import Campaign, Invitation
from adisker.lib.dates import today

from .helpers import answer, instrument, invitation_of, launch, teacher


def form(code: str = "competence", scope: str = "") -> dict[str, str]:
    return {
        "instrument": str(instrument(code).pk),
        "title": "Күзгі диагностика",
        "deadline": (today() + datetime.timedelta(days=10)).isoformat(),
        "scope": scope,
    }


def test_it_launches_a_school_campaign_for_every_teacher(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    assert client.get(reverse("diagnostics:campaign_create")).status_code == 200
    response = client.post(
        reverse("diagnostics:campaign_create"), form(scope=f"school-{cast.school_a.pk}")
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == campaign.get_absolute_url()
    assert campaign.school == cast.school_a and campaign.version.is_frozen
    invited = set(campaign.invitations.values_list("user_id", flat=True))
    assert invited == {
        cast.user(n).pk for n in ("teacher_a", "head_a", "facilitator_a", "deputy_a", "director_a")
    }


def test_it_keeps_what_was_typed_when_the_deadline_is_past(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    data = form(scope=f"school-{cast.school_a.pk}") | {"deadline": "2020-01-01"}
    response = client.post(reverse("diagnostics:campaign_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"]
    assert "Күзгі диагностика" in response.content.decode()
    assert not Campaign.objects.exists()


def test_it_refuses_a_scope_the_user_does_not_run(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    client.post(reverse("diagnostics:campaign_create"), form(scope=f"school-{cast.school_b.pk}"))
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("name", ["teacher_a", "director_a"])
def test_it_refuses_launching_to_others(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    response = client.post(
        reverse("diagnostics:campaign_create"), form(scope=f"school-{cast.school_a.pk}")
    )
    assert response.status_code == 403
    assert not Campaign.objects.exists()


def test_it_launches_a_district_inventory_for_each_schools_deputy(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    client.post(
        reverse("diagnostics:campaign_create"),
        form("resources", scope=f"district-{cast.district_a.pk}"),
    )
    campaign = Campaign.objects.get()
    assert campaign.district == cast.district_a
    # School A2 has no deputy director in the cast: only school A's is asked.
    assert list(campaign.invitations.values_list("user_id", "school_id")) == [
        (cast.deputy_a.pk, cast.school_a.pk)
    ]
    page = client.get(campaign.get_absolute_url())
    assert page.status_code == 200
    assert page.context["rate"]["invited"] == 1


def test_it_shows_the_response_rate_live(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.teacher_a), {})
    client.force_login(cast.director_a)
    page = client.get(campaign.get_absolute_url())
    assert page.context["rate"] == {"invited": 5, "answered": 1, "percent": 20, "schools": []}
    assert 'hx-trigger="every 15s"' in page.content.decode()
    partial = client.get(campaign.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<section id="response-rate"')
    assert "1 of 5" in partial.content.decode() or "1" in partial.content.decode()


def test_it_refuses_the_campaign_to_other_schools(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    for name in ("deputy_b", "methodologist_b", "teacher_b"):
        client.force_login(cast.user(name))
        assert client.get(campaign.get_absolute_url()).status_code == 404
        assert client.get(reverse("diagnostics:results", args=[campaign.pk])).status_code == 404


def test_it_reminds_those_who_have_not_answered(
    client, cast: Cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.teacher_a), {})
    client.force_login(cast.deputy_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("diagnostics:campaign_remind", args=[campaign.pk]))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        cast.user(n).email for n in ("head_a", "facilitator_a", "deputy_a", "director_a")
    )
    assert "/diagnostics/answer/" in mailoutbox[0].body
    campaign.refresh_from_db()
    assert campaign.reminded_at is not None


def test_it_lets_only_the_deputy_remind_and_close(client, cast: Cast, mailoutbox) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    client.force_login(cast.director_a)
    assert (
        client.post(reverse("diagnostics:campaign_remind", args=[campaign.pk])).status_code == 403
    )
    assert client.post(reverse("diagnostics:campaign_close", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("diagnostics:campaign_close", args=[campaign.pk])).status_code == 405
    campaign.refresh_from_db()
    assert campaign.is_open and mailoutbox == []
    client.force_login(cast.deputy_a)
    assert client.post(reverse("diagnostics:campaign_close", args=[campaign.pk])).status_code == 302
    campaign.refresh_from_db()
    assert not campaign.is_open


def test_it_lists_my_questionnaires_and_the_campaigns_i_oversee(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    client.force_login(cast.teacher_a)
    page = client.get(reverse("diagnostics:index"))
    assert [i.campaign for i in page.context["invitations"]] == [campaign]
    assert listed(page, Campaign) == []
    instruments = reverse("diagnostics:instruments")
    # A teacher may not open the instruments, so is not sent there.
    assert instruments not in page.content.decode()
    assert not page.context["can_launch"]
    client.force_login(cast.methodologist_a)
    page = client.get(reverse("diagnostics:index"))
    assert listed(page, Campaign) == [campaign]
    assert page.context["can_launch"]
    assert instruments in page.content.decode()


def test_each_sees_the_campaigns_of_their_schools_and_districts(client, cast: Cast) -> None:
    school_a = launch("competence", cast.deputy_a, school=cast.school_a)
    district_a = launch("climate", cast.methodologist_a, district=cast.district_a)
    school_b = launch("competence", cast.deputy_b, school=cast.school_b)
    seen = {
        "deputy_a": [district_a, school_a],
        "director_a": [district_a, school_a],
        "methodologist_a": [district_a, school_a],
        "deputy_b": [school_b],
        "teacher_a": [],
        "admin": [school_b, district_a, school_a],
    }
    for name, campaigns in seen.items():
        client.force_login(cast.user(name))
        assert listed(client.get(reverse("diagnostics:index")), Campaign) == campaigns


def test_the_campaigns_come_a_page_at_a_time_with_their_answers_counted(
    client, cast: Cast, settings
) -> None:
    settings.PAGE_SIZE = 2
    first = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(first, cast.teacher_a), {})
    second = launch("innovation", cast.deputy_a, school=cast.school_a)
    latest = launch("readiness", cast.deputy_a, school=cast.school_a)
    client.force_login(cast.deputy_a)
    assert listed(client.get(reverse("diagnostics:index")), Campaign) == [latest, second]
    last = client.get(reverse("diagnostics:index"), {"page": 2})
    assert listed(last, Campaign) == [first]
    assert answered_cells(last) == ["1 / 5"]


def answered_cells(response) -> list[str]:
    cells = lxml.html.fromstring(response.content).xpath("//tbody/tr/td[4]")
    return [td.text_content().strip() for td in cells]


def test_it_lists_campaigns_in_constant_queries(
    client, cast: Cast, django_assert_num_queries
) -> None:
    client.force_login(cast.deputy_a)
    launch("competence", cast.deputy_a, school=cast.school_a)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("diagnostics:index")).status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        teacher(cast.school_a)
    for code in ("climate", "innovation", "readiness"):
        launch(code, cast.deputy_a, school=cast.school_a)
    assert count() == few
    assert Invitation.objects.count() > 20

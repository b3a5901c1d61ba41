"""The home card lists the questionnaires waiting for the user, and only then appears."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from adisker.core.testing import Cast, home_page

from .helpers import answer, invitation_of, launch, teacher


def card_of(client) -> list:  # type: ignore[no-untyped-def]
    cards = home_page(client).context["cards"]
    return [c for c in cards if c.template == "diagnostics/cards/to_answer.html"]


def test_it_shows_waiting_questionnaires_on_the_home_page(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert card_of(client) == []
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    (card,) = card_of(client)
    assert [i.campaign for i in card.context["invitations"]] == [campaign]
    answer(invitation_of(campaign, cast.teacher_a), {})
    assert card_of(client) == []


def test_it_builds_the_campaign_page_in_constant_queries(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    client.force_login(cast.deputy_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(campaign.get_absolute_url()).status_code == 200
        return len(captured)

    few = count()
    for _ in range(5):
        user = teacher(cast.school_a)
        campaign.invitations.create(user=user, school=cast.school_a, subject=user.staff_profile)
    assert count() == few
    assert len(client.get(campaign.get_absolute_url()).context["pending"]) == 10

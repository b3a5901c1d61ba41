"""The home page card of upcoming events."""

from __future__ import annotations

import datetime

from django.urls import reverse

from adisker.core.testing import Cast, home_page
from adisker.events.dashboard import UPCOMING_LISTED
from adisker.events.tests.factories import Joint, add_event

CARD = "events/cards/upcoming.html"


def card_of(client, user):  # type: ignore[no-untyped-def]
    cards = home_page(client).context["cards"]
    found = [c for c in cards if c.template == CARD]
    return found[0] if found else None


def test_the_card_lists_the_next_two_weeks_seen_by_the_user(client, cast: Cast) -> None:
    joint = Joint(cast)
    soon = add_event(school=cast.school_a, title="Жақында", starts_in=datetime.timedelta(days=2))
    shared = add_event(inter_school=joint.association, starts_in=datetime.timedelta(days=5))
    add_event(school=cast.school_a, starts_in=datetime.timedelta(days=20))
    add_event(school=cast.school_a, starts_in=datetime.timedelta(days=-2))
    add_event(school=cast.school_b, starts_in=datetime.timedelta(days=1))
    client.force_login(joint.member_teacher)
    card = card_of(client, joint.member_teacher)
    assert card.context["events"] == [shared]
    client.force_login(cast.teacher_a)
    response = client.get(reverse("home"))
    assert "Жақында" in response.content.decode()
    assert card_of(client, cast.teacher_a).context["events"] == [soon, shared]


def test_the_card_stays_away_when_nothing_is_coming_and_counts_the_rest(client, cast: Cast) -> None:
    client.force_login(cast.teacher_b)
    assert card_of(client, cast.teacher_b) is None
    for n in range(UPCOMING_LISTED + 2):
        add_event(school=cast.school_b, starts_in=datetime.timedelta(days=1, hours=n))
    card = card_of(client, cast.teacher_b)
    assert len(card.context["events"]) == UPCOMING_LISTED
    assert card.context["more"] is True


def test_the_administrator_gets_no_card_of_the_whole_countrys_events(client, cast: Cast) -> None:
    add_event(school=cast.school_a, starts_in=datetime.timedelta(days=2))
    client.force_login(cast.methodologist_a)
    assert card_of(client, cast.methodologist_a) is not None
    client.force_login(cast.admin)
    assert card_of(client, cast.admin) is None

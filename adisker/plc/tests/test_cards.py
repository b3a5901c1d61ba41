"""The home card: my PLC's next meeting, cycles in progress, observations, recognition."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, home_page
from adisker.lib.dates import today
from adisker.plc.models import Meeting, ObservationVisit, Practice, PracticeEndorsement
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db


def plc_card(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    cards = client.get(reverse("home")).context["cards"]
    return next((c for c in cards if c.template == "plc/cards/my_plc.html"), None)


def test_no_card_without_anything_to_show(client, cast: Cast) -> None:
    assert plc_card(client, cast.teacher_a) is None
    assert plc_card(client, cast.methodologist_a) is None


def test_the_card_shows_meetings_cycles_visits_and_recognition(client, cast: Cast) -> None:
    community = f.community(cast)
    Meeting.objects.create(
        community=community, held_on=today() - datetime.timedelta(days=3), topic="Өткен"
    )
    Meeting.objects.create(
        community=community, held_on=today() + datetime.timedelta(days=9), topic="Келесі"
    )
    Meeting.objects.create(
        community=community, held_on=today() + datetime.timedelta(days=2), topic="Жақын"
    )
    cycle = f.cycle(cast, plc=community)
    f.cycle(cast, plc=community, stage="closed")
    ObservationVisit.schedule(
        observer=f.staff(cast.teacher_a), observed=f.staff(cast.head_a), on=today()
    )
    ObservationVisit.schedule(
        observer=f.staff(cast.head_a), observed=f.staff(cast.teacher_a), on=today()
    )
    practice = Practice.objects.create(
        author=f.staff(cast.teacher_a), title="T", approach="A", description="D"
    )
    PracticeEndorsement.objects.create(practice=practice, staff=f.staff(cast.head_a))
    card = plc_card(client, cast.teacher_a)
    (found,) = card.context["communities"]
    assert found.next_on == today() + datetime.timedelta(days=2)
    assert card.context["cycles"] == [cycle]
    assert len(card.context["by_me"]) == 1 and len(card.context["to_me"]) == 1
    assert card.context["recognition"].endorsements == 1
    assert plc_card(client, cast.teacher_b) is None


def test_the_card_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    community = f.community(cast)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            home_page(client)
        return len(captured)

    f.cycle(cast, plc=community)
    few = count()
    for _ in range(5):
        f.cycle(cast, plc=f.community(cast))
        Practice.objects.create(
            author=f.staff(cast.teacher_a), title="T", approach="A", description="D"
        )
    assert count() == few

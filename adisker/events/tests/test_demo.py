"""The calendar's demo data: something past with feedback and something coming, for each demo
login, and nothing written by a second run. Only the apps the calendar needs are loaded, so a
neighbour's demo in progress cannot break this test."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from adisker.events.models import Event, EventMaterial, Feedback, Participation
from adisker.people.models import User

NEEDED = ("records", "council", "events")


@pytest.fixture
def load(monkeypatch, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path

    def only_needed(data):  # type: ignore[no-untyped-def]
        from importlib import import_module

        for name in NEEDED:
            import_module(f"adisker.{name}.demo").load(data)

    monkeypatch.setattr("adisker.core.management.commands.load_demo.load_app_demos", only_needed)

    def run() -> None:
        call_command("load_demo", stdout=io.StringIO())

    return run


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Event, Participation, Feedback, EventMaterial))


def test_the_demo_calendar_has_past_and_coming_events_and_reruns_cleanly(db, load) -> None:  # type: ignore[no-untyped-def]
    load()
    first = counts()
    now = timezone.now()
    assert Event.objects.filter(school__isnull=False, starts_at__lt=now).exists()
    assert Event.objects.filter(school__isnull=False, starts_at__gt=now).exists()
    joint = Event.objects.filter(inter_school__isnull=False)
    assert joint.filter(starts_at__lt=now, feedback__isnull=False).exists()
    assert joint.filter(starts_at__gt=now).exists()
    assert joint.filter(plan_item__isnull=False).exists()
    assert Feedback.objects.count() >= 4
    assert EventMaterial.objects.count() == 1
    load()
    assert counts() == first


def test_each_demo_login_has_something_to_see(db, load, client) -> None:  # type: ignore[no-untyped-def]
    load()
    seen = {}
    for login in ("deputy", "teacher", "head", "director", "deputy2", "teacher2", "methodologist"):
        client.force_login(User.objects.get(username=login))
        seen[login] = client.get(reverse("events:list")).context["page"].paginator.count
    assert seen["deputy"] == seen["teacher"] == seen["director"] == 5
    assert seen["deputy2"] >= 3
    assert seen["methodologist"] >= 8

"""The council's demo data loads, gives the demo logins something to see, and reruns cleanly.

Only the records' and the council's demo modules run, so that this test does not depend on
the other apps' demo data.
"""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from adisker.council import demo as council_demo
from adisker.council.models import AnnualPlan, Association, Meeting, ProtocolDecision
from adisker.people.models import User
from adisker.records import demo as records_demo

pytestmark = pytest.mark.django_db


def load(monkeypatch: pytest.MonkeyPatch) -> None:
    def only_ours(data) -> None:  # type: ignore[no-untyped-def]
        records_demo.load(data)
        council_demo.load(data)

    monkeypatch.setattr("adisker.core.management.commands.load_demo.load_app_demos", only_ours)
    call_command("load_demo", stdout=io.StringIO())


def council_counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_app_config("council").get_models()
    }


def test_the_demo_loads_once_and_shows_the_logins_their_work(client, monkeypatch) -> None:
    load(monkeypatch)
    before = council_counts()
    load(monkeypatch)
    assert council_counts() == before
    assert Association.objects.filter(kind="council").count() == 1
    assert Meeting.objects.count() >= 3
    assert AnnualPlan.objects.filter(inter_school__isnull=False).exists()

    deputy = User.objects.get(username="deputy")
    client.force_login(deputy)
    school = deputy.staff_profile.school
    response = client.get(reverse("council:school", args=[school.pk]))
    assert response.context["council"].members.count() >= 5
    cards = [c.template for c in client.get(reverse("home")).context["cards"]]
    assert "council/cards/plan_progress.html" in cards

    teacher = User.objects.get(username="teacher")
    assert ProtocolDecision.objects.open().filter(owner__user=teacher).exists()
    client.force_login(User.objects.get(username="teacher2"))
    response = client.get(reverse("council:index"))
    assert response.status_code == 302

"""Who sees and who changes an event: each role, another school, an inter-school member."""

from __future__ import annotations

import pytest
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.events.models import Event
from adisker.events.tests.factories import Joint, add_event

SCHOOL_EVENT_READERS = ["teacher_a", "head_a", "facilitator_a", "director_a", "methodologist_a"]
OUTSIDERS = ["teacher_b", "deputy_b", "methodologist_b"]


@pytest.mark.parametrize("name", [*SCHOOL_EVENT_READERS, "deputy_a", "admin"])
def test_it_shows_a_school_event_to_the_school_and_its_district(client, cast: Cast, name) -> None:  # type: ignore[no-untyped-def]
    event = add_event(school=cast.school_a)
    client.force_login(cast.user(name))
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 200
    assert response.context["can_edit"] is (name in ("deputy_a", "admin"))


@pytest.mark.parametrize("name", OUTSIDERS)
def test_it_hides_a_school_event_from_other_schools(client, cast: Cast, name) -> None:  # type: ignore[no-untyped-def]
    event = add_event(school=cast.school_a)
    client.force_login(cast.user(name))
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 404
    response = client.post(reverse("events:delete", args=[event.pk]))
    assert response.status_code == 404
    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("name", SCHOOL_EVENT_READERS)
def test_it_refuses_edits_by_read_only_roles(client, cast: Cast, name) -> None:  # type: ignore[no-untyped-def]
    event = add_event(school=cast.school_a, title="Бастапқы")
    client.force_login(cast.user(name))
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        {"title": "Өзгертілген", "starts_at": "2026-12-01T10:00", "ends_at": "2026-12-01T11:00"},
    )
    assert response.status_code == 403
    assert client.post(reverse("events:delete", args=[event.pk])).status_code == 403
    event.refresh_from_db()
    assert event.title == "Бастапқы"


def test_it_refuses_get_on_delete(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    assert client.get(reverse("events:delete", args=[event.pk])).status_code == 405
    assert Event.objects.filter(pk=event.pk).exists()


def test_deputy_deletes_an_event(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    response = client.post(reverse("events:delete", args=[event.pk]))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()


def test_a_member_school_sees_the_joint_event_and_an_unrelated_school_does_not(
    client, cast: Cast
) -> None:
    joint = Joint(cast)
    event = add_event(inter_school=joint.association, title="Бірлескен семинар")
    url = reverse("events:detail", args=[event.pk])
    month = {"year": event.starts_at.year, "month": event.starts_at.month}

    for user in (joint.member_teacher, cast.teacher_a, cast.methodologist_a):
        client.force_login(user)
        assert client.get(url).status_code == 200
        calendar = client.get(reverse("events:calendar"), month)
        assert "Бірлескен семинар" in calendar.content.decode()
        assert event in client.get(reverse("events:list")).context["page"].object_list

    for user in (joint.outsider_teacher, cast.teacher_b, cast.methodologist_b):
        client.force_login(user)
        assert client.get(url).status_code == 404
        calendar = client.get(reverse("events:calendar"), month)
        assert "Бірлескен семинар" not in calendar.content.decode()
        assert event not in client.get(reverse("events:list")).context["page"].object_list


def test_only_the_district_methodologist_edits_a_joint_event(client, cast: Cast) -> None:
    joint = Joint(cast)
    event = add_event(inter_school=joint.association, title="Бірлескен семинар")
    # The base school's deputy reads the joint event but does not run the association.
    for name in ("deputy_a", "teacher_a"):
        client.force_login(cast.user(name))
        assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    client.force_login(joint.member_teacher)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    client.force_login(cast.methodologist_a)
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]

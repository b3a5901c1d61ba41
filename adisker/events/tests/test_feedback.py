"""Feedback: only participants, only once the event has started, one each; attendance."""

from __future__ import annotations

import datetime

from django.urls import reverse

from adisker.core.testing import Cast
from adisker.events.models import Feedback, Participation
from adisker.events.tests.factories import add_event

PAST = datetime.timedelta(hours=-3)


def test_a_participant_gives_feedback_after_the_event_and_may_change_it(client, cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    event = add_event(school=cast.school_a, starts_in=PAST, participants=[staff])
    client.force_login(cast.teacher_a)
    detail = client.get(reverse("events:detail", args=[event.pk]))
    assert detail.context["can_give_feedback"] is True
    url = reverse("events:feedback", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"rating": "5", "text": "Рубрикаларды қолданамын."})
    assert response.status_code == 302
    response = client.post(url, {"rating": "4", "text": "Уақыт аз болды."})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.staff, feedback.rating, feedback.text) == (staff, 4, "Уақыт аз болды.")


def test_it_refuses_feedback_before_the_event_starts(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a, participants=[cast.teacher_a.staff_profile])
    client.force_login(cast.teacher_a)
    assert (
        client.get(reverse("events:detail", args=[event.pk])).context["can_give_feedback"] is False
    )
    response = client.post(reverse("events:feedback", args=[event.pk]), {"rating": "5"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_it_refuses_feedback_from_those_who_did_not_take_part(client, cast: Cast) -> None:
    event = add_event(
        school=cast.school_a, starts_in=PAST, participants=[cast.teacher_a.staff_profile]
    )
    for name in ("facilitator_a", "deputy_a", "methodologist_a"):
        client.force_login(cast.user(name))
        response = client.post(reverse("events:feedback", args=[event.pk]), {"rating": "5"})
        assert response.status_code == 403
    client.force_login(cast.teacher_b)
    response = client.post(reverse("events:feedback", args=[event.pk]), {"rating": "5"})
    assert response.status_code == 404
    assert not Feedback.objects.exists()


def test_it_accepts_ratings_from_one_to_five_only(client, cast: Cast) -> None:
    event = add_event(
        school=cast.school_a, starts_in=PAST, participants=[cast.teacher_a.staff_profile]
    )
    client.force_login(cast.teacher_a)
    for rating in ("0", "6", "", "x"):
        response = client.post(reverse("events:feedback", args=[event.pk]), {"rating": rating})
        assert response.status_code == 200
        assert "rating" in response.context["form"].errors
    response = client.post(
        reverse("events:feedback", args=[event.pk]), {"rating": "3", "text": "ж" * 1001}
    )
    assert "text" in response.context["form"].errors
    assert not Feedback.objects.exists()


def test_the_deputy_reads_all_feedback_a_teacher_only_their_own(client, cast: Cast) -> None:
    mine, theirs = cast.teacher_a.staff_profile, cast.facilitator_a.staff_profile
    event = add_event(
        school=cast.school_a,
        starts_in=PAST,
        participants=[mine, theirs],
        organiser=cast.deputy_a.staff_profile,
    )
    Feedback.objects.create(event=event, staff=mine, rating=5, text="Пайдалы")
    Feedback.objects.create(event=event, staff=theirs, rating=2, text="Ұзақ")
    client.force_login(cast.deputy_a)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert len(response.context["feedback"]) == 2
    assert response.context["rating"] == {"average": 3.5, "count": 2}
    client.force_login(cast.teacher_a)
    response = client.get(reverse("events:detail", args=[event.pk]))
    assert [f.text for f in response.context["feedback"]] == ["Пайдалы"]
    assert "Ұзақ" not in response.content.decode()


def test_the_organiser_marks_attendance_after_the_start(client, cast: Cast) -> None:
    came, missed = cast.teacher_a.staff_profile, cast.facilitator_a.staff_profile
    event = add_event(
        school=cast.school_a,
        starts_in=PAST,
        participants=[came, missed],
        organiser=cast.head_a.staff_profile,
    )
    came_row = Participation.objects.get(event=event, staff=came)
    url = reverse("events:attendance", args=[event.pk])

    client.force_login(cast.teacher_a)
    assert client.post(url, {"attended": [came_row.pk]}).status_code == 403
    assert client.get(url).status_code == 405

    client.force_login(cast.head_a)
    assert client.get(reverse("events:detail", args=[event.pk])).context["attendance_form"]
    assert client.post(url, {"attended": [came_row.pk]}).status_code == 302
    assert dict(event.participations.values_list("staff_id", "attended")) == {
        came.pk: True,
        missed.pk: False,
    }


def test_attendance_waits_for_the_event(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a, participants=[cast.teacher_a.staff_profile])
    row = event.participations.get()
    client.force_login(cast.deputy_a)
    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.attended is None

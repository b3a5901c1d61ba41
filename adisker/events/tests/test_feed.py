"""The iCalendar feed: a secret address per user, the events the user may see."""

from __future__ import annotations

import datetime

import icalendar
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.events.models import CalendarFeed
from adisker.events.tests.factories import Joint, add_event


def test_the_feed_parses_back_with_the_events_the_user_may_see(client, cast: Cast) -> None:
    joint = Joint(cast)
    own = add_event(school=cast.school_a, title="Мектеп семинары", place="Акт залы")
    shared = add_event(
        inter_school=joint.association,
        title="Бірлескен дөңгелек үстел",
        place="",
        online_url="https://meet.example.kz/abc",
        starts_in=datetime.timedelta(days=-10),
    )
    add_event(school=cast.school_b, title="Бөтен іс-шара")
    add_event(school=cast.school_a, title="Ескі", starts_in=datetime.timedelta(days=-400))

    feed = CalendarFeed.for_user(joint.member_teacher)
    response = client.get(feed.get_absolute_url())  # no session: the address is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    items = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(items) == {"Бірлескен дөңгелек үстел"}
    item = items["Бірлескен дөңгелек үстел"]
    assert item.decoded("dtstart") == shared.starts_at
    assert item.decoded("dtend") == shared.ends_at
    assert str(item["location"]) == "https://meet.example.kz/abc"
    assert str(item["uid"]) == f"event-{shared.pk}@adisker"

    teacher_feed = CalendarFeed.for_user(cast.teacher_a)
    calendar = icalendar.Calendar.from_ical(client.get(teacher_feed.get_absolute_url()).content)
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert summaries == {own.title, shared.title}


def test_a_wrong_token_gets_404(client, cast: Cast) -> None:
    CalendarFeed.for_user(cast.teacher_a)
    assert client.get(reverse("events:feed", args=["not-the-token"])).status_code == 404


def test_a_new_address_retires_the_old_one(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("events:feed_settings"))
    old = CalendarFeed.objects.get(user=cast.teacher_a).token
    assert old in response.context["feed_url"]
    assert response.context["webcal_url"].startswith("webcal://")
    assert client.get(reverse("events:feed_reset")).status_code == 405
    response = client.post(reverse("events:feed_reset"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=cast.teacher_a).token
    assert new != old
    client.logout()
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    assert client.get(reverse("events:feed", args=[new])).status_code == 200


def test_a_deactivated_account_has_no_feed(client, cast: Cast) -> None:
    feed = CalendarFeed.for_user(cast.teacher_a)
    cast.teacher_a.is_active = False
    cast.teacher_a.save(update_fields=["is_active"])
    assert client.get(feed.get_absolute_url()).status_code == 404

"""A user's events as an iCalendar feed, for calendar apps that subscribe by address."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from adisker.events.models import Event


def build_feed(events: Iterable[Event], *, name: str, base_url: str) -> bytes:
    """Pure builder: events in, the .ics bytes out. Times are sent in UTC, which every
    calendar app converts to its own zone."""
    feed = Calendar()
    feed.add("prodid", "-//Adisker//Events calendar//KK")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        item = CalendarEvent()
        item.add("uid", f"event-{event.pk}@adisker")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        item.add("dtend", event.ends_at.astimezone(datetime.UTC))
        item.add("summary", event.title)
        where = event.place or event.online_url
        if where:
            item.add("location", where)
        url = f"{base_url}{event.get_absolute_url()}"
        item.add("url", url)
        lines = [str(event.host)]
        if event.online_url:
            lines.append(event.online_url)
        if event.description:
            lines.append(event.description)
        lines.append(url)
        item.add("description", "\n".join(lines))
        feed.add_component(item)
    return feed.to_ical()

"""Home page card: the events of the next two weeks the user can see."""

from __future__ import annotations

import datetime

from django.utils import timezone

from adisker.core.dashboard import Card, card
from adisker.events.models import Event
from adisker.people.http import AuthenticatedRequest

UPCOMING_DAYS = 14
UPCOMING_LISTED = 8


@card
def upcoming_events(request: AuthenticatedRequest) -> Card | None:
    """One query; no card when nothing is coming, so an empty home page stays short. None for
    an administrator either: the whole country's next fortnight is thousands of events; the
    calendar shows them a district at a time."""
    if request.user.is_administrator:
        return None
    now = timezone.now()
    events = list(
        Event.objects.visible_to(request.user)
        .between(now, now + datetime.timedelta(days=UPCOMING_DAYS))
        .for_list()[: UPCOMING_LISTED + 1]
    )
    if not events:
        return None
    context = {
        "events": events[:UPCOMING_LISTED],
        "more": len(events) > UPCOMING_LISTED,
        "days": UPCOMING_DAYS,
    }
    return Card("events/cards/upcoming.html", context, order=15)

"""The PLC's writes that span models."""

from __future__ import annotations

from django.db import transaction

from adisker.people.models import StaffProfile
from adisker.plc.models import Meeting, MeetingAssignment


@transaction.atomic
def save_meeting(*, meeting: Meeting, holders: dict[str, StaffProfile]) -> None:
    """Save the meeting and give its rotating roles (facilitator, note-taker, time-keeper…)
    to these people, in place of whoever held them before."""
    meeting.save()
    meeting.assignments.all().delete()
    MeetingAssignment.objects.bulk_create(
        MeetingAssignment(meeting=meeting, role=role, staff=staff)
        for role, staff in holders.items()
    )

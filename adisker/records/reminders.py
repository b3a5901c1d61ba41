"""Which reminders about courses and attestation are due on a given day (R4).

A reminder is an event: (staff member, kind, due date). The due date comes from the confirmed
record only (`with_cycle_dates`), so when a new course is confirmed the course falls due on a
new date, and that is a new event; the old overdue one is simply no longer found. Whether an
event was already sent is kept in `ReminderSent`, never in the mail log.

Everyone on the staff is looked at, with or without a user account: a teacher who cannot be
e-mailed still appears in the deputy director's digest. Someone with nothing on record has no
due date and so no event; the school's coverage card lists them instead.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import translation

from adisker.people.models import StaffProfile, User
from adisker.records.cycle import Cycle, CycleStatus, add_years
from adisker.records.models import ReminderSent, attestation_cycle, course_cycle, with_cycle_dates
from adisker.schools.models import School

Kind = ReminderSent.Kind
EventKey = tuple[int, str, datetime.date]


@dataclass(frozen=True)
class Reminder:
    staff: StaffProfile
    kind: str
    due_on: datetime.date

    @property
    def key(self) -> EventKey:
        return (self.staff.pk, self.kind, self.due_on)

    @property
    def is_overdue(self) -> bool:
        return self.kind in (Kind.COURSE_OVERDUE, Kind.ATTESTATION_OVERDUE)

    @property
    def is_course(self) -> bool:
        return self.kind in (Kind.COURSE_DUE, Kind.COURSE_OVERDUE)


def horizon(today: datetime.date) -> datetime.date:
    """The last due date warned of today: REMINDER_DAYS_AHEAD days ahead, that day included."""
    return today + datetime.timedelta(days=settings.REMINDER_DAYS_AHEAD)


def _event(cycle: Cycle, *, due: str, overdue: str, today: datetime.date) -> str | None:
    if cycle.due_on is None:
        return None
    if cycle.status == CycleStatus.OVERDUE:
        return overdue
    if cycle.due_on <= horizon(today):
        return due
    return None


def reminders_for(staff: StaffProfile, *, today: datetime.date) -> list[Reminder]:
    """The events of one staff member annotated by `with_cycle_dates`, sent or not."""
    found = []
    course = course_cycle(staff.last_course_on, today)
    kind = _event(course, due=Kind.COURSE_DUE, overdue=Kind.COURSE_OVERDUE, today=today)
    if kind and course.due_on:
        found.append(Reminder(staff, kind, course.due_on))
    attestation = attestation_cycle(staff.attestation_until, today)
    kind = _event(
        attestation, due=Kind.ATTESTATION_DUE, overdue=Kind.ATTESTATION_OVERDUE, today=today
    )
    if kind and attestation.due_on:
        found.append(Reminder(staff, kind, attestation.due_on))
    return found


def candidates(staff: QuerySet[StaffProfile], *, today: datetime.date) -> QuerySet[StaffProfile]:
    """Staff with something due by the horizon, narrowed in the database.

    The course bound is a day loose (a course on 29 February falls due on 28 February);
    `reminders_for` decides exactly.
    """
    last_course_by = add_years(horizon(today), -settings.QUALIFICATION_COURSE_PERIOD_YEARS)
    return (
        with_cycle_dates(staff)
        .filter(
            Q(last_course_on__lte=last_course_by + datetime.timedelta(days=1))
            | Q(attestation_until__lte=horizon(today))
        )
        .select_related("user", "school")
        .order_by("school_id", "last_name", "first_name", "pk")
    )


def due_reminders(*, today: datetime.date) -> dict[int, list[Reminder]]:
    """Every event found today, sent before or not, by school id."""
    by_school: dict[int, list[Reminder]] = defaultdict(list)
    for person in candidates(StaffProfile.objects.all(), today=today).iterator(chunk_size=2000):
        by_school[person.school_id] += reminders_for(person, today=today)
    return {school_id: events for school_id, events in by_school.items() if events}


def sent_keys(reminders: Iterable[Reminder]) -> set[EventKey]:
    """Which of these events are already in `ReminderSent`."""
    staff_ids = {r.staff.pk for r in reminders}
    rows = ReminderSent.objects.filter(staff_id__in=staff_ids).values_list(
        "staff_id", "kind", "due_on"
    )
    return set(rows)


def unsent(reminders: list[Reminder]) -> list[Reminder]:
    already = sent_keys(reminders)
    return [r for r in reminders if r.key not in already]


def email_of(user: User | None, staff: StaffProfile | None = None) -> str:
    """Where a person's reminders go: the account's address, else the one on the staff list.

    Only people with an active account are written to: the e-mail is in their chosen language
    and points into the system they can sign in to.
    """
    if user is None or not user.is_active:
        return ""
    if staff is None:
        staff = getattr(user, "staff_profile", None)
    return user.email or (staff.email if staff is not None else "")


def language_of(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def absolute(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}{path}" if base_url else ""


def render_email(
    template: str, context: dict[str, object], *, to: str, language: str
) -> EmailMessage:
    """One e-mail from records/email/<template>_subject.txt and _body.txt, in `language`.

    Content-Language says which language it was written in, for mail clients (and tests,
    while a catalogue still lacks the reminders' strings).
    """
    with translation.override(language):
        subject = render_to_string(f"records/email/{template}_subject.txt", context)
        body = render_to_string(f"records/email/{template}_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, to=[to], headers={"Content-Language": language}
    )


def teacher_email(
    staff: StaffProfile, reminders: list[Reminder], *, to: str, language: str, base_url: str
) -> EmailMessage:
    context = {
        "staff": staff,
        # Addressed by given name and patronymic, as is polite in both languages.
        "name": " ".join(p for p in (staff.first_name, staff.patronymic) if p),
        "reminders": reminders,
        "record_url": absolute(base_url, staff.get_record_url()),
        "site_name": settings.SITE_NAME,
    }
    return render_email("reminder", context, to=to, language=language)


@dataclass(frozen=True)
class DigestEntry:
    staff: StaffProfile
    reminders: list[Reminder]
    emailed: bool
    record_url: str


def digest_email(
    school: School, entries: list[DigestEntry], *, deputy: User, to: str
) -> EmailMessage:
    context = {
        "school": school,
        "entries": entries,
        "deputy": deputy,
        "site_name": settings.SITE_NAME,
    }
    return render_email("digest", context, to=to, language=language_of(deputy))

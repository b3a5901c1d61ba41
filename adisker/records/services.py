from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, fields
from smtplib import SMTPException, SMTPRecipientsRefused

from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction

from adisker.people.models import Role, RoleMembership, User
from adisker.records.models import Attestation, ReminderSent
from adisker.records.reminders import (
    DigestEntry,
    Reminder,
    absolute,
    digest_email,
    due_reminders,
    email_of,
    language_of,
    teacher_email,
    unsent,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def confirm_attestation(*, attestation: Attestation, by: User) -> None:
    """Confirm the attestation; the latest confirmed one sets the teacher's current category."""
    attestation.confirm(by=by)
    staff = attestation.staff
    latest = staff.attestations.filter(confirmed_at__isnull=False).order_by("-assigned_on").first()
    if latest is not None and staff.category_id != latest.category_id:
        staff.category = latest.category
        staff.save(update_fields=["category"])


@dataclass
class ReminderCounts:
    """What a run of `send_due_reminders` did, or in a dry run would do."""

    events: int = 0  # new events recorded as sent
    teacher_emails: int = 0
    digests: int = 0  # e-mails to deputy directors
    not_emailed: int = 0  # events of staff without an account or address: digest only
    undeliverable: int = 0  # events nobody at the school can be e-mailed about: left for later
    refused: int = 0  # e-mails the mail server refused for their address: logged, not retried
    failed_schools: int = 0  # schools whose batch failed and was rolled back: tried next run

    def add(self, other: ReminderCounts) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


@dataclass
class _Batch:
    counts: ReminderCounts
    recorded: list[Reminder]
    messages: list[EmailMessage]


# Bounds how long a batch can hold its transaction (on SQLite, the write lock) on a mail
# server that does not answer, when EMAIL_TIMEOUT is not set.
SEND_TIMEOUT_SECONDS = 30


def send_due_reminders(
    *, today: datetime.date, dry_run: bool = False, base_url: str = ""
) -> ReminderCounts:
    """E-mail each staff member the reminders newly due `today`, and each deputy director a
    digest of their school's; record every event so that no later run sends it again.

    Safe to run any number of times a day. Each school is one batch in its own transaction:
    its ReminderSent rows are written first (the unique constraint makes a second, overlapping
    run fail on them rather than mail twice), then its e-mails are sent, and only then is the
    transaction committed. Not `on_commit`: a failure after the commit would leave events marked
    as sent that nobody received. Here a failed send rolls the batch back and the next run
    tries again. The opposite failure, a crash between sending and committing, mails a few
    people twice the next day. That is the lesser evil: a duplicate reminder costs a teacher a
    minute, a lost one can cost a lapsed attestation and the category's pay. A failed school
    is logged and counted, and the others still go out.
    """
    counts = ReminderCounts()
    found = due_reminders(today=today)
    deputies = _deputies_by_school(set(found))
    connection = mail.get_connection(timeout=settings.EMAIL_TIMEOUT or SEND_TIMEOUT_SECONDS)
    for school_id, reminders in found.items():
        school_deputies = deputies.get(school_id, [])
        if dry_run:
            counts.add(_school_batch(unsent(reminders), school_deputies, base_url=base_url).counts)
            continue
        try:
            batch = _send_school_batch(
                reminders, school_deputies, base_url=base_url, connection=connection
            )
        except (SMTPException, OSError, IntegrityError):
            logger.exception("Reminders of school %s not sent; the next run retries.", school_id)
            counts.failed_schools += 1
        else:
            counts.add(batch.counts)
    return counts


def _deputies_by_school(school_ids: set[int]) -> dict[int | None, list[User]]:
    memberships = (
        RoleMembership.objects.filter(
            role=Role.DEPUTY_DIRECTOR, school_id__in=school_ids, user__is_active=True
        )
        .select_related("user__staff_profile")
        .order_by("pk")
    )
    found: dict[int | None, list[User]] = defaultdict(list)
    for membership in memberships:
        found[membership.school_id].append(membership.user)
    return found


@transaction.atomic
def _send_school_batch(
    reminders: list[Reminder],
    deputies: list[User],
    *,
    base_url: str,
    connection: BaseEmailBackend,
) -> _Batch:
    # Checked again inside the transaction: another run may have sent some meanwhile.
    batch = _school_batch(unsent(reminders), deputies, base_url=base_url)
    ReminderSent.objects.bulk_create(
        [ReminderSent(staff=r.staff, kind=r.kind, due_on=r.due_on) for r in batch.recorded]
    )
    if not batch.messages:
        return batch
    with connection:  # one connection for the school's e-mails
        for message in batch.messages:
            try:
                connection.send_messages([message])
            except SMTPRecipientsRefused:
                # A dead address would otherwise fail the school's batch every day for ever.
                logger.warning("The mail server refused a reminder to %s.", ", ".join(message.to))
                batch.counts.refused += 1
    return batch


def _school_batch(reminders: list[Reminder], deputies: list[User], *, base_url: str) -> _Batch:
    """The e-mails one school's new events make, and which events they tell someone of."""
    counts = ReminderCounts()
    if not reminders:
        return _Batch(counts, [], [])
    by_staff: dict[int, list[Reminder]] = defaultdict(list)
    for reminder in reminders:
        by_staff[reminder.staff.pk].append(reminder)
    messages = []
    entries = []
    for own in by_staff.values():
        staff = own[0].staff
        address = email_of(staff.user, staff)
        if address and staff.user is not None:
            language = language_of(staff.user)
            messages.append(
                teacher_email(staff, own, to=address, language=language, base_url=base_url)
            )
            counts.teacher_emails += 1
        entries.append(
            DigestEntry(staff, own, bool(address), absolute(base_url, staff.get_record_url()))
        )
    school = reminders[0].staff.school
    for deputy in deputies:
        if address := email_of(deputy):
            messages.append(digest_email(school, entries, deputy=deputy, to=address))
            counts.digests += 1
    # An event nobody could be told of stays unrecorded, to go out once someone has an address.
    recorded = [r for e in entries if e.emailed or counts.digests for r in e.reminders]
    counts.events = len(recorded)
    counts.not_emailed = sum(len(e.reminders) for e in entries if not e.emailed and counts.digests)
    counts.undeliverable = len(reminders) - len(recorded)
    return _Batch(counts, recorded, messages)

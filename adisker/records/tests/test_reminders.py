"""Reminders about courses and attestation: which are due, once per event, in whose language."""

from __future__ import annotations

import datetime
from io import StringIO
from smtplib import SMTPException, SMTPRecipientsRefused
from unittest import mock

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import formats, translation

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.people.models import StaffProfile
from adisker.records.cycle import add_years
from adisker.records.models import ReminderSent
from adisker.records.services import send_due_reminders
from adisker.records.tests.factories import add_attestation, add_course, course_ended_for

TODAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
Kind = ReminderSent.Kind


def in_days(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


def profile(user) -> StaffProfile:  # type: ignore[no-untyped-def]
    return user.staff_profile


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if address in m.to]


def events() -> set[tuple[int, str, datetime.date]]:
    return set(ReminderSent.objects.values_list("staff_id", "kind", "due_on"))


def test_it_reminds_of_a_course_due_in_90_days(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(in_days(90)))

    counts = send_due_reminders(today=TODAY, base_url="https://adisker.example.kz/")

    assert events() == {(teacher.pk, Kind.COURSE_DUE, in_days(90))}
    (message,) = sent_to(cast.teacher_a.email)
    assert f"https://adisker.example.kz{teacher.get_record_url()}" in message.body
    assert formats.date_format(in_days(90), "DATE_FORMAT") in message.body
    (digest,) = sent_to(cast.deputy_a.email)
    assert teacher.full_name in digest.body
    assert (counts.events, counts.teacher_emails, counts.digests) == (1, 1, 1)
    assert not sent_to(cast.deputy_b.email)


def test_it_does_not_remind_91_days_ahead(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(in_days(91)))
    add_attestation(profile(cast.teacher_a), in_days(91))

    counts = send_due_reminders(today=TODAY)

    assert counts.events == 0
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_it_reminds_of_an_overdue_course(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(TODAY - DAY))
    add_course(teacher, course_ended_for(TODAY - DAY) - datetime.timedelta(days=400))

    send_due_reminders(today=TODAY)

    assert events() == {(teacher.pk, Kind.COURSE_OVERDUE, TODAY - DAY)}
    assert len(sent_to(cast.teacher_a.email)) == 1


def test_a_course_due_today_is_due_not_overdue(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(TODAY))

    send_due_reminders(today=TODAY)

    assert events() == {(teacher.pk, Kind.COURSE_DUE, TODAY)}


def test_it_reminds_of_attestation_due_and_overdue(cast: Cast) -> None:
    teacher, head = profile(cast.teacher_a), profile(cast.head_a)
    add_attestation(teacher, in_days(90))
    add_attestation(head, TODAY - DAY)

    send_due_reminders(today=TODAY)

    assert events() == {
        (teacher.pk, Kind.ATTESTATION_DUE, in_days(90)),
        (head.pk, Kind.ATTESTATION_OVERDUE, TODAY - DAY),
    }
    assert len(sent_to(cast.teacher_a.email)) == 1
    assert len(sent_to(cast.head_a.email)) == 1
    (digest,) = sent_to(cast.deputy_a.email)
    assert teacher.full_name in digest.body
    assert head.full_name in digest.body


def test_only_confirmed_entries_count(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY), confirmed=False)
    add_attestation(profile(cast.teacher_a), TODAY - DAY, confirmed=False)

    assert send_due_reminders(today=TODAY).events == 0
    assert mail.outbox == []


def test_a_teacher_gets_one_email_with_all_own_events(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(in_days(10)))
    add_attestation(teacher, TODAY - DAY)

    send_due_reminders(today=TODAY)

    (message,) = sent_to(cast.teacher_a.email)
    assert formats.date_format(in_days(10), "DATE_FORMAT") in message.body
    assert formats.date_format(TODAY - DAY, "DATE_FORMAT") in message.body
    assert len(sent_to(cast.deputy_a.email)) == 1


def test_it_sends_each_event_once(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(in_days(30)))

    send_due_reminders(today=TODAY)
    again = send_due_reminders(today=TODAY)
    next_day = send_due_reminders(today=TODAY + DAY)

    assert len(sent_to(cast.teacher_a.email)) == 1
    assert len(sent_to(cast.deputy_a.email)) == 1
    assert again.events == next_day.events == 0
    assert ReminderSent.objects.count() == 1


def test_coming_due_and_overdue_are_two_events(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(in_days(5)))

    for day in range(12):
        send_due_reminders(today=in_days(day))

    assert events() == {
        (teacher.pk, Kind.COURSE_DUE, in_days(5)),
        (teacher.pk, Kind.COURSE_OVERDUE, in_days(5)),
    }
    assert len(sent_to(cast.teacher_a.email)) == 2


def test_a_new_confirmed_course_ends_the_overdue_reminders(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(TODAY - DAY))
    send_due_reminders(today=TODAY)
    mail.outbox.clear()

    add_course(teacher, TODAY - datetime.timedelta(days=20))
    for day in range(1, 30):
        send_due_reminders(today=in_days(day))
    assert mail.outbox == []

    # Five years on, the new course's due date is a new event.
    new_due = add_years(TODAY - datetime.timedelta(days=20), 5)
    send_due_reminders(today=new_due - datetime.timedelta(days=90))
    assert (teacher.pk, Kind.COURSE_DUE, new_due) in events()
    assert len(sent_to(cast.teacher_a.email)) == 1


def test_an_unconfirmed_new_course_does_not_stop_them(cast: Cast) -> None:
    teacher = profile(cast.teacher_a)
    add_course(teacher, course_ended_for(in_days(10)))
    add_course(teacher, TODAY - datetime.timedelta(days=20), confirmed=False)

    send_due_reminders(today=TODAY)

    assert events() == {(teacher.pk, Kind.COURSE_DUE, in_days(10))}


def test_staff_with_nothing_on_record_get_no_reminder(cast: Cast) -> None:
    assert send_due_reminders(today=TODAY).events == 0
    assert mail.outbox == []


def test_staff_without_account_or_email_appear_only_in_the_digest(cast: Cast) -> None:
    no_account = StaffProfileFactory(school=cast.school_a, email="someone@example.kz")
    cast.teacher_a.email = ""
    cast.teacher_a.save(update_fields=["email"])
    no_email = profile(cast.teacher_a)
    for staff in (no_account, no_email):
        add_course(staff, course_ended_for(TODAY - DAY))

    counts = send_due_reminders(today=TODAY)

    (digest,) = mail.outbox
    assert digest.to == [cast.deputy_a.email]
    assert no_account.full_name in digest.body
    assert no_email.full_name in digest.body
    assert (counts.events, counts.teacher_emails, counts.not_emailed) == (2, 0, 2)
    assert {staff_id for staff_id, _kind, _due in events()} == {no_account.pk, no_email.pk}


def test_the_profile_address_serves_when_the_account_has_none(cast: Cast) -> None:
    cast.teacher_a.email = ""
    cast.teacher_a.save(update_fields=["email"])
    teacher = profile(cast.teacher_a)
    teacher.email = "teacher@school.kz"
    teacher.save(update_fields=["email"])
    add_course(teacher, course_ended_for(TODAY - DAY))

    send_due_reminders(today=TODAY)

    assert len(sent_to("teacher@school.kz")) == 1


def test_events_nobody_can_be_told_of_wait_for_an_address(cast: Cast) -> None:
    # School A2 has no deputy director, and this teacher has no account.
    staff = StaffProfileFactory(school=cast.school_a2)
    add_course(staff, course_ended_for(TODAY - DAY))

    counts = send_due_reminders(today=TODAY)

    assert (counts.events, counts.undeliverable) == (0, 1)
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_the_email_is_in_the_recipients_language(cast: Cast) -> None:
    cast.teacher_a.language = "ru"
    cast.teacher_a.save(update_fields=["language"])
    add_course(profile(cast.teacher_a), course_ended_for(in_days(90)))

    send_due_reminders(today=TODAY)

    (russian,) = sent_to(cast.teacher_a.email)
    (kazakh,) = sent_to(cast.deputy_a.email)  # no language chosen: the default, Kazakh
    assert russian.extra_headers["Content-Language"] == "ru"
    assert kazakh.extra_headers["Content-Language"] == "kk"
    # Dates are written the way each language writes them (Django's own catalogues).
    with translation.override("ru"):
        russian_date = formats.date_format(in_days(90), "DATE_FORMAT")
    with translation.override("kk"):
        kazakh_date = formats.date_format(in_days(90), "DATE_FORMAT")
    assert russian_date != kazakh_date
    assert russian_date in russian.body
    assert kazakh_date in kazakh.body


def test_a_failed_send_records_nothing_and_is_retried(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    add_course(profile(cast.teacher_b), course_ended_for(TODAY - DAY))
    failing = mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=SMTPException("connection refused"),
    )

    with failing:
        counts = send_due_reminders(today=TODAY)

    assert counts.failed_schools == 2
    assert not ReminderSent.objects.exists()
    retry = send_due_reminders(today=TODAY + DAY)
    assert (retry.events, retry.failed_schools) == (2, 0)
    assert len(sent_to(cast.teacher_a.email)) == 1


def test_one_failed_school_does_not_stop_the_others(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    add_course(profile(cast.teacher_b), course_ended_for(TODAY - DAY))
    original = mail.get_connection().__class__.send_messages

    def fail_for_school_a(backend, messages):  # type: ignore[no-untyped-def]
        if any(cast.teacher_a.email in m.to for m in messages):
            raise SMTPException("mailbox unavailable")
        return original(backend, messages)

    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", fail_for_school_a
    ):
        counts = send_due_reminders(today=TODAY)

    assert counts.failed_schools == 1
    assert {staff_id for staff_id, _kind, _due in events()} == {profile(cast.teacher_b).pk}
    assert len(sent_to(cast.teacher_b.email)) == 1


def test_a_refused_address_does_not_hold_the_school_back(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    add_course(profile(cast.head_a), course_ended_for(TODAY - DAY))
    original = mail.get_connection().__class__.send_messages

    def refuse_the_teacher(backend, messages):  # type: ignore[no-untyped-def]
        if any(cast.teacher_a.email in m.to for m in messages):
            raise SMTPRecipientsRefused({cast.teacher_a.email: (550, b"no such user")})
        return original(backend, messages)

    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse_the_teacher
    ):
        counts = send_due_reminders(today=TODAY)

    assert (counts.events, counts.refused, counts.failed_schools) == (2, 1, 0)
    assert len(sent_to(cast.head_a.email)) == 1
    assert len(sent_to(cast.deputy_a.email)) == 1
    assert ReminderSent.objects.count() == 2


def test_command_sends_and_prints_a_summary(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    out = StringIO()

    call_command("send_reminders", "--date", TODAY.isoformat(), "--language", "en", stdout=out)
    call_command("send_reminders", "--date", TODAY.isoformat(), "--language", "en", stdout=out)

    assert len(mail.outbox) == 2  # the teacher's and the deputy's, once
    first, second = out.getvalue().splitlines()
    assert first.startswith("New events: 1. E-mails to staff: 1, digests to deputy directors: 1.")
    assert second.startswith("New events: 0.")


def test_command_dry_run_sends_and_records_nothing(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    out = StringIO()

    call_command(
        "send_reminders", "--date", TODAY.isoformat(), "--dry-run", "--language", "en", stdout=out
    )

    assert mail.outbox == []
    assert not ReminderSent.objects.exists()
    assert "Dry run" in out.getvalue()
    assert "New events: 1. E-mails to staff: 1, digests to deputy directors: 1." in out.getvalue()


def test_command_refuses_a_bad_date(db: None) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "02.03.2026")


def test_command_fails_loudly_when_a_school_fails(cast: Cast) -> None:
    add_course(profile(cast.teacher_a), course_ended_for(TODAY - DAY))
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=SMTPException("down"),
        ),
        pytest.raises(CommandError),
    ):
        call_command("send_reminders", "--date", TODAY.isoformat(), stdout=StringIO())
    assert not ReminderSent.objects.exists()

"""manage.py send_reminders [--date YYYY-MM-DD] [--dry-run]: the daily course and attestation
reminders, for cron."""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from adisker.lib.dates import today
from adisker.records.services import ReminderCounts, send_due_reminders


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        message = _("“%(value)s” is not a date in the form YYYY-MM-DD.") % {"value": value}
        raise argparse.ArgumentTypeError(message) from None


def summary(counts: ReminderCounts) -> str:
    return _(
        "New events: %(events)d. E-mails to staff: %(teachers)d, digests to deputy directors: "
        "%(digests)d. Events of staff without an e-mail (digest only): %(not_emailed)d. "
        "Events nobody could be e-mailed about (kept for a later run): %(undeliverable)d. "
        "Addresses the mail server refused: %(refused)d. "
        "Schools that failed (retried on the next run): %(failed)d."
    ) % {
        "events": counts.events,
        "teachers": counts.teacher_emails,
        "digests": counts.digests,
        "not_emailed": counts.not_emailed,
        "undeliverable": counts.undeliverable,
        "refused": counts.refused,
        "failed": counts.failed_schools,
    }


class Command(BaseCommand):
    help = (
        "E-mail staff about qualification-upgrade courses and attestation coming due within "
        "REMINDER_DAYS_AHEAD days or overdue, and each school's deputy directors a digest of "
        "them. Each event (staff member, kind, due date) is sent once: running the command "
        "again the same day or any later day sends nothing twice, so it is safe to run daily "
        "from cron, e.g. `30 7 * * * manage.py send_reminders`. A school whose e-mails fail is "
        "rolled back and retried on the next run; the exit status is 1 if any failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=parse_date,
            default=None,
            help="the day to remind as of, YYYY-MM-DD (default: today in TIME_ZONE)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count what would be sent; send nothing and record nothing",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="the site's address for links in the e-mails, e.g. https://adisker.example.kz",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the summary (each e-mail is in its recipient's language)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on = options["date"] or today()
        dry_run = options["dry_run"]
        counts = send_due_reminders(today=on, dry_run=dry_run, base_url=options["base_url"])
        with translation.override(options["language"]):
            if dry_run:
                self.stdout.write(_("Dry run: nothing was sent or recorded."))
            self.stdout.write(summary(counts))
            if counts.failed_schools:
                raise CommandError(_("Some schools' reminders failed; see the log."))

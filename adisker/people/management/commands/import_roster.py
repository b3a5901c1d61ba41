"""manage.py import_roster FILE --school SCHOOL_ID [--dry-run]: the web import, for scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from adisker.people.roster import RosterCounts, RosterProblem, read_roster
from adisker.people.services import apply_roster
from adisker.schools.models import School


def describe(problem: RosterProblem) -> str:
    if not problem.row:
        return _("the file: %(message)s") % {"message": problem.message}
    if not problem.column:
        return _("row %(row)d: %(message)s") % {"row": problem.row, "message": problem.message}
    return _('row %(row)d, column "%(column)s": %(message)s') % {
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
    }


def summary(counts: RosterCounts) -> str:
    return _("Added: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.") % {
        "created": counts.created,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
    }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class Command(BaseCommand):
    help = (
        "Import a school's staff list from an XLSX file, all rows or none. Prints every "
        "problem by row and column and exits with status 1 if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .xlsx file")
        parser.add_argument("--school", type=int, required=True, help="the school's id")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the report",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options["file"], options["school"], dry_run=options["dry_run"])

    def _import(self, path: Path, school_id: int, *, dry_run: bool) -> None:
        school = School.objects.filter(pk=school_id).first()
        if school is None:
            raise CommandError(_("There is no school with id %(id)d.") % {"id": school_id})
        try:
            with path.open("rb") as file:
                result = read_roster(file, school=school)
        except OSError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for problem in result.problems:
            self.stdout.write(describe(problem))
        if result.problems:
            raise CommandError(
                _("Problems found: %(count)d. Nothing was imported.")
                % {"count": len(result.problems)}
            )
        if not dry_run:
            counts = apply_roster(result=result, school=school)
            self.stdout.write(self.style.SUCCESS(summary(counts)))
            return
        # The real import, rolled back: the counts are exactly what an import would give.
        try:
            with transaction.atomic():
                counts = apply_roster(result=result, school=school)
                raise _DryRun
        except _DryRun:
            pass
        self.stdout.write(
            _("Dry run, nothing was written. An import would give: %(summary)s")
            % {"summary": summary(counts)}
        )

"""manage.py import_roster FILE --school SCHOOL_ID [--dry-run] [--map-subject "Тарих=..."]
[--skip-unknown]: the web import, for scripts, with the preview's answers as options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from adisker.lib.text import reference_key
from adisker.roster.columns import CATEGORY, POSITION, SUBJECT, WITHOUT
from adisker.roster.reading import (
    RosterChoices,
    RosterProblem,
    RosterQuestion,
    RosterResult,
    import_summary,
    read_roster,
)
from adisker.roster.references import References
from adisker.roster.services import apply_roster
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


def describe_question(question: RosterQuestion) -> str:
    rows = ", ".join(str(row) for row in question.rows)
    return _(
        'column "%(column)s", rows %(rows)s: “%(value)s” needs an answer; give it with '
        '--map-%(kind)s "%(value)s=…" or --skip-unknown.'
    ) % {"column": question.column, "rows": rows, "value": question.value, "kind": question.kind}


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class Command(BaseCommand):
    help = (
        "Import a school's staff list from an XLSX, XLS, ODS or CSV file, all rows or none. "
        "Prints every problem by row and column, and every value that needs an answer, and "
        "exits with status 1 if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--school", type=int, required=True, help="the school's id")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, write nothing"
        )
        for kind in (SUBJECT, POSITION, CATEGORY):
            parser.add_argument(
                f"--map-{kind}",
                action="append",
                default=[],
                metavar="VALUE=TARGET",
                help=(
                    f"what a {kind} written VALUE in the file is: codes or names, several "
                    f'joined by commas for subjects ("Тарих=history-kazakhstan,world-history"), '
                    f'or "{WITHOUT}" to import the rows without it; remembered for the school'
                ),
            )
        parser.add_argument(
            "--skip-unknown",
            action="store_true",
            help="import rows without the values no --map option answers, as the preview can",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the report",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            school = School.objects.filter(pk=options["school"]).first()
            if school is None:
                raise CommandError(
                    _("There is no school with id %(id)d.") % {"id": options["school"]}
                )
            result = self._read(options["file"], school)
            choices = self._choices(school, options)
            if options["skip_unknown"]:
                for question in result.questions:
                    choices.setdefault((question.kind, question.key), ())
            result.resolve(choices)
            self._report(result)
            self._import(result, school, dry_run=options["dry_run"])

    def _read(self, path: Path, school: School) -> RosterResult:
        try:
            with path.open("rb") as file:
                return read_roster(file, school=school, name=path.name)
        except OSError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def _choices(self, school: School, options: dict[str, Any]) -> RosterChoices:
        references = References(school)
        choices: RosterChoices = {}
        for kind in (SUBJECT, POSITION, CATEGORY):
            for given in options[f"map_{kind.replace('-', '_')}"]:
                value, equals, targets = given.partition("=")
                if not (equals and value.strip() and targets.strip()):
                    raise CommandError(_("“%(option)s” is not VALUE=TARGET.") % {"option": given})
                choices[(kind, reference_key(value))] = self._targets(
                    references, kind, targets, given
                )
        return choices

    @staticmethod
    def _targets(references: References, kind: str, targets: str, given: str) -> tuple[int, ...]:
        if targets.strip() == WITHOUT:
            return ()
        ids: list[int] = []
        names = targets.split(",") if kind == SUBJECT else [targets]
        for name in names:
            found = references.lookup(kind, name.strip())
            if found is None or found.ambiguous:
                raise CommandError(
                    _(
                        "In “%(option)s”, “%(name)s” is not a code or a name Adisker knows, "
                        "or it stands for more than one."
                    )
                    % {"option": given, "name": name.strip()}
                )
            ids += [item.pk for item in found.items if item.pk not in ids]
        return tuple(ids)

    def _report(self, result: RosterResult) -> None:
        for notice in result.notices:
            self.stdout.write(describe(notice))
        for problem in result.problems:
            self.stdout.write(describe(problem))
        for question in result.questions:
            self.stdout.write(describe_question(question))
        if result.problems or result.questions:
            raise CommandError(
                _("Problems found: %(count)d. Nothing was imported.")
                % {"count": len(result.problems) + len(result.questions)}
            )

    def _import(self, result: RosterResult, school: School, *, dry_run: bool) -> None:
        if not dry_run:
            counts = apply_roster(result=result, school=school)
            self.stdout.write(self.style.SUCCESS(import_summary(counts, left_out=result.left_out)))
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
            % {"summary": import_summary(counts, left_out=result.left_out)}
        )

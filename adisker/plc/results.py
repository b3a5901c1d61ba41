"""Pupils' results before and after a cycle, read from XLSX.

Only a pupil code column and the two score columns are read. A column that looks like pupils'
names (the roster's own name headers, in Kazakh, Russian or English) makes the whole file
refused: names must never reach the database. Like the roster import, the file is checked as
a whole and nothing is written unless every row is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from adisker.lib.uploads import open_xlsx
from adisker.plc.forms import parse_score
from adisker.plc.models import InquiryCycle, PupilResult, ResultPhase, validate_pupil_code
from adisker.roster.columns import HEADER_SEARCH_ROWS, field_for_header, header_key
from adisker.roster.values import cell_text

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": (
        "Код",
        "Коды",
        "Оқушы коды",
        "Оқушының коды",
        "Код ученика",
        "Шифр",
        "Code",
        "Pupil code",
    ),
    "before": (
        "Бастапқы",
        "Дейін",
        "Циклге дейін",
        "Бастапқы нәтиже",
        "До",
        "До цикла",
        "Начальный результат",
        "Before",
    ),
    "after": (
        "Соңғы",
        "Кейін",
        "Циклден кейін",
        "Қорытынды нәтиже",
        "После",
        "После цикла",
        "Итоговый результат",
        "After",
    ),
}
_FIELDS = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
NAME_FIELDS = {"full_name", "last_name", "first_name", "patronymic"}
# Headers naming a pupil that the staff roster does not use.
NAME_HEADERS = {
    header_key(h)
    for h in ("Оқушы", "Оқушының аты-жөні", "Ученик", "ФИО ученика", "Pupil", "Pupil name")
}


@dataclass
class ResultsFile:
    rows: list[tuple[str, Decimal | None, Decimal | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _is_name_header(text: str) -> bool:
    return field_for_header(text) in NAME_FIELDS or header_key(text) in NAME_HEADERS


def read_results(file: IO[bytes]) -> ResultsFile:
    """Raises ValidationError for a file that is not a workbook; returns rows or problems."""
    result = ResultsFile()
    with open_xlsx(file) as workbook:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        columns: dict[int, str] = {}
        header_row = 0
        for number, values in enumerate(rows, start=1):
            if number > HEADER_SEARCH_ROWS:
                break
            texts = [cell_text(v) for v in values]
            names = [t for t in texts if t and _is_name_header(t)]
            if names:
                result.problems.append(
                    _(
                        "Row %(row)d: the column “%(column)s” holds pupils' names. Pupils are "
                        "never named here: delete that column and keep only their codes."
                    )
                    % {"row": number, "column": names[0]}
                )
                return result
            found = {
                i: _FIELDS[header_key(t)] for i, t in enumerate(texts) if header_key(t) in _FIELDS
            }
            if "code" in found.values() and {"before", "after"} & set(found.values()):
                columns, header_row = found, number
                break
        if not columns:
            result.problems.append(
                _("No header row with a pupil code column and a before or after column was found.")
            )
            return result
        seen: set[str] = set()
        for number, values in enumerate(rows, start=header_row + 1):
            cells: dict[str, Any] = {
                name: values[i] if i < len(values) else None for i, name in columns.items()
            }
            code = cell_text(cells.get("code"))
            if not code and all(cell_text(v) == "" for v in cells.values()):
                continue
            try:
                validate_pupil_code(code)
            except ValidationError as error:
                result.problems.append(
                    _("Row %(row)d: %(error)s") % {"row": number, "error": " ".join(error.messages)}
                )
                continue
            if code in seen:
                result.problems.append(
                    _("Row %(row)d: the code %(code)s is given twice.")
                    % {"row": number, "code": code}
                )
                continue
            seen.add(code)
            scores: list[Decimal | None] = []
            for name in ("before", "after"):
                text = cell_text(cells.get(name))
                try:
                    scores.append(parse_score(text, number) if text else None)
                except ValidationError as error:
                    result.problems.append(" ".join(error.messages))
                    scores.append(None)
            result.rows.append((code, scores[0], scores[1]))
    if not result.rows and not result.problems:
        result.problems.append(_("The file has no pupils' results."))
    return result


@transaction.atomic
def save_results(
    *, cycle: InquiryCycle, rows: list[tuple[str, Decimal | None, Decimal | None]]
) -> int:
    """Write each given score (a missing one leaves what is stored); return how many."""
    written = 0
    for code, before, after in rows:
        for phase, score in ((ResultPhase.BEFORE, before), (ResultPhase.AFTER, after)):
            if score is None:
                continue
            PupilResult.objects.update_or_create(
                cycle=cycle, code=code, phase=phase, defaults={"score": score}
            )
            written += 1
    return written

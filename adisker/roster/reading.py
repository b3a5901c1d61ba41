"""Reading a school's staff roster from XLSX, XLS, ODS or CSV, the way schools keep it.

`read_roster` finds the header row among the first rows, recognises the columns by their
Kazakh, Russian or English names, cleans every value and checks the whole file; it never
writes. What it finds falls in three kinds, each with the spreadsheet's row number and the
column's header as written in the file, in the active language:

- problems: real faults (a bad IIN, a duplicate, a date in the future, a missing name); a file
  with any is imported not at all;
- questions: a subject, position or category the reference data does not know, or knows as
  ambiguous ("Тарих"); the deputy director answers each once for the file, with a value or
  "import without it" (`RosterResult.resolve`), and the answers are remembered for the school;
- notices: rows skipped as not a teacher's (a signature line, a totals row, a repeated header,
  an empty row) and values left out by the deputy's choice.

`roster.services.apply_roster` writes a result that has neither problems nor questions.

An empty cell means "not given": a new staff member gets the default (no patronymic, the
position of teacher, the category of педагог, higher education), an existing one keeps what
is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model
from django.utils.translation import gettext as _

from adisker.lib.dates import today
from adisker.lib.identifiers import validate_iin
from adisker.lib.text import fold_letters, reference_key
from adisker.lib.uploads import read_table
from adisker.people.models import (
    Position,
    QualificationCategory,
    StaffProfile,
)
from adisker.roster.columns import (
    CATEGORY,
    EARLIEST_DATE,
    FIRST_WORD,
    HEADER_SEARCH_ROWS,
    HOURS_IN_TEXT,
    LEFTOVER_PUNCTUATION,
    MAX_COURSE_HOURS,
    MAX_EXPERIENCE_YEARS,
    POSITION,
    QUERY_CHUNK,
    SIGNATURE_KEYS,
    SUBJECT,
    SUBJECT_SEPARATORS,
    TOTALS_KEYS,
    YEARS,
    field_for_header,
    header_key,
    skipped_message,
)
from adisker.roster.references import Found, References
from adisker.roster.values import (
    cell_text,
    clean_iin,
    parse_date,
    parse_date_or_year,
    start_from_years,
)
from adisker.schools.models import School, Subject


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """A problem or a notice: `row` is the spreadsheet's row number (0 for the whole file),
    `column` the header as written in the file ("" when no one column is concerned)."""

    row: int
    column: str
    message: str


@dataclass(slots=True)
class CourseEntry:
    """The last qualification course a row gives. A year alone is read as 1 January of that
    year, so the next course falls due no later than it really does."""

    finished_on: datetime.date
    year_only: bool
    provider: str
    title: str
    hours: int | None


@dataclass(slots=True)
class RosterRow:
    """One person's cleaned values; None means the cell was empty or the column absent."""

    row: int
    iin: str
    last_name: str
    first_name: str
    patronymic: str | None = None
    position: Position | None = None
    subjects: list[Subject] | None = None
    category: QualificationCategory | None = None
    education: str | None = None
    education_details: str | None = None
    experience_started_on: datetime.date | None = None
    # Set when the file gave years rather than a date: a stored date that gives the same
    # number of years is kept, so re-importing the same file a week later changes nothing.
    experience_years: int | None = None
    email: str | None = None
    phone: str | None = None
    course: CourseEntry | None = None
    attested_on: datetime.date | None = None
    # Values waiting for the deputy's answer: (kind, key).
    pending: list[tuple[str, str]] = field(default_factory=list)
    # The existing profile in the same school, which the import will update.
    staff_id: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)


@dataclass
class RosterQuestion:
    """A reference value to be answered once for the file. `options` are (value, label):
    subject ids joined by commas, a position's or category's id, or WITHOUT."""

    kind: str
    key: str
    value: str
    column: str
    rows: list[int]
    options: list[tuple[str, str]]
    ambiguous: bool

    @property
    def field_name(self) -> str:
        digest = hashlib.sha256(self.key.encode()).hexdigest()[:12]
        return f"{self.kind}-{digest}"


# (kind, key) -> the chosen ids; empty for "import without it".
RosterChoices = dict[tuple[str, str], tuple[int, ...]]


@dataclass(frozen=True)
class Chosen:
    """An answer given for the file, to be remembered as the school's alias."""

    kind: str
    value: str
    ids: tuple[int, ...]


@dataclass
class RosterResult:
    school_id: int
    kind: str = ""
    sheet: str = ""
    header_row: int = 0
    # Field name -> the header as written in the file.
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    questions: list[RosterQuestion] = field(default_factory=list)
    notices: list[RosterProblem] = field(default_factory=list)
    chosen: list[Chosen] = field(default_factory=list)
    # How many values were left out by the deputy's choice.
    left_out: int = 0

    @property
    def ok(self) -> bool:
        """Nothing stands in the way of an import but, perhaps, questions to answer."""
        return bool(self.rows) and not self.problems

    @property
    def ready(self) -> bool:
        return self.ok and not self.questions

    @property
    def new_rows(self) -> list[RosterRow]:
        return [row for row in self.rows if row.staff_id is None]

    @property
    def existing_rows(self) -> list[RosterRow]:
        return [row for row in self.rows if row.staff_id is not None]

    def resolve(self, choices: RosterChoices) -> None:
        """Apply the deputy's answers to the rows that wait for them. Questions without an
        answer stay; a value answered "without" leaves the row without it, with a notice."""
        answered = {(q.kind, q.key): q for q in self.questions if (q.kind, q.key) in choices}
        references = _answer_objects(choices)
        for row in self.rows:
            waiting = []
            for kind, key in row.pending:
                question = answered.get((kind, key))
                if question is None:
                    waiting.append((kind, key))
                    continue
                ids = choices[(kind, key)]
                _fill(row, kind, [references[kind][pk] for pk in ids])
                if not ids:
                    self.notices.append(_left_out(row.row, question))
                    self.left_out += 1
            row.pending = waiting
        self.questions = [q for q in self.questions if (q.kind, q.key) not in answered]
        self.chosen += [
            Chosen(q.kind, q.value, choices[(q.kind, q.key)]) for q in answered.values()
        ]
        self.notices.sort(key=lambda notice: notice.row)


def _answer_objects(choices: RosterChoices) -> dict[str, dict[int, Model]]:
    ids: dict[str, set[int]] = defaultdict(set)
    for (kind, _key), chosen in choices.items():
        ids[kind].update(chosen)
    models: dict[str, type[Model]] = {
        SUBJECT: Subject,
        POSITION: Position,
        CATEGORY: QualificationCategory,
    }
    return {
        kind: model.objects.in_bulk(ids.get(kind, ()))  # type: ignore[attr-defined]
        for kind, model in models.items()
    }


def _fill(row: RosterRow, kind: str, found: list[Any]) -> None:
    if kind == SUBJECT:
        row.subjects = [*(row.subjects or []), *(s for s in found if s not in (row.subjects or []))]
    elif found:
        setattr(row, kind, found[0])


def _left_out(row: int, question: RosterQuestion) -> RosterProblem:
    return RosterProblem(
        row,
        question.column,
        _("“%(value)s” was left out, as you chose: the row is imported without it.")
        % {"value": question.value},
    )


@dataclass(frozen=True)
class RosterCounts:
    created: int
    updated: int
    unchanged: int
    courses: int = 0
    attestations: int = 0


def import_summary(counts: RosterCounts, *, left_out: int = 0) -> str:
    """What an import did, in a sentence or three."""
    parts = [
        _("Added: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d.")
        % {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged},
        _("Courses added: %(courses)d, category assignments added: %(attestations)d.")
        % {"courses": counts.courses, "attestations": counts.attestations},
    ]
    if left_out:
        parts.append(
            _("Values left out as you chose: %(count)d (the preview listed them).")
            % {"count": left_out}
        )
    return " ".join(parts)


def _find_header(rows: Iterable[Sequence[Any]]) -> tuple[int, dict[int, str], dict[int, str]]:
    """The first row naming the IIN and a name column: (its index among `rows`, 1-based;
    column -> field; column -> header text). (0, {}, {}) when no such row is among the first
    HEADER_SEARCH_ROWS."""
    for number, values in enumerate(rows, start=1):
        if number > HEADER_SEARCH_ROWS:
            break
        fields: dict[int, str] = {}
        headers: dict[int, str] = {}
        for index, value in enumerate(values):
            text = cell_text(value)
            headers[index] = text
            name = field_for_header(text) if text else None
            if name and name not in fields.values():
                fields[index] = name
        names = set(fields.values())
        if "iin" in names and names & {"full_name", "last_name", "first_name"}:
            return number, fields, {i: t for i, t in headers.items() if t}
    return 0, {}, {}


def _is_column_numbering(values: Sequence[Any]) -> bool:
    """The row of 1, 2, 3… that official forms put under the header (and on every page)."""
    # CSV has them as text.
    filled = [int(v) if isinstance(v, str) and v.isdigit() else v for v in values if v]
    if len(filled) < 3 or not all(isinstance(v, int | float) for v in filled):
        return False
    return all(b - a == 1 for a, b in itertools.pairwise(filled))


class _CellFault(Exception):
    """A cell's value is wrong; the message says why, in the active language."""


def _fault_text_too_long(limit: int) -> _CellFault:
    return _CellFault(_("The text is too long: at most %(limit)d characters.") % {"limit": limit})


class _RowReader:
    """Reads one row at a time into a RosterRow, each column by a small method of its own."""

    def __init__(
        self,
        columns: dict[int, str],
        headers: dict[int, str],
        references: References,
        result: RosterResult,
    ) -> None:
        self.columns = columns
        self.header_of = {name: headers[index] for index, name in columns.items()}
        self.header_keys = {index: header_key(headers[index]) for index in columns}
        self.references = references
        self.result = result
        self.questions: dict[tuple[str, str], RosterQuestion] = {}
        self.today = today()
        # Lists rarely name the course: it is entered under its kind, in the importer's language.
        self.course_title = _("Qualification-upgrade course")

    # Which rows are not a teacher's

    def cells(self, values: Sequence[Any]) -> dict[str, Any]:
        cells: dict[str, Any] = {}
        for index, name in self.columns.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, str) and not value.strip():
                value = None
            cells[name] = value
        return cells

    def skip_reason(self, values: Sequence[Any], cells: dict[str, Any]) -> str | None:
        """Why a row is not a teacher's (one of SKIPPED); None for a teacher's row."""
        if all(value in (None, "") for value in values):
            return "empty"
        if _is_column_numbering(values):
            return "numbering"
        if clean_iin(cells.get("iin")).isdigit():
            return None  # most rows: an IIN is there, whatever else is wrong with the row
        repeats = sum(
            1
            for index, key in self.header_keys.items()
            if index < len(values) and header_key(cell_text(values[index])) == key
        )
        if repeats >= 2:
            return "header"
        text = fold_letters(" ".join(cell_text(v) for v in values if v is not None))
        first = FIRST_WORD.search(text)
        first_word = first.group() if first else ""
        if first_word in TOTALS_KEYS:
            return "totals"
        if "__" in text or first_word in SIGNATURE_KEYS:
            return "signature"
        if all(value is None for value in cells.values()):
            return "unread"
        return None

    # One row

    def read(self, number: int, cells: dict[str, Any]) -> RosterRow | None:
        """The row, or None when it has faults (reported in the result's problems)."""
        self.number = number
        self.faults = 0
        self.pending: list[tuple[str, str]] = []
        last_name, first_name, patronymic = self._names(cells)
        if cells.get("iin") is None:
            self.fault("iin", _("This cell must not be empty."))
        row = RosterRow(
            row=number,
            iin=self._checked(cells, "iin", self._iin) or "",
            last_name=last_name or "",
            first_name=first_name or "",
            patronymic=patronymic,
        )
        row.position, position_subjects = self._checked(cells, "position", self._position) or (
            None,
            None,
        )
        row.subjects = self._checked(cells, "subjects", self._subjects)
        if row.subjects is None and position_subjects:
            row.subjects = list(position_subjects)
        row.category = self._checked(cells, "category", self._category)
        row.education, details = self._checked(cells, "education", self._education) or (
            None,
            None,
        )
        row.education_details = self._checked(cells, "education_details", self._text(300))
        row.education_details = row.education_details or details
        row.experience_started_on, row.experience_years = self._experience(cells)
        row.email = self._checked(cells, "email", self._email)
        row.phone = self._checked(cells, "phone", self._text(30))
        row.course = self._course(cells)
        row.attested_on = self._checked(cells, "attested_on", self._past_date_or_year)
        row.pending = self.pending
        if self.faults or not (last_name and first_name and row.iin):
            return None
        return row

    def fault(self, name: str, message: str) -> None:
        self.result.problems.append(RosterProblem(self.number, self.header_of[name], message))
        self.faults += 1

    def _checked(self, cells: dict[str, Any], name: str, clean: Callable[[Any], Any]) -> Any:
        """`clean` the cell of column `name`: None when it is empty or absent, or faulty."""
        value = cells.get(name)
        if value is None:
            return None
        try:
            return clean(value)
        except _CellFault as fault:
            self.fault(name, str(fault))
            return None

    def ask(self, kind: str, name: str, text: str, found: Found | None) -> None:
        """Wait for the deputy's answer about `text`, asked once for the whole file."""
        key = reference_key(text)
        question = self.questions.get((kind, key))
        if question is None:
            question = RosterQuestion(
                kind=kind,
                key=key,
                value=text,
                column=self.header_of[name],
                rows=[],
                options=self.references.options(kind, found),
                ambiguous=found is not None,
            )
            self.questions[(kind, key)] = question
            self.result.questions.append(question)
        question.rows.append(self.number)
        self.pending.append((kind, key))

    # Columns

    @staticmethod
    def _text(limit: int) -> Callable[[Any], str | None]:
        def clean(value: Any) -> str | None:
            text = cell_text(value)
            if len(text) > limit:
                raise _fault_text_too_long(limit)
            return text or None

        return clean

    def _names(self, cells: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
        if "full_name" in self.header_of:
            names = self._checked(cells, "full_name", self._full_name) or (None, None, None)
            missing = ["full_name"] if not (names[0] and names[1]) else []
        else:
            names = tuple(
                self._checked(cells, name, self._text(100))
                for name in ("last_name", "first_name", "patronymic")
            )
            missing = [n for n, v in zip(("last_name", "first_name"), names, strict=False) if not v]
        for name in missing:
            if cells.get(name) is None or name == "full_name":
                self.fault(name, _("This cell must not be empty."))
        return names  # type: ignore[return-value]

    @staticmethod
    def _full_name(value: Any) -> tuple[str, str | None, str]:
        parts = cell_text(value).split()
        # "Серік қызы" written apart is still one patronymic.
        names = (parts[0], parts[1] if len(parts) > 1 else None, " ".join(parts[2:]))
        if any(len(p or "") > 100 for p in names):
            raise _fault_text_too_long(100)
        return names

    def _iin(self, value: Any) -> str:
        iin = clean_iin(value)
        try:
            validate_iin(iin)
        except ValidationError as error:
            raise _CellFault(" ".join(error.messages)) from None
        return iin

    def _position(self, value: Any) -> tuple[Position | None, tuple[Subject, ...] | None]:
        text = self._text(200)(value) or ""
        position, subject = self.references.position(text)
        if position is None:
            self.ask(POSITION, "position", text, None)
            return None, None
        return position.items[0], subject.items if subject else None

    def _subjects(self, value: Any) -> list[Subject]:
        subjects: list[Subject] = []
        # Split before tidying spaces: a line break inside the cell separates too.
        for name in filter(None, (cell_text(n) for n in SUBJECT_SEPARATORS.split(str(value)))):
            found = self.references.lookup(SUBJECT, name)
            if found is None or found.ambiguous:
                self.ask(SUBJECT, "subjects", name, found)
                continue
            subjects += [s for s in found.items if s not in subjects]
        return subjects

    def _category(self, value: Any) -> QualificationCategory | None:
        text = self._text(100)(value) or ""
        found = self.references.category(text)
        if found is None:
            self.ask(CATEGORY, "category", text, None)
            return None
        return found.items[0]

    def _education(self, value: Any) -> tuple[str, str | None]:
        # "Жоғары, Абай атындағы ҚазҰПУ, физика": the level, then where and what.
        level, _comma, details = cell_text(value).partition(",")
        education = self.references.education_level(level)
        if education is None:
            raise _CellFault(_("“%(value)s” is not a known level of education.") % {"value": level})
        return education, details.strip()[:300] or None

    def _email(self, value: Any) -> str | None:
        text = self._text(254)(value)
        try:
            validate_email(text)
        except ValidationError:
            raise _CellFault(_("“%(value)s” is not an e-mail address.") % {"value": text}) from None
        return text.lower() if text else None

    def _experience(self, cells: dict[str, Any]) -> tuple[datetime.date | None, int | None]:
        if "experience_started_on" in self.columns.values():
            return self._checked(cells, "experience_started_on", self._past_date), None
        years = self._checked(cells, "experience_years", self._years)
        return (None, None) if years is None else (start_from_years(years, self.today), years)

    def _check_past(self, day: datetime.date) -> datetime.date:
        if day > self.today:
            raise _CellFault(
                _("The date %(date)s is in the future.") % {"date": day.strftime("%d.%m.%Y")}
            )
        if day < EARLIEST_DATE:
            raise _CellFault(
                _("The date %(date)s is too far in the past: check it for a typo.")
                % {"date": day.strftime("%d.%m.%Y")}
            )
        return day

    def _past_date(self, value: Any) -> datetime.date:
        try:
            parsed = parse_date(value)
        except (ValueError, OverflowError):
            raise _CellFault(
                _("“%(value)s” is not a date: write it as dd.mm.yyyy.")
                % {"value": cell_text(value)}
            ) from None
        return self._check_past(parsed)

    def _past_date_or_year(self, value: Any) -> datetime.date:
        return self._course_date(value)[0]

    def _course_date(self, value: Any) -> tuple[datetime.date, bool, str]:
        try:
            day, year_only, left = parse_date_or_year(value)
        except (ValueError, OverflowError):
            raise _CellFault(
                _("“%(value)s” gives no date or year: write it as dd.mm.yyyy or as a year.")
                % {"value": cell_text(value)}
            ) from None
        if year_only and day.year > self.today.year:
            raise _CellFault(_("The year %(year)d is in the future.") % {"year": day.year})
        return self._check_past(day), year_only, left

    def _course(self, cells: dict[str, Any]) -> CourseEntry | None:
        given = self._checked(cells, "course", self._course_date)
        if given is None:
            return None
        day, year_only, left = given
        hours = self._checked(cells, "course_hours", self._hours)
        if hours is None and (match := HOURS_IN_TEXT.search(left)):
            hours = int(match.group(1)) or None
            left = left.replace(match.group(), " ")
        left = " ".join(left.split()).strip(LEFTOVER_PUNCTUATION)
        provider = self._checked(cells, "course_provider", self._text(300)) or left[:300]
        title = self._checked(cells, "course_title", self._text(500)) or self.course_title
        return CourseEntry(day, year_only, provider, title, hours)

    @staticmethod
    def _hours(value: Any) -> int:
        match = YEARS.match(cell_text(value))
        hours = int(match.group(1)) if match else 0
        if not 1 <= hours <= MAX_COURSE_HOURS:
            raise _CellFault(
                _("“%(value)s” is not a number of hours.") % {"value": cell_text(value)}
            )
        return hours

    @staticmethod
    def _years(value: Any) -> int:
        if isinstance(value, int | float) and not isinstance(value, bool):
            years = int(value) if value >= 0 else None
        else:
            match = YEARS.match(cell_text(value))
            years = int(match.group(1)) if match else None
        if years is None or years > MAX_EXPERIENCE_YEARS:
            raise _CellFault(
                _("“%(value)s” is not a number of years.") % {"value": cell_text(value)}
            )
        return years


def _check_iins(result: RosterResult, school: School) -> None:
    """Duplicates within the file, and IINs that belong to another school's staff."""
    iin_header = result.columns.get("iin", "")
    rows_by_iin: dict[str, list[RosterRow]] = defaultdict(list)
    for row in result.rows:
        rows_by_iin[row.iin].append(row)
    duplicates = {iin: rows for iin, rows in rows_by_iin.items() if len(rows) > 1}
    for iin, rows in duplicates.items():
        numbers = ", ".join(str(row.row) for row in rows)
        for row in rows:
            result.problems.append(
                RosterProblem(
                    row.row,
                    iin_header,
                    _("The IIN %(iin)s appears more than once in the file: rows %(rows)s.")
                    % {"iin": iin, "rows": numbers},
                )
            )
    iins = list(rows_by_iin)
    stored: dict[str, tuple[int, int]] = {}
    for start in range(0, len(iins), QUERY_CHUNK):
        chunk = iins[start : start + QUERY_CHUNK]
        for iin, pk, school_id in StaffProfile.objects.filter(iin__in=chunk).values_list(
            "iin", "pk", "school_id"
        ):
            stored[iin] = (pk, school_id)
    for row in result.rows:
        if row.iin not in stored:
            continue
        pk, school_id = stored[row.iin]
        if school_id == school.pk:
            row.staff_id = pk
        else:
            result.problems.append(
                RosterProblem(
                    row.row,
                    iin_header,
                    _(
                        "The IIN %(iin)s belongs to a staff member of another school. A move "
                        "between schools is done by an administrator, not by an import."
                    )
                    % {"iin": row.iin},
                )
            )
    if duplicates:
        result.rows = [row for row in result.rows if row.iin not in duplicates]


def _missing_columns_problem(header_row: int, missing: list[str]) -> RosterProblem:
    return RosterProblem(
        header_row,
        "",
        _("The header row has no column for: %(columns)s.") % {"columns": ", ".join(missing)},
    )


def _no_header_problem() -> RosterProblem:
    return RosterProblem(
        0,
        "",
        _(
            "No header row was found in the first %(count)d rows. The table needs columns for "
            "the IIN and the name, for example “ЖСН”, “Тегі”, “Аты” or “ИИН”, “Фамилия”, “Имя”."
        )
        % {"count": HEADER_SEARCH_ROWS},
    )


def _chosen_columns(result: RosterResult, columns: dict[int, str]) -> dict[int, str] | None:
    """The columns to read, one per field; None (with a problem) when a name is missing."""
    names = set(columns.values())
    if {"last_name", "first_name"} <= names:
        columns = {i: n for i, n in columns.items() if n != "full_name"}
    elif "full_name" in names:
        columns = {i: n for i, n in columns.items() if n not in ("last_name", "first_name")}
    else:
        missing = [_("surname") if "last_name" not in names else _("given name")]
        result.problems.append(_missing_columns_problem(result.header_row, missing))
        return None
    if "experience_started_on" in columns.values():
        columns = {i: n for i, n in columns.items() if n != "experience_years"}
    return columns


def _read_rows(
    result: RosterResult, reader: _RowReader, rows: Iterable[Sequence[Any]], first: int
) -> None:
    empty: list[int] = []
    for number, values in enumerate(rows, start=first):
        cells = reader.cells(values)
        reason = reader.skip_reason(values, cells)
        if reason == "empty":
            empty.append(number)
        elif reason is not None:
            result.notices.append(RosterProblem(number, "", skipped_message(reason, number)))
        elif row := reader.read(number, cells):
            result.rows.append(row)
    # Empty rows within the table are worth a word; the many after its end are not.
    last = result.rows[-1].row if result.rows else 0
    result.notices += [
        RosterProblem(number, "", skipped_message("empty", number))
        for number in empty
        if number < last
    ]


def read_roster(file: IO[bytes], *, school: School, name: str = "") -> RosterResult:
    """Parse and check a roster without writing anything.

    `name` is the file's name, which only tells a CSV file (text) from anything else.
    Raises ValidationError when the file is not an acceptable table at all; every other
    problem is in the result, in the active language.
    """
    result = RosterResult(school_id=school.pk)
    result.kind, sheets = read_table(file, name or getattr(file, "name", "") or "")
    for sheet in sheets:
        rows = iter(sheet.rows)
        # The header is looked for among the first rows; they are kept to read on from it.
        head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        index, columns, headers = _find_header(head)
        if index:
            break
    else:
        result.problems.append(_no_header_problem())
        return result
    result.sheet = sheet.title
    result.header_row = sheet.first_row + index - 1
    chosen = _chosen_columns(result, columns)
    if chosen is None:
        return result
    result.columns = {name: headers[i] for i, name in chosen.items()}
    result.ignored_columns = [text for i, text in sorted(headers.items()) if i not in chosen]
    reader = _RowReader(chosen, headers, References(school), result)
    _read_rows(result, reader, itertools.chain(head[index:], rows), result.header_row + 1)
    if not result.rows and not result.problems:
        result.problems.append(
            RosterProblem(0, "", _("The file has no staff rows under the header."))
        )
    _check_iins(result, school)
    result.problems.sort(key=lambda p: p.row)
    result.notices.sort(key=lambda p: p.row)
    return result

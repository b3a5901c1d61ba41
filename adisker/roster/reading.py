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

`people.services.apply_roster` writes a result that has neither problems nor questions.

An empty cell means "not given": a new staff member gets the default (no patronymic, the
position of teacher, the category of педагог, higher education), an existing one keeps what
is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model, Q
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from adisker.lib.dates import academic_start_year, today
from adisker.lib.identifiers import validate_iin
from adisker.lib.text import fold_letters, reference_key
from adisker.lib.uploads import read_table
from adisker.people.models import (
    CategoryAlias,
    Position,
    PositionAlias,
    QualificationCategory,
    StaffProfile,
)
from adisker.schools.models import School, Subject, SubjectAlias

HEADER_SEARCH_ROWS = 10
EARLIEST_DATE = datetime.date(1940, 1, 1)
MAX_EXPERIENCE_YEARS = 60
MAX_COURSE_HOURS = 2_000
DEFAULT_POSITION = "teacher"
DEFAULT_CATEGORY = "pedagogue"
DEFAULT_EDUCATION = StaffProfile.Education.HIGHER
# Enough to keep each IN (...) query under SQLite's 999 parameters.
_QUERY_CHUNK = 900

SUBJECT, POSITION, CATEGORY = "subject", "position", "category"
# The answer "import the row without this value".
WITHOUT = "-"

# Column names as schools write them. Matching ignores case, Kazakh letters, spaces,
# punctuation and anything in brackets, and a header such as "Тегі / Фамилия" matches by
# either half.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("Тегі", "Фамилия", "Surname", "Last name", "Family name"),
    "first_name": ("Аты", "Есімі", "Имя", "Given name", "First name", "Name"),
    "patronymic": ("Әкесінің аты", "Әкесінің есімі", "Отчество", "Patronymic", "Middle name"),
    "full_name": (
        "Аты-жөні",
        "Аты жөні",
        "Толық аты-жөні",
        "Тегі, аты, әкесінің аты",
        "Т.А.Ә.",
        "ФИО",
        "Ф.И.О.",
        "Фамилия, имя, отчество",
        "Full name",
    ),
    "iin": (
        "ЖСН",
        "ИИН",
        "IIN",
        "Жеке сәйкестендіру нөмірі",
        "Индивидуальный идентификационный номер",
    ),
    "position": ("Лауазымы", "Лауазым", "Қызметі", "Атқаратын қызметі", "Должность", "Position"),
    "subjects": (
        "Пәні",
        "Пәндері",
        "Оқытатын пәні",
        "Предмет",
        "Предметы",
        "Преподаваемый предмет",
        "Subject",
        "Subjects",
    ),
    "category": (
        "Санаты",
        "Біліктілік санаты",
        "Категория",
        "Квалификационная категория",
        "Category",
        "Qualification category",
    ),
    "attested_on": (
        "Санат берілген күні",
        "Санаттың берілген күні",
        "Санат берілген жылы",
        "Аттестаттаудан өткен күні",
        "Дата присвоения категории",
        "Дата присвоения",
        "Год присвоения категории",
        "Дата аттестации",
        "Category assigned on",
        "Attestation date",
    ),
    "education": ("Білімі", "Образование", "Education"),
    "education_details": (
        "Бітірген оқу орны",
        "Бітірген оқу орны, мамандығы",
        "Оқу орны",
        "Мамандығы",
        "Учебное заведение",
        "Учебное заведение, специальность",
        "Что окончил",
        "Специальность",
        "Institution and speciality",
    ),
    "experience_started_on": (
        "Педагогикалық өтілі басталған күн",
        "Педагогикалық өтілінің басталған күні",
        "Өтілі басталған күн",
        "Дата начала стажа",
        "Дата начала педагогического стажа",
        "Experience since",
        "Pedagogical experience since",
    ),
    "experience_years": (
        "Педагогикалық өтілі",
        "Пед. өтілі",
        "Өтілі",
        "Стаж",
        "Педагогический стаж",
        "Пед. стаж",
        "Стаж работы",
        "Experience",
        "Experience, years",
    ),
    # The last qualification-upgrade course: a date, a year, or "2023, Өрлеу".
    "course": (
        "Соңғы біліктілік курсы",
        "Соңғы курс",
        "Соңғы курстан өткен жылы",
        "Біліктілікті арттыру курсы",
        "Біліктілікті арттыру курстары",
        "Курсы ПК",
        "Курсы повышения квалификации",
        "Последние курсы",
        "Последние курсы повышения квалификации",
        "Курсовая подготовка",
        "Прохождение курсов",
        "Last course",
        "Qualification course",
        "Last qualification course",
    ),
    "course_provider": (
        "Курс өткен орны",
        "Курстан өткен орны",
        "Курс өткізген ұйым",
        "Место прохождения курсов",
        "Место прохождения",
        "Организация, проводившая курсы",
        "Course provider",
    ),
    "course_title": (
        "Курс тақырыбы",
        "Курстың атауы",
        "Тема курсов",
        "Название курса",
        "Course title",
    ),
    "course_hours": (
        "Курс сағаты",
        "Сағат саны",
        "Сағаты",
        "Количество часов",
        "Кол-во часов",
        "Часы",
        "Hours",
        "Course hours",
    ),
    "email": (
        "Электрондық пошта",
        "Эл. пошта",
        "Электронная почта",
        "Эл. почта",
        "E-mail",
        "Email",
    ),
    "phone": (
        "Телефон",
        "Телефоны",
        "Байланыс телефоны",
        "Ұялы телефон",
        "Контактный телефон",
        "Сотовый телефон",
        "Phone",
    ),
}

# Words that end a category as schools write it: "высшая категория", "бірінші санатты".
CATEGORY_SUFFIXES = ("категория", "категории", "санатты", "санаты", "санат", "кат", "category")

EDUCATION_ALIASES: dict[str, tuple[str, ...]] = {
    StaffProfile.Education.VOCATIONAL: (
        "техникалық және кәсіптік",
        "арнаулы орта",
        "орта арнаулы",
        "орта кәсіптік",
        "средне-специальное",
        "среднее специальное",
        "среднее профессиональное",
        "техническое и профессиональное",
        "колледж",
        "vocational",
    ),
    StaffProfile.Education.HIGHER: ("жоғары", "высшее", "бакалавр", "bachelor", "higher"),
    StaffProfile.Education.MASTER: ("магистр", "магистратура", "master"),
    StaffProfile.Education.DOCTORAL: ("phd", "доктор phd", "докторантура", "doctoral"),
}

# What the first words of a row that is not a teacher's say, in the three languages.
TOTALS_WORDS = ("барлығы", "жиыны", "итого", "всего", "total")
SIGNATURE_WORDS = (
    "директор",
    "орынбасары",
    "заместитель",
    "зам",
    "қолы",
    "подпись",
    "мп",
    "мөр",
    "орындаған",
    "исполнитель",
    "составил",
    "signature",
)

_TOTALS_KEYS = frozenset(fold_letters(word) for word in TOTALS_WORDS)
_SIGNATURE_KEYS = frozenset(fold_letters(word) for word in SIGNATURE_WORDS)


def _skipped_message(reason: str, row: int) -> str:
    messages = {
        "empty": _("Row %(row)d is empty: skipped."),
        "numbering": _("Row %(row)d numbers the columns: skipped."),
        "header": _("Row %(row)d repeats the header: skipped."),
        "totals": _("Row %(row)d looks like a totals line: skipped."),
        "signature": _("Row %(row)d looks like a signature line: skipped."),
        "unread": _("Row %(row)d has nothing in the columns read: skipped."),
    }
    return messages[reason] % {"row": row}


DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HEADER_PUNCTUATION = re.compile(r"[.,:;*№#\"«»]")
_DASHES_AND_SPACES = re.compile(r"[\s\-‐‑–—]+")
_SUBJECT_SEPARATORS = re.compile(r"[,;/\n]")
_YEARS = re.compile(r"^(\d{1,3})(?:[.,]\d+)?(?:\s*\D.*)?$")
_DATE_SUFFIX = re.compile(r"\s*(ж|г|жыл|год)\.?$")
_DATE_IN_TEXT = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_HOURS_IN_TEXT = re.compile(r"(?<!\d)(\d{1,4})\s*(?:сағ|час|ч\b|h\b|hours)", re.IGNORECASE)
_YEAR_WORDS = re.compile(r"(?<![^\W\d_])(?:жж|ж|гг|г|жыл|жылы|год|года)(?![^\W\d_])\.?")
_LEFTOVER_PUNCTUATION = " ,.;:-–—()"
_FIRST_WORD = re.compile(r"[^\W\d_]+")


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


# Keys ------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    text = _BRACKETS.sub(" ", fold_letters(text))
    text = _HEADER_PUNCTUATION.sub(" ", text)
    return _DASHES_AND_SPACES.sub(" ", text).strip()


_HEADER_FIELDS: dict[str, str] = {
    header_key(alias): name for name, aliases in COLUMN_ALIASES.items() for alias in aliases
}


def field_for_header(text: str) -> str | None:
    for part in (text, *re.split(r"[/\n]", text)):
        name = _HEADER_FIELDS.get(header_key(part))
        if name:
            return name
    return None


# Cell values ------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A cell as text with stray and doubled spaces removed; whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def clean_iin(value: Any) -> str:
    """Spreadsheets store IINs as numbers and drop the leading zero of those born after 2000;
    a CSV saved from such a sheet has the short number as text. Text is given its zeros back
    only when that makes a valid IIN, so a digit missing by a typo is still reported."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value:012d}"
    text = "".join(cell_text(value).split()).lstrip("'")
    if 10 <= len(text) < 12 and text.isascii() and text.isdigit():
        padded = text.zfill(12)
        try:
            validate_iin(padded)
        except ValidationError:
            return text
        return padded
    return text


def parse_date(value: Any) -> datetime.date:
    """An Excel date, an Excel serial number or dd.mm.yyyy / dd.mm.yy text; ValueError if not."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2_958_466:
            raise ValueError(value)
        return from_excel(value).date()
    text = _DATE_SUFFIX.sub("", cell_text(value))
    for pattern in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
        if pattern == "%d.%m.%y" and parsed.year > today().year:
            # Two-digit years are past ones: "01.09.85" is 1985, never 2085.
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed
    raise ValueError(value)


def parse_date_or_year(value: Any) -> tuple[datetime.date, bool, str]:
    """A course's or an attestation's date as lists give it: a date, a year alone, or either
    inside text ("2023, Өрлеу", "15.03.2023 ж."); the latest when there are several. Returns
    (date, year only, the text left over); ValueError when there is no date or year."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return datetime.date(int(value), 1, 1), True, ""
    if not isinstance(value, str):
        return parse_date(value), False, ""
    text = cell_text(value)
    dates = []
    for found in _DATE_IN_TEXT.findall(text):
        try:
            dates.append(parse_date(found.replace("/", ".").replace("-", ".")))
        except ValueError:
            continue
    if dates:
        left = _DATE_IN_TEXT.sub(" ", text)
        year_only = False
        day = max(dates)
    else:
        years = [int(year) for year in _YEAR_IN_TEXT.findall(text)]
        if not years:
            raise ValueError(value)
        left = _YEAR_IN_TEXT.sub(" ", text)
        year_only = True
        day = datetime.date(max(years), 1, 1)
    left = " ".join(_YEAR_WORDS.sub(" ", left).split()).strip(_LEFTOVER_PUNCTUATION)
    return day, year_only, left


def start_from_years(years: int, on: datetime.date) -> datetime.date:
    """The 1st of September `years` academic years ago: experience counts from a school year."""
    return datetime.date(academic_start_year(on) - years, 9, 1)


# Reference data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What a name stands for: the objects (several for "Қазақ тілі мен әдебиеті"); with
    `ambiguous`, the objects are the answers to offer rather than the answer."""

    items: tuple[Any, ...]
    ambiguous: bool = False


def _names(item: Model) -> Iterable[str]:
    return (item.code, item.name_kk, item.name_ru, item.name_en)  # type: ignore[attr-defined]


class References:
    """Subjects, positions and categories by every name they go by, loaded once per file: the
    school's own aliases first, then the names themselves, then the national aliases."""

    def __init__(self, school: School) -> None:
        self.subjects = list(Subject.objects.all())
        self.positions = list(Position.objects.all())
        self.categories = list(QualificationCategory.objects.all())
        by_id = {
            SUBJECT: {s.pk: s for s in self.subjects},
            POSITION: {p.pk: p for p in self.positions},
            CATEGORY: {c.pk: c for c in self.categories},
        }
        self.found: dict[str, dict[str, Found]] = {SUBJECT: {}, POSITION: {}, CATEGORY: {}}
        for kind, items in by_id.items():
            for item in items.values():
                for name in _names(item):
                    if name:
                        self.found[kind].setdefault(reference_key(name), Found((item,)))
        self._add_aliases(school, by_id)
        self.education: dict[str, str] = {}
        for level, names in EDUCATION_ALIASES.items():
            for name in names:
                self.education[reference_key(name)] = level
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                for level, label in StaffProfile.Education.choices:
                    self.education.setdefault(reference_key(str(label)), level)
        self._education_prefixes = sorted(self.education, key=len, reverse=True)

    def _add_aliases(self, school: School, by_id: dict[str, dict[int, Any]]) -> None:
        # An alias's subjects in the curriculum's order (the order they were entered in).
        subject_ids: dict[int, list[int]] = defaultdict(list)
        through = SubjectAlias.subjects.through
        national_or_own = Q(school__isnull=True) | Q(school=school)
        for alias_id, subject_id in (
            through.objects.filter(
                Q(subjectalias__school__isnull=True) | Q(subjectalias__school=school)
            )
            .order_by("subject_id")
            .values_list("subjectalias_id", "subject_id")
        ):
            subject_ids[alias_id].append(subject_id)
        rows: list[tuple[str, int | None, str, tuple[int, ...], bool]] = [
            (SUBJECT, school_id, key, tuple(subject_ids[pk]), ambiguous)
            for pk, school_id, key, ambiguous in SubjectAlias.objects.filter(
                national_or_own
            ).values_list("pk", "school_id", "key", "ambiguous")
        ]
        for kind, model, target in (
            (POSITION, PositionAlias, "position_id"),
            (CATEGORY, CategoryAlias, "category_id"),
        ):
            rows += [
                (kind, school_id, key, (pk,), False)
                for school_id, key, pk in model.objects.filter(national_or_own).values_list(
                    "school_id", "key", target
                )
            ]
        # National aliases give way to the names themselves, a school's own to nothing.
        for kind, school_id, key, ids, ambiguous in sorted(rows, key=lambda r: r[1] is None):
            found = Found(tuple(by_id[kind][pk] for pk in ids), ambiguous)
            if school_id is not None:
                self.found[kind][key] = found
            else:
                self.found[kind].setdefault(key, found)

    def lookup(self, kind: str, text: str) -> Found | None:
        return self.found[kind].get(reference_key(text))

    def category(self, text: str) -> Found | None:
        found = self.lookup(CATEGORY, text)
        key = reference_key(text)
        for suffix in CATEGORY_SUFFIXES:
            if found is None and key.endswith(suffix) and key != suffix:
                found = self.found[CATEGORY].get(key.removesuffix(suffix))
        return found

    def position(self, text: str) -> tuple[Found | None, Found | None]:
        """(the position, the subject it names): "учитель математики", "физика мұғалімі"."""
        found = self.lookup(POSITION, text)
        if found is not None:
            return found, None
        words = fold_letters(text).split()
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            for position_part, subject_part in ((head, tail), (tail, head)):
                found = self.lookup(POSITION, position_part)
                if found is not None:
                    subject = self.lookup(SUBJECT, subject_part)
                    return found, subject if subject and not subject.ambiguous else None
        return None, None

    def education_level(self, text: str) -> str | None:
        key = reference_key(text)
        found = self.education.get(key)
        if found is None:
            # "Высшее педагогическое" is higher education.
            for name in self._education_prefixes:
                if key.startswith(name):
                    return self.education[name]
        return found

    def options(self, kind: str, found: Found | None) -> list[tuple[str, str]]:
        """The answers a question offers: an ambiguous name's subjects, each and all; for an
        unknown name, every item of its kind; and always "import without it"."""
        if found is not None and found.ambiguous:
            items = list(found.items)
            offered = [(str(item.pk), item.name) for item in items]
            if len(items) > 1:
                both = ", ".join(item.name for item in items)
                offered.append((",".join(str(item.pk) for item in items), both))
        else:
            items = {SUBJECT: self.subjects, POSITION: self.positions, CATEGORY: self.categories}[
                kind
            ]
            offered = [(str(item.pk), item.name) for item in items]
        return [*offered, (WITHOUT, _("import without it"))]


# Reading ----------------------------------------------------------------------------------


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
        first = _FIRST_WORD.search(text)
        first_word = first.group() if first else ""
        if first_word in _TOTALS_KEYS:
            return "totals"
        if "__" in text or first_word in _SIGNATURE_KEYS:
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
        for name in filter(None, (cell_text(n) for n in _SUBJECT_SEPARATORS.split(str(value)))):
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
        if hours is None and (match := _HOURS_IN_TEXT.search(left)):
            hours = int(match.group(1)) or None
            left = left.replace(match.group(), " ")
        left = " ".join(left.split()).strip(_LEFTOVER_PUNCTUATION)
        provider = self._checked(cells, "course_provider", self._text(300)) or left[:300]
        title = self._checked(cells, "course_title", self._text(500)) or self.course_title
        return CourseEntry(day, year_only, provider, title, hours)

    @staticmethod
    def _hours(value: Any) -> int:
        match = _YEARS.match(cell_text(value))
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
            match = _YEARS.match(cell_text(value))
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
    for start in range(0, len(iins), _QUERY_CHUNK):
        chunk = iins[start : start + _QUERY_CHUNK]
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
            result.notices.append(RosterProblem(number, "", _skipped_message(reason, number)))
        elif row := reader.read(number, cells):
            result.rows.append(row)
    # Empty rows within the table are worth a word; the many after its end are not.
    last = result.rows[-1].row if result.rows else 0
    result.notices += [
        RosterProblem(number, "", _skipped_message("empty", number))
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

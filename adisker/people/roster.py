"""Reading a school's staff roster from XLSX, the way schools keep it.

`read_roster` finds the header row among the first rows, recognises the columns by their
Kazakh, Russian or English names, cleans every value and checks the whole file; it never
writes. Every problem is reported with the spreadsheet's row number and the column's header
as written in the file, in the active language. `people.services.apply_roster` writes a
result that has no problems.

An empty cell means "not given": a new staff member gets the default (no patronymic, the
position of teacher, the category of педагог, higher education), an existing one keeps what
is stored.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from adisker.core.dates import academic_start_year, today
from adisker.core.identifiers import validate_iin
from adisker.core.text import fold
from adisker.core.uploads import open_xlsx
from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import School, Subject

HEADER_SEARCH_ROWS = 10
EARLIEST_DATE = datetime.date(1940, 1, 1)
MAX_EXPERIENCE_YEARS = 60
DEFAULT_POSITION = "teacher"
DEFAULT_CATEGORY = "pedagogue"
DEFAULT_EDUCATION = StaffProfile.Education.HIGHER
# Enough to keep each IN (...) query under SQLite's 999 parameters.
_QUERY_CHUNK = 900

# Column names as schools write them. Matching ignores case, spaces, punctuation and anything
# in brackets, and a header such as "Тегі / Фамилия" matches by either half.
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

# Categories before the 2020 reform, by the category each became.
OLD_CATEGORIES: dict[str, tuple[str, ...]] = {
    "pedagogue": ("без категории", "санатсыз", "категориясыз", "no category"),
    "moderator": ("вторая", "второй", "екінші", "second"),
    "expert": ("первая", "первой", "бірінші", "first"),
    "researcher": ("высшая", "высшей", "жоғары", "highest"),
}
CATEGORY_SUFFIXES = ("категория", "категории", "санатты", "санаты", "санат", "category")

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

DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HEADER_PUNCTUATION = re.compile(r"[.,:;*№#\"«»]")
_DASHES_AND_SPACES = re.compile(r"[\s\-‐‑–—]+")
_SUBJECT_SEPARATORS = re.compile(r"[,;\n]")
_YEARS = re.compile(r"^(\d{1,3})(?:[.,]\d+)?(?:\s*\D.*)?$")
_DATE_SUFFIX = re.compile(r"\s*(ж|г|жыл|год)\.?$")


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """A problem in the file: `row` is the spreadsheet's row number (0 for the whole file),
    `column` the header as written in the file ("" when no one column is at fault)."""

    row: int
    column: str
    message: str


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
    # The existing profile in the same school, which the import will update.
    staff_id: int | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)


@dataclass
class RosterResult:
    school_id: int
    sheet: str = ""
    header_row: int = 0
    # Field name -> the header as written in the file.
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def new_rows(self) -> list[RosterRow]:
        return [row for row in self.rows if row.staff_id is None]

    @property
    def existing_rows(self) -> list[RosterRow]:
        return [row for row in self.rows if row.staff_id is not None]


@dataclass(frozen=True)
class RosterCounts:
    created: int
    updated: int
    unchanged: int


# Keys ------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    text = _BRACKETS.sub(" ", fold(text))
    text = _HEADER_PUNCTUATION.sub(" ", text)
    return _DASHES_AND_SPACES.sub(" ", text).strip()


def compact_key(text: str) -> str:
    """Case, spaces and dashes ignored: "Педагог – модератор" is "педагог-модератор"."""
    return _DASHES_AND_SPACES.sub("", fold(text))


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
    """Spreadsheets store IINs as numbers and drop the leading zero of those born after 2000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"{value:012d}"
    return "".join(cell_text(value).split()).lstrip("'")


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


def start_from_years(years: int, on: datetime.date) -> datetime.date:
    """The 1st of September `years` academic years ago: experience counts from a school year."""
    return datetime.date(academic_start_year(on) - years, 9, 1)


class _Lookup:
    """Reference data by every name it goes by, loaded once per file."""

    def __init__(self) -> None:
        self.subjects: dict[str, Subject] = {}
        for subject in Subject.objects.all():
            for name in (subject.code, subject.name_kk, subject.name_ru, subject.name_en):
                if name:
                    self.subjects.setdefault(fold(name), subject)
        self.positions: dict[str, Position] = {}
        for position in Position.objects.all():
            for name in (position.code, position.name_kk, position.name_ru, position.name_en):
                if name:
                    self.positions.setdefault(fold(name), position)
        self.categories: dict[str, QualificationCategory] = {}
        by_code: dict[str, QualificationCategory] = {}
        for category in QualificationCategory.objects.all():
            by_code[category.code] = category
            for name in (category.code, category.name_kk, category.name_ru, category.name_en):
                if name:
                    self.categories.setdefault(compact_key(name), category)
        for code, names in OLD_CATEGORIES.items():
            if code in by_code:
                for name in names:
                    self.categories.setdefault(compact_key(name), by_code[code])
        self.education: dict[str, str] = {}
        for level, names in EDUCATION_ALIASES.items():
            for name in names:
                self.education[compact_key(name)] = level
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                for level, label in StaffProfile.Education.choices:
                    self.education.setdefault(compact_key(str(label)), level)
        self._education_prefixes = sorted(self.education, key=len, reverse=True)
        self._position_names = sorted(self.positions, key=len, reverse=True)

    def category(self, text: str) -> QualificationCategory | None:
        key = compact_key(text)
        found = self.categories.get(key)
        if found is None:
            for suffix in CATEGORY_SUFFIXES:
                if key.endswith(suffix) and key != suffix:
                    found = self.categories.get(key.removesuffix(suffix))
                    break
        return found

    def position(self, text: str) -> Position | None:
        key = fold(text)
        found = self.positions.get(key)
        if found is None:
            # "Учитель физики" is a teacher; so is "физика мұғалімі".
            for name in self._position_names:
                if key.startswith(f"{name} "):
                    return self.positions[name]
            if key.endswith(" мұғалімі"):
                return self.positions.get(DEFAULT_POSITION)
        return found

    def education_level(self, text: str) -> str | None:
        key = compact_key(text)
        found = self.education.get(key)
        if found is None:
            # "Высшее педагогическое" is higher education.
            for name in self._education_prefixes:
                if key.startswith(name):
                    return self.education[name]
        return found


# Reading ----------------------------------------------------------------------------------


def _find_header(rows: Iterable[Sequence[Any]]) -> tuple[int, dict[int, str], dict[int, str]]:
    """The first row naming the IIN and a name column: (row number, column -> field, column ->
    header text). (0, {}, {}) when no such row is among the first HEADER_SEARCH_ROWS."""
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
    """The row of 1, 2, 3… that official forms put under the header."""
    filled = [v for v in values if v not in (None, "")]
    if len(filled) < 3 or not all(isinstance(v, int | float) for v in filled):
        return False
    return all(b - a == 1 for a, b in itertools.pairwise(filled))


class _RowReader:
    def __init__(self, columns: dict[int, str], headers: dict[int, str], lookup: _Lookup) -> None:
        self.columns = columns
        self.header_of = {name: headers[index] for index, name in columns.items()}
        self.lookup = lookup
        self.today = today()

    def read(self, number: int, values: Sequence[Any]) -> tuple[RosterRow | None, list[Any]]:
        cells: dict[str, Any] = {}
        for index, name in self.columns.items():
            value = values[index] if index < len(values) else None
            if isinstance(value, str) and not value.strip():
                value = None
            cells[name] = value
        if all(value is None for value in cells.values()):
            return None, []
        problems: list[RosterProblem] = []

        def problem(name: str, message: str) -> None:
            problems.append(RosterProblem(number, self.header_of[name], message))

        def text(name: str, max_length: int) -> str | None:
            value = cell_text(cells.get(name))
            if not value:
                return None
            if len(value) > max_length:
                problem(
                    name,
                    _("The text is too long: at most %(limit)d characters.")
                    % {"limit": max_length},
                )
            return value

        last_name = text("last_name", 100)
        first_name = text("first_name", 100)
        patronymic = text("patronymic", 100)
        if "full_name" in self.header_of:
            parts = cell_text(cells["full_name"]).split()
            if parts:
                last_name = parts[0]
                first_name = parts[1] if len(parts) > 1 else None
                # "Серік қызы" written apart is still one patronymic.
                patronymic = " ".join(parts[2:])
                if any(len(p) > 100 for p in (last_name, first_name or "", patronymic)):
                    problem(
                        "full_name",
                        _("The text is too long: at most %(limit)d characters.") % {"limit": 100},
                    )
            name_column_of = dict.fromkeys(("last_name", "first_name"), "full_name")
        else:
            name_column_of = {"last_name": "last_name", "first_name": "first_name"}
        for name, value in (("last_name", last_name), ("first_name", first_name)):
            if not value:
                problem(name_column_of[name], _("This cell must not be empty."))

        iin = ""
        if cells.get("iin") is None:
            problem("iin", _("This cell must not be empty."))
        else:
            iin = clean_iin(cells["iin"])
            try:
                validate_iin(iin)
            except ValidationError as error:
                problem("iin", " ".join(error.messages))
                iin = ""

        position = None
        if value := text("position", 200):
            position = self.lookup.position(value)
            if position is None:
                problem("position", _("“%(value)s” is not a known position.") % {"value": value})

        subjects = None
        if value := cells.get("subjects"):
            subjects = []
            # Split before tidying spaces: a line break inside the cell separates too.
            names = (cell_text(n) for n in _SUBJECT_SEPARATORS.split(str(value)))
            for name in filter(None, names):
                subject = self.lookup.subjects.get(fold(name))
                if subject is None:
                    problem("subjects", _("“%(value)s” is not a known subject.") % {"value": name})
                elif subject not in subjects:
                    subjects.append(subject)

        category = None
        if value := text("category", 100):
            category = self.lookup.category(value)
            if category is None:
                problem(
                    "category",
                    _("“%(value)s” is not a known qualification category.") % {"value": value},
                )

        education = None
        education_details = text("education_details", 300)
        if value := cell_text(cells.get("education")):
            # "Жоғары, Абай атындағы ҚазҰПУ, физика": the level, then where and what.
            level, _comma, details = value.partition(",")
            education = self.lookup.education_level(level)
            if education is None:
                problem(
                    "education",
                    _("“%(value)s” is not a known level of education.") % {"value": level},
                )
            elif details.strip() and not education_details:
                education_details = details.strip()[:300]

        started_on = None
        years = None
        if cells.get("experience_started_on") is not None:
            started_on = self._date("experience_started_on", cells, problem)
        elif cells.get("experience_years") is not None:
            years = self._years(cells["experience_years"])
            if years is None:
                problem(
                    "experience_years",
                    _("“%(value)s” is not a number of years.")
                    % {"value": cell_text(cells["experience_years"])},
                )
            else:
                started_on = start_from_years(years, self.today)

        email = None
        if value := text("email", 254):
            try:
                validate_email(value)
            except ValidationError:
                problem("email", _("“%(value)s” is not an e-mail address.") % {"value": value})
            email = value.lower()

        phone = text("phone", 30)

        if problems or not (last_name and first_name):
            return None, problems
        return (
            RosterRow(
                row=number,
                iin=iin,
                last_name=last_name,
                first_name=first_name,
                patronymic=patronymic,
                position=position,
                subjects=subjects,
                category=category,
                education=education,
                education_details=education_details,
                experience_started_on=started_on,
                experience_years=years,
                email=email,
                phone=phone,
            ),
            [],
        )

    def _date(self, name: str, cells: dict[str, Any], problem: Any) -> datetime.date | None:
        value = cells[name]
        try:
            parsed = parse_date(value)
        except (ValueError, OverflowError):
            problem(
                name,
                _("“%(value)s” is not a date: write it as dd.mm.yyyy.")
                % {"value": cell_text(value)},
            )
            return None
        if parsed > self.today:
            problem(
                name,
                _("The date %(date)s is in the future.") % {"date": parsed.strftime("%d.%m.%Y")},
            )
            return None
        if parsed < EARLIEST_DATE:
            problem(
                name,
                _("The date %(date)s is too far in the past: check it for a typo.")
                % {"date": parsed.strftime("%d.%m.%Y")},
            )
            return None
        return parsed

    @staticmethod
    def _years(value: Any) -> int | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            years = int(value) if value >= 0 else None
        else:
            match = _YEARS.match(cell_text(value))
            years = int(match.group(1)) if match else None
        if years is None or years > MAX_EXPERIENCE_YEARS:
            return None
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


def read_roster(file: IO[bytes], *, school: School) -> RosterResult:
    """Parse and check a roster without writing anything.

    Raises ValidationError when the file is not an acceptable XLSX workbook at all; every
    other problem is in the result's `problems`, in the active language.
    """
    result = RosterResult(school_id=school.pk)
    with open_xlsx(file) as workbook:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # trust the cells, not the size the file declares
            header_row, columns, headers = _find_header(sheet.iter_rows(values_only=True))
            if header_row:
                break
        if not header_row:
            result.problems.append(
                RosterProblem(
                    0,
                    "",
                    _(
                        "No header row was found in the first %(count)d rows. The table needs "
                        "columns for the IIN and the name, for example “ЖСН”, “Тегі”, “Аты” "
                        "or “ИИН”, “Фамилия”, “Имя”."
                    )
                    % {"count": HEADER_SEARCH_ROWS},
                )
            )
            return result
        result.sheet = sheet.title
        result.header_row = header_row
        names = set(columns.values())
        if {"last_name", "first_name"} <= names:
            columns = {i: n for i, n in columns.items() if n != "full_name"}
        elif "full_name" in names:
            columns = {i: n for i, n in columns.items() if n not in ("last_name", "first_name")}
        else:
            missing = [
                _("surname") if "last_name" not in names else _("given name"),
            ]
            result.problems.append(_missing_columns_problem(header_row, missing))
            return result
        if "experience_started_on" in columns.values():
            columns = {i: n for i, n in columns.items() if n != "experience_years"}
        result.columns = {name: headers[index] for index, name in columns.items()}
        result.ignored_columns = [
            text for index, text in sorted(headers.items()) if index not in columns
        ]

        reader = _RowReader(columns, headers, _Lookup())
        rows = sheet.iter_rows(min_row=header_row + 1, values_only=True)
        for number, values in enumerate(rows, start=header_row + 1):
            if number == header_row + 1 and _is_column_numbering(values):
                continue
            row, problems = reader.read(number, values)
            if row is not None:
                result.rows.append(row)
            result.problems.extend(problems)

    if not result.rows and not result.problems:
        result.problems.append(
            RosterProblem(0, "", _("The file has no staff rows under the header."))
        )
    _check_iins(result, school)
    result.problems.sort(key=lambda p: p.row)
    return result

"""What the importer knows of staff lists: the columns as schools name them, the words of rows
that are no teacher's, the defaults, and how a header is read."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from adisker.lib.text import fold_letters
from adisker.people.models import (
    StaffProfile,
)

HEADER_SEARCH_ROWS = 10
EARLIEST_DATE = datetime.date(1940, 1, 1)
MAX_EXPERIENCE_YEARS = 60
MAX_COURSE_HOURS = 2_000
DEFAULT_POSITION = "teacher"
DEFAULT_CATEGORY = "pedagogue"
DEFAULT_EDUCATION = StaffProfile.Education.HIGHER
# Enough to keep each IN (...) query under SQLite's 999 parameters.
QUERY_CHUNK = 900

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

TOTALS_KEYS = frozenset(fold_letters(word) for word in TOTALS_WORDS)
SIGNATURE_KEYS = frozenset(fold_letters(word) for word in SIGNATURE_WORDS)


def skipped_message(reason: str, row: int) -> str:
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
SUBJECT_SEPARATORS = re.compile(r"[,;/\n]")
YEARS = re.compile(r"^(\d{1,3})(?:[.,]\d+)?(?:\s*\D.*)?$")
DATE_SUFFIX = re.compile(r"\s*(ж|г|жыл|год)\.?$")
DATE_IN_TEXT = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
HOURS_IN_TEXT = re.compile(r"(?<!\d)(\d{1,4})\s*(?:сағ|час|ч\b|h\b|hours)", re.IGNORECASE)
YEAR_WORDS = re.compile(r"(?<![^\W\d_])(?:жж|ж|гг|г|жыл|жылы|год|года)(?![^\W\d_])\.?")
LEFTOVER_PUNCTUATION = " ,.;:-–—()"
FIRST_WORD = re.compile(r"[^\W\d_]+")


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

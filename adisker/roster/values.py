"""Cell values as staff lists hold them: text, IINs, dates, a year alone, "2023, Өрлеу"."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl.utils.datetime import from_excel

from adisker.lib.dates import academic_start_year, today
from adisker.lib.identifiers import validate_iin
from adisker.roster.columns import (
    DATE_FORMATS,
    DATE_IN_TEXT,
    DATE_SUFFIX,
    LEFTOVER_PUNCTUATION,
    YEAR_IN_TEXT,
    YEAR_WORDS,
)


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
    text = DATE_SUFFIX.sub("", cell_text(value))
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
    for found in DATE_IN_TEXT.findall(text):
        try:
            dates.append(parse_date(found.replace("/", ".").replace("-", ".")))
        except ValueError:
            continue
    if dates:
        left = DATE_IN_TEXT.sub(" ", text)
        year_only = False
        day = max(dates)
    else:
        years = [int(year) for year in YEAR_IN_TEXT.findall(text)]
        if not years:
            raise ValueError(value)
        left = YEAR_IN_TEXT.sub(" ", text)
        year_only = True
        day = datetime.date(max(years), 1, 1)
    left = " ".join(YEAR_WORDS.sub(" ", left).split()).strip(LEFTOVER_PUNCTUATION)
    return day, year_only, left


def start_from_years(years: int, on: datetime.date) -> datetime.date:
    """The 1st of September `years` academic years ago: experience counts from a school year."""
    return datetime.date(academic_start_year(on) - years, 9, 1)

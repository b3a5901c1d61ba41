"""Documents the people app produces: pure builders, reference data in, bytes out."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import Subject

# The roster template's columns: (field, header in Kazakh / Russian, width, example value).
# The headers are the file format the importer reads (see roster.reading.COLUMN_ALIASES), so
# they stay in both languages whatever the user's interface language.
ROSTER_TEMPLATE_COLUMNS: tuple[tuple[str, str, int, object], ...] = (
    ("last_name", "Тегі / Фамилия", 18, "Әбенова"),
    ("first_name", "Аты / Имя", 14, "Айгүл"),
    ("patronymic", "Әкесінің аты / Отчество", 18, "Серікқызы"),
    ("iin", "ЖСН / ИИН", 15, "850315400015"),
    ("position", "Лауазымы / Должность", 22, "Мұғалім"),
    ("subjects", "Пәні / Предмет", 24, "Математика; Алгебра"),
    ("category", "Санаты / Категория", 20, "педагог-модератор"),
    ("education", "Білімі / Образование", 14, "жоғары"),
    ("education_details", "Бітірген оқу орны / Учебное заведение", 32, "ҚазҰПУ, математика"),
    (
        "experience_started_on",
        "Педагогикалық өтілі басталған күн / Дата начала стажа",
        20,
        datetime.date(2012, 9, 1),
    ),
    ("email", "Электрондық пошта / Электронная почта", 24, "abenova@example.kz"),
    ("phone", "Телефон", 18, "+7 701 000 00 00"),
    (
        "attested_on",
        "Санат берілген күні / Дата присвоения категории",
        18,
        datetime.date(2021, 5, 20),
    ),
    ("course", "Соңғы біліктілік курсы / Последние курсы повышения квалификации", 18, 2023),
    ("course_provider", "Курс өткен орны / Место прохождения курсов", 24, "Өрлеу"),
    ("course_hours", "Сағат саны / Количество часов", 12, 80),
)
TEMPLATE_DATA_ROWS = 500
DATE_FORMAT = "DD.MM.YYYY"


def roster_template(
    *,
    positions: Iterable[Position],
    categories: Iterable[QualificationCategory],
    subjects: Iterable[Subject],
) -> bytes:
    """The XLSX a school fills in to import its staff: a title row, the headers in Kazakh and
    Russian, one example row; a second sheet lists the names the importer accepts."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Staff")
    sheet.append(
        [
            _(
                "Staff list for Adisker. One person per row under the headers; row 3 is an "
                "example, replace it. Dates as dd.mm.yyyy (a course's may be a year alone); "
                "several subjects separated by “;”."
            )
        ]
    )
    sheet.append([header for _field, header, _width, _example in ROSTER_TEMPLATE_COLUMNS])
    sheet.append([example for _field, _header, _width, example in ROSTER_TEMPLATE_COLUMNS])
    sheet["A1"].font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, (name, _header, width, _example) in enumerate(ROSTER_TEMPLATE_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        header = sheet.cell(row=2, column=index)
        header.font = Font(bold=True)
        header.fill = header_fill
        header.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=3, column=index).font = Font(italic=True, color="808080")
        # Text IINs keep their leading zero; typed dates show the way schools write them.
        number_format = {
            "iin": "@",
            "experience_started_on": DATE_FORMAT,
            "attested_on": DATE_FORMAT,
        }.get(name)
        if number_format:
            for row in range(3, TEMPLATE_DATA_ROWS + 3):
                sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "A3"

    lists = workbook.create_sheet(_("Accepted values"))
    levels = []
    for language in ("kk", "ru"):
        with translation.override(language):
            levels.append([str(label) for _value, label in StaffProfile.Education.choices])
    blocks = [
        (_("Positions"), [(p.name_kk, p.name_ru) for p in positions]),
        (_("Qualification categories"), [(c.name_kk, c.name_ru) for c in categories]),
        (_("Subjects"), [(s.name_kk, s.name_ru) for s in subjects]),
        (_("Education"), list(zip(*levels, strict=True))),
    ]
    column = 1
    for title, names in blocks:
        lists.cell(row=1, column=column, value=title).font = Font(bold=True)
        for row, (kk, ru) in enumerate(names, start=2):
            lists.cell(row=row, column=column, value=kk)
            lists.cell(row=row, column=column + 1, value=ru)
        lists.column_dimensions[get_column_letter(column)].width = 36
        lists.column_dimensions[get_column_letter(column + 1)].width = 36
        column += 3

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

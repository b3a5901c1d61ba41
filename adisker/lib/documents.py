"""The documents a school files: XLSX tables and DOCX pages, built the same way everywhere.

A table is declared once as a list of `Column`s (translated heading, accessor); the same list
feeds the spreadsheet and the Word table. Builders take rows and return bytes; the view checks
access and chooses the language.

Kazakh school paperwork is A4, Times New Roman, 14 pt for text and 12 pt inside tables, with a
wide left margin for binding; the helpers default to that.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, cast
from xml.sax.saxutils import escape

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

CellValue = str | int | float | Decimal | datetime.date | None
Align = Literal["left", "center", "right"]

FONT_NAME = "Times New Roman"
TEXT_SIZE = 14
TABLE_SIZE = 12
DATE_FORMAT = "%d.%m.%Y"
LINE_HEIGHT = 15.0  # points, a line of 12 pt text in a spreadsheet row
NUMBER_HEADING = "№"
# Characters that make a spreadsheet (or a CSV opened in one) read a cell as a formula, plus
# their full-width forms, which some East Asian locales of Excel also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_language(request: HttpRequest) -> str:
    """The user's language, unless another of ours is asked for (`?language=ru`): a
    Kazakh-speaking deputy may owe the district a Russian copy."""
    language = request.GET.get("language", "")
    return language if language in dict(settings.LANGUAGES) else request.LANGUAGE_CODE


def download(content: bytes, content_type: str, *name_parts: object) -> HttpResponse:
    """A file to save: its name the parts joined by spaces, the last part its extension."""
    name = " ".join(str(part) for part in name_parts[:-1])
    # Characters that file systems refuse; the rest of a Kazakh name is kept.
    name = re.sub(r'[\\/:*?"<>|\s]+', " ", name).strip()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{name}.{name_parts[-1]}"
    )
    return response


class Trusted(str):
    """Text the program itself wrote (a "+" mark, a dash), never anything a user typed.

    Only such text is written to a spreadsheet unchanged; everything else goes through
    `safe_text`. Do not wrap user data in it.
    """


@dataclass(frozen=True)
class Column:
    heading: str | Promise
    accessor: Callable[[Any], CellValue]
    width: float = 15  # in characters, as spreadsheets count; Word tables share it out
    align: Align = "left"
    number_format: str = ""

    def value(self, row: Any) -> CellValue:
        return self.accessor(row)


def clean(text: str) -> str:
    """Drop the control characters XML cannot hold (a pasted \\x0b would break the file)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def safe_text(text: str) -> str:
    """Text from users made unable to start a formula.

    Two layers. The cell is written with the string type, so the workbook itself never holds a
    formula. That type is lost as soon as someone copies the cells, saves the sheet as CSV or
    re-enters the cell, so text that a spreadsheet would read as a formula also gets a leading
    apostrophe, as OWASP recommends for CSV injection: spreadsheets take an apostrophe-led entry
    as text. The apostrophe stays visible, which is acceptable for text that no real name or
    title starts with, and it says plainly that the value was neutralised.
    """
    if isinstance(text, Trusted):
        return clean(text)
    text = clean(text)
    if text.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def display(value: CellValue) -> str:
    """A value as it is printed in a Word table."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return clean(str(value))


NUMBER_COLUMN = Column(NUMBER_HEADING, lambda row: None, width=5, align="center")


def table_rows(
    columns: Sequence[Column], rows: Iterable[Any], *, numbered_rows: bool
) -> tuple[list[Column], Iterable[list[CellValue]]]:
    """The columns as printed, and each row's values: with a leading №, as every table a
    school files has, when `numbered_rows`."""
    if not numbered_rows:
        return list(columns), ([c.value(item) for c in columns] for item in rows)
    values = (
        [index, *(c.value(item) for c in columns)] for index, item in enumerate(rows, start=1)
    )
    return [NUMBER_COLUMN, *columns], values


# XLSX


THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _write(cell: Any, value: CellValue) -> None:
    if isinstance(value, str):
        # Assigning a string starting with "=" makes openpyxl store a formula; the type is
        # set explicitly afterwards as well, so nothing user-typed can ever be one.
        cell.value = safe_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def xlsx_table(
    title_lines: Sequence[str],
    columns: Sequence[Column],
    rows: Iterable[Any],
    *,
    sheet_title: str = "",
    numbered_rows: bool = True,
    total_row: Sequence[CellValue] = (),
    footer_lines: Sequence[str] = (),
    landscape: bool = True,
) -> bytes:
    """One sheet: title lines, a bold bordered header frozen in place, the rows, a bold total
    row (one value per column, unnumbered) when given, then footer lines such as signatures.

    Printed on A4, as wide as the page, with the header repeated on every page.
    """
    columns, values = table_rows(columns, rows, numbered_rows=numbered_rows)
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)
    sheet.title = _sheet_title(sheet_title or (title_lines[0] if title_lines else "Sheet"))
    last_letter = get_column_letter(len(columns))
    plain = Font(name=FONT_NAME, size=TABLE_SIZE)
    bold = Font(name=FONT_NAME, size=TABLE_SIZE, bold=True)

    row_number = 1
    for index, line in enumerate(title_lines):
        cell = sheet.cell(row=row_number, column=1)
        _write(cell, line)
        cell.font = Font(name=FONT_NAME, size=TEXT_SIZE, bold=index == 0)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.merge_cells(f"A{row_number}:{last_letter}{row_number}")
        row_number += 1
    if title_lines:
        row_number += 1

    header_row = row_number
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=number)
        _write(cell, str(column.heading))
        cell.font = bold
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.row_dimensions[header_row].height = _row_height(
        columns, [str(c.heading) for c in columns], bold=True
    )

    alignments = {
        align: Alignment(horizontal=align, vertical="top", wrap_text=True)
        for align in ("left", "center", "right")
    }
    # Styling a cell through openpyxl's API hashes the style objects every time, which is most
    # of the work for a big table; each column's style is made once and copied to its cells.
    styles: dict[tuple[int, bool], StyleArray] = {}
    row_number = header_row
    for row_values in values:
        row_number += 1
        sheet.row_dimensions[row_number].height = _row_height(columns, row_values)
        for number, (column, value) in enumerate(zip(columns, row_values, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=number)
            _write(cell, value)
            key = (number, isinstance(cell.value, datetime.date))
            if key in styles:
                # openpyxl's own style array, copied for speed.
                cell._style = copy(styles[key])  # type: ignore[union-attr]
                continue
            cell.font = plain
            cell.border = BORDER
            cell.alignment = alignments[column.align]
            if column.number_format:
                cell.number_format = column.number_format
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
            styles[key] = copy(cell._style)  # type: ignore[union-attr]
    if total_row:
        row_number += 1
        totals = [None, *total_row] if numbered_rows else list(total_row)
        for number, (column, value) in enumerate(zip(columns, totals, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=number)
            _write(cell, value)
            cell.font = bold
            cell.border = BORDER
            cell.alignment = alignments[column.align]
            if column.number_format:
                cell.number_format = column.number_format

    row_number += 1
    for line in footer_lines:
        row_number += 1
        cell = sheet.cell(row=row_number, column=2 if len(columns) > 1 else 1)
        _write(cell, line)
        cell.font = Font(name=FONT_NAME, size=TABLE_SIZE)

    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.8, 0.4, 0.6, 0.6
    sheet.print_options.horizontalCentered = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row_height(
    columns: Sequence[Column], values: Sequence[CellValue], *, bold: bool = False
) -> float:
    """Points for a row whose cells wrap. Spreadsheets do not grow a row to fit wrapped text on
    opening a file (LibreOffice does not, Excel not always), so the height is estimated from
    the text: Times New Roman fits a little more than the column's width in characters a line,
    bold text about its width."""
    lines = 1
    for column, value in zip(columns, values, strict=True):
        if not isinstance(value, str) or not value:
            continue
        per_line = max(column.width * (1.0 if bold else 1.2) - 1, 1)
        needed = sum(max(1, -(-len(part) // int(per_line))) for part in value.split("\n"))
        lines = max(lines, needed)
    return LINE_HEIGHT * lines + 3


def _sheet_title(text: str) -> str:
    # Sheet names are at most 31 characters and may not hold []:*?/\ .
    return re.sub(r"[\[\]:*?/\\]", " ", clean(text)).strip()[:31] or "Sheet"


# DOCX


def docx_document(*, landscape: bool = False) -> Document:
    """An empty A4 document: Times New Roman 14, single spacing, margins left 30 mm (20 in
    landscape), right 15, top and bottom 20."""
    document = new_document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    # A landscape page is bound along its top edge, so it keeps less on the left.
    section.left_margin, section.right_margin = Mm(20 if landscape else 30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)

    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = Pt(TEXT_SIZE)
    # Word picks the font per script; naming it for all of them keeps Cyrillic in Times too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT_NAME)
    paragraph_format = style.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing = 1.0
    return document


def usable_width(document: Document) -> int:
    section = document.sections[-1]
    # A document made by docx_document() sets all three.
    return (
        int(section.page_width or 0)
        - int(section.left_margin or 0)
        - int(section.right_margin or 0)
    )


def add_paragraph(
    document: Document,
    text: str = "",
    *,
    bold: bool = False,
    size: int | None = None,
    align: Align = "left",
    space_before: int = 0,
    space_after: int = 0,
    indent: float = 0,
) -> None:
    """One paragraph; `indent` is the share of the text width left blank on the left."""
    paragraph = document.add_paragraph()
    paragraph.alignment = _PARAGRAPH_ALIGN[align]
    if indent:
        paragraph.paragraph_format.left_indent = int(usable_width(document) * indent)
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    if text:
        run = paragraph.add_run(clean(text))
        run.bold = bold
        if size:
            run.font.size = Pt(size)


def add_title(document: Document, *lines: str) -> None:
    """Centred bold lines that open a document."""
    for index, line in enumerate(lines):
        add_paragraph(
            document,
            line,
            bold=True,
            align="center",
            space_after=6 if index == len(lines) - 1 else 0,
        )


def add_heading(document: Document, text: str) -> None:
    """A section heading inside a document."""
    add_paragraph(document, text, bold=True, space_before=12, space_after=4)


def add_table(
    document: Document,
    columns: Sequence[Column],
    rows: Iterable[Any],
    *,
    numbered_rows: bool = True,
    header: bool = True,
    total_row: Sequence[CellValue] = (),
    bold_first_column: bool = False,
    size: int = TABLE_SIZE,
) -> Table:
    """A bordered table as wide as the text, header row bold and repeated on every page, and a
    bold total row (one value per column, unnumbered) when given."""
    columns, values = table_rows(columns, rows, numbered_rows=numbered_rows)
    table: Table = document.add_table(rows=0, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(c.width for c in columns)
    widths = [int(usable_width(document) * c.width / total) for c in columns]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width

    layout = _RowLayout(
        [c.align for c in columns], [w // EMU_PER_TWIP for w in widths], size, bold_first_column
    )
    if header:
        layout.append(table, [str(c.heading) for c in columns], bold=True, header=True)
    for row_values in values:
        layout.append(table, [display(value) for value in row_values])
    if total_row:
        totals = [None, *total_row] if numbered_rows else list(total_row)
        layout.append(table, [display(value) for value in totals], bold=True)
    return table


def add_fields(document: Document, pairs: Iterable[tuple[str | Promise, CellValue]]) -> Table:
    """A two-column table of labels and values: the personal data block of a form."""
    columns = [
        Column("", lambda pair: str(pair[0]), width=35),
        Column("", lambda pair: "—" if pair[1] in (None, "") else pair[1], width=65),
    ]
    return add_table(
        document, columns, pairs, numbered_rows=False, header=False, bold_first_column=True
    )


def add_approval(document: Document, *, heading: str, role: str, name: str = "") -> None:
    """The approval block at the top right of a plan: "APPROVED / Director / ____ name / date"."""
    for index, line in enumerate(
        (heading, role, f"______________ {name}".rstrip(), "«____» ______________ 20____")
    ):
        add_paragraph(
            document, line, bold=index == 0, indent=0.62, space_after=12 if index == 3 else 0
        )


def add_signature(document: Document, role: str, name: str = "") -> None:
    """ "Role: ______________ / Name", as a signature line is printed."""
    line = f"{role}: ______________ / {name}" if name else f"{role}: ______________"
    add_paragraph(document, line, space_before=18)


def docx_bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_PARAGRAPH_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


EMU_PER_TWIP = 635


@dataclass(frozen=True)
class _RowLayout:
    """Writes table rows as WordprocessingML directly.

    python-docx's cell, paragraph and run objects cost about half a millisecond a cell, which
    makes the plan of a thousand-teacher school take six seconds; one parsed string per row
    takes a fraction of that and gives the same XML.
    """

    aligns: list[Align]
    twips: list[int]
    size: int
    bold_first_column: bool

    def append(
        self, table: Table, texts: Sequence[str], *, bold: bool = False, header: bool = False
    ) -> None:
        half_points = self.size * 2
        cells = []
        for index, (text, align, width) in enumerate(
            zip(texts, self.aligns, self.twips, strict=True)
        ):
            font = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            if bold or (self.bold_first_column and index == 0):
                font = "<w:b/><w:bCs/>" + font
            run = ""
            if text:
                lines = "<w:br/>".join(
                    f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
                )
                run = f"<w:r><w:rPr>{font}</w:rPr>{lines}</w:r>"
            middle = '<w:vAlign w:val="center"/>' if header else ""
            justify = "center" if header else align
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{middle}</w:tcPr>'
                f'<w:p><w:pPr><w:jc w:val="{justify}"/><w:rPr>{font}</w:rPr></w:pPr>{run}</w:p>'
                "</w:tc>"
            )
        # Header rows repeat at the top of every page the table runs onto.
        properties = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        table._tbl.append(parse_xml(f"<w:tr {nsdecls('w')}>{properties}{''.join(cells)}</w:tr>"))

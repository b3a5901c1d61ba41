"""Staff lists for the roster tests, made here in every format the import reads.

`files/staff-list.xls` is committed: nothing the project depends on writes XLS. It was written
once with xlwt 1.3.0 and holds the rows `XLS_ROWS` describes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from adisker.core.testing import valid_iin
from adisker.lib.dates import today

XLS_FIXTURE = Path(__file__).parent / "files" / "staff-list.xls"
# The IINs in the committed XLS, born 1978, 1990 and 2002.
XLS_IINS = ("780412300000", "901102400001", "020607600002")

REAL_HEADER = [
    "№",
    "Аты-жөні",
    "ЖСН",
    "Лауазымы",
    "Пәні",
    "Санаты",
    "Санат берілген күні",
    "Соңғы біліктілік курсы",
    "Курс өткен орны",
    "Сағат саны",
]


def xlsx(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value:%Y-%m-%d}">'
            f"<text:p>{value:%d.%m.%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        '<table:table-cell office:value-type="string">'
        f"<text:p>{escape(str(value))}</text:p></table:table-cell>"
    )


def ods(rows: list[list[object]], *, prologue: str = "") -> io.BytesIO:
    """A minimal OpenDocument spreadsheet, as LibreOffice's own has it; `prologue` goes
    before the document element (a DTD, for the tests that must refuse one)."""
    body = "".join(
        f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>" for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Тізім">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    buffer.seek(0)
    return buffer


def csv_bytes(rows: list[list[object]], *, delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """CSV as Excel saves it: dates as dd.mm.yyyy, numbers as typed, fields quoted when
    they hold the delimiter."""

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return f"{value:%d.%m.%Y}"
        value = str(value)
        return f'"{value}"' if delimiter in value or '"' in value else value

    lines = [delimiter.join(text(value) for value in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def real_iins() -> list[str]:
    # The second was born in 2003: stored as a number, its IIN loses the leading zero.
    return [
        valid_iin(),
        valid_iin(born=datetime.date(2003, 1, 9)),
        *(valid_iin() for _ in range(4)),
    ]


def real_list(iins: list[str]) -> list[list[object]]:
    """A staff list the way a Kazakh school keeps it: two title rows, Kazakh headers with the
    course and category's date, the 1 2 3 row, abbreviations, combined subjects, "Тарих",
    short category names with stray spaces, a year for a course, an empty row, the header
    again on page two, a totals row and the director's signature under the table.

    Rows 5-9 and 12 are teachers; 4, 10, 11, 13 and 15 are not (14 is empty, after the end).
    """
    year = today().year
    return [
        ["Павлодар облысы, №12 жалпы білім беретін мектеп"],
        [None, "Педагог қызметкерлердің тізімі"],
        REAL_HEADER,
        list(range(1, 11)),
        [
            1,
            "Құсайынова Гүлнұр Нұрлановна",
            iins[0],
            "Директордың ОІЖО",
            "Қазақ тілі мен әдебиеті",
            " Сарапшы ",
            datetime.date(year - 2, 5, 20),
            f"15.03.{year - 1}",
            "Өрлеу",
            80,
        ],
        [
            2,
            "Омаров Ерлан Серікұлы",
            int(iins[1]),
            "учитель математики",
            None,
            "модератор",
            str(year - 3),
            f"{year - 7}, Өрлеу",
            None,
            None,
        ],
        [3, "Иванова Мария Петровна", iins[2], "мұғалім", "Тарих", "высшая", None, year - 1],
        [
            4,
            "Петров Иван Сергеевич",
            iins[3],
            "зам. по УВР",
            "Русский язык и литература",
            "ИССЛЕДОВАТЕЛЬ",
        ],
        [5, "Сейітқали Нұржан", iins[4], "ДОІЖО", "Бастауыш сынып", "  шебер"],
        [],
        REAL_HEADER,
        [6, "Ахметова Дана", iins[5], "Бастауыш сынып мұғалімі", "Начальные классы", "педагог"],
        ["Барлығы: 6 педагог"],
        [],
        [None, "Директор: ____________ Қ. Омаров"],
    ]

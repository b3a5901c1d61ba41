"""The roster import reads XLSX, XLS, ODS and CSV alike, and refuses what is none of them or
is unsafe to open, whatever the file's name says."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from adisker.core.testing import Cast, valid_iin
from adisker.lib import uploads
from adisker.records.models import Attestation, QualificationCourse
from adisker.roster.reading import RosterResult, read_roster
from adisker.roster.services import apply_roster
from adisker.roster.tests.rosters import (
    XLS_FIXTURE,
    XLS_IINS,
    csv_bytes,
    ods,
    real_iins,
    real_list,
    xlsx,
)


def summary(result: RosterResult) -> list[tuple[object, ...]]:
    """What a format must not change: every row's values, the questions and the notices."""
    rows = [
        (
            row.row,
            row.full_name,
            row.iin,
            row.position and row.position.code,
            [s.code for s in row.subjects or []],
            row.category and row.category.code,
            row.course and (row.course.finished_on, row.course.provider, row.course.hours),
            row.attested_on,
        )
        for row in result.rows
    ]
    asked = [(q.kind, q.value, q.rows) for q in result.questions]
    return [*rows, asked, [n.row for n in result.notices], result.problems]


@pytest.fixture
def rows() -> list[list[object]]:
    return real_list(real_iins())


def test_ods_reads_as_xlsx_does(cast: Cast, rows: list[list[object]]) -> None:
    from_xlsx = read_roster(xlsx(rows), school=cast.school_a)
    from_ods = read_roster(ods(rows), school=cast.school_a, name="тізім.ods")
    assert (from_xlsx.kind, from_ods.kind) == ("xlsx", "ods")
    assert from_ods.problems == []
    assert summary(from_ods) == summary(from_xlsx)


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_reads_as_xlsx_does(
    cast: Cast, rows: list[list[object]], delimiter: str, encoding: str
) -> None:
    content = csv_bytes(rows, delimiter=delimiter, encoding=encoding)
    assert content.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    from_csv = read_roster(io.BytesIO(content), school=cast.school_a, name="staff.CSV")
    assert from_csv.kind == "csv"
    assert from_csv.problems == []
    # Excel's CSV has text where the workbook had numbers and dates; the values are the same.
    assert summary(from_csv) == summary(read_roster(xlsx(rows), school=cast.school_a))


def test_csv_in_windows_cyrillic_is_read(cast: Cast) -> None:
    iin = valid_iin()
    rows = [
        ["ФИО", "ИИН", "Должность", "Предмет", "Категория", "Дата присвоения категории"],
        ["Иванова Мария Петровна", iin, "учитель", "Русский язык и литература", "высшая", "2022"],
    ]
    result = read_roster(
        io.BytesIO(csv_bytes(rows, encoding="cp1251")), school=cast.school_a, name="staff.csv"
    )
    assert result.ready
    [row] = result.rows
    assert row.full_name == "Иванова Мария Петровна"
    assert [s.code for s in row.subjects] == ["russian-language", "russian-literature"]
    assert row.attested_on == datetime.date(2022, 1, 1)


def test_xls_is_read_with_its_course_and_category_columns(cast: Cast) -> None:
    with XLS_FIXTURE.open("rb") as file, translation.override("en"):
        result = read_roster(file, school=cast.school_a)
    assert result.kind == "xls"
    assert result.problems == []
    assert [row.iin for row in result.rows] == list(XLS_IINS)
    assert [(q.value, q.rows) for q in result.questions] == [("История", [3])]
    assert [n.message for n in result.notices] == [
        "Row 6 looks like a totals line: skipped.",
        "Row 7 looks like a signature line: skipped.",
    ]
    omarov, ivanova, kim = result.rows
    assert (omarov.position.code, omarov.category.code) == ("deputy-academic", "expert")
    assert (omarov.course.finished_on, omarov.course.provider, omarov.course.hours) == (
        datetime.date(2023, 3, 15),
        "Өрлеу",
        80,
    )
    assert omarov.attested_on == datetime.date(2021, 5, 20)
    assert [s.code for s in ivanova.subjects] == ["mathematics"]
    assert ivanova.category.code == "researcher"
    assert (ivanova.course.finished_on, ivanova.course.provider) == (
        datetime.date(2020, 1, 1),
        "НИШ",
    )
    assert kim.position.code == "primary-teacher" and kim.iin.startswith("0")

    result.resolve({("subject", "история"): ()})
    counts = apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    assert (counts.created, counts.courses, counts.attestations) == (3, 2, 2)
    assert QualificationCourse.objects.filter(staff__iin__in=XLS_IINS, imported=True).count() == 2
    assert Attestation.objects.filter(staff__iin__in=XLS_IINS).count() == 2


# Refused ---------------------------------------------------------------------------------


def refusal(content: bytes, name: str = "") -> str:
    with pytest.raises(ValidationError) as refused:
        uploads.read_table(io.BytesIO(content), name)
    return str(refused.value.code)


def test_text_is_csv_only_by_its_name_and_never_with_nul_bytes() -> None:
    assert refusal(b"<html>not a table</html>", "staff.xls") == "not_a_table"
    assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "staff.xls") == "not_a_table"
    assert refusal(b"Surname;Name\x00;IIN", "staff.csv") == "not_a_table"
    kind, _sheets = uploads.read_table(io.BytesIO(b"Surname;Name;IIN"), "staff.csv")
    assert kind == "csv"


def test_a_table_over_the_size_limit_is_refused() -> None:
    assert refusal(b"a;b\n" * (uploads.MAX_UPLOAD_BYTES // 4 + 1), "big.csv") == "too_large"


def test_an_ods_declaring_entities_is_refused_before_it_is_parsed(cast: Cast) -> None:
    laughs = '<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    bomb = ods([["Тегі", "Аты", "ЖСН"], ["&lol2;", "Айгүл", valid_iin()]], prologue=laughs)
    assert refusal(bomb.getvalue(), "staff.ods") == "entities"
    clean = ods([["Тегі", "Аты", "ЖСН"], ["Әбенова", "Айгүл", valid_iin()]])
    assert read_roster(clean, school=cast.school_a).ready


def test_an_xlsx_declaring_entities_is_refused_too() -> None:
    workbook = xlsx([["Тегі", "Аты", "ЖСН"]])
    forged = io.BytesIO()
    with (
        zipfile.ZipFile(workbook) as original,
        zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY e "e">]>' + data
            copy.writestr(item, data)
    assert refusal(forged.getvalue(), "staff.xlsx") == "entities"


def test_an_ods_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        with archive.open("content.xml", "w") as entry:
            for _megabyte in range(120):
                entry.write(bytes(1024 * 1024))
    assert len(buffer.getvalue()) < uploads.MAX_UPLOAD_BYTES
    assert refusal(buffer.getvalue(), "staff.ods") == "expands"


def test_a_zip_that_is_neither_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert refusal(buffer.getvalue(), "staff.xlsx") == "not_a_table"

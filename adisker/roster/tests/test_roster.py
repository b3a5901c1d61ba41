from __future__ import annotations

import datetime
import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from adisker.core.testing import Cast, StaffProfileFactory, valid_iin
from adisker.lib import uploads
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.roster.reading import RosterResult, read_roster
from adisker.roster.services import apply_roster
from adisker.roster.tests.rosters import xlsx
from adisker.roster.views import ROSTER_SIGNING_SALT
from adisker.schools.models import School, Subject

RUSSIAN_HEADER = [
    "№",
    "Фамилия",
    " Имя ",
    "Отчество",
    "ИИН",
    "Должность",
    "Предмет",
    "Категория",
    "Образование",
    "Дата начала стажа",
    "Телефон",
]


def upload(buffer: io.BytesIO, name: str = "staff.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def read(buffer: io.BytesIO, school: School) -> RosterResult:
    buffer.seek(0)
    return read_roster(buffer, school=school)


def spots(result: RosterResult) -> set[tuple[int, str]]:
    return {(problem.row, problem.column) for problem in result.problems}


@pytest.fixture
def iins() -> list[str]:
    # The first was born in 2005: stored as a number, it loses its leading zero.
    return [valid_iin(born=datetime.date(2005, 3, 15)), valid_iin(), valid_iin()]


def messy_file(iins: list[str]) -> io.BytesIO:
    """Two title rows, Russian headers, the 1 2 3 row under them, numbers for IINs, an Excel
    date and text dates, stray spaces, old category names, a blank row."""
    return xlsx(
        [
            ["Список педагогических работников"],
            [None, "КГУ «Школа-лицей №5»", None, "на 2024-2025 учебный год"],
            RUSSIAN_HEADER,
            list(range(1, 12)),
            [
                1,
                "  Иванова ",
                "Мария",
                "Петровна",
                int(iins[0]),
                "учитель",
                "Математика; алгебра",
                "высшая",
                "высшее",
                datetime.datetime(2010, 9, 1),  # noqa: DTZ001 - Excel dates are naive
                87010000000,
            ],
            [
                2,
                "Сейітқали",
                "Нұржан  ",
                " Бауыржанұлы",
                f" {iins[1][:6]} {iins[1][6:]} ",
                "Учитель  физики",
                "физика",
                "без категории",
                "Высшее, КазНПУ им. Абая, физика",
                "01.09.2015",
                "+7 701 111 22 33",
            ],
            [],
            [3, "Ким", "Ольга", None, iins[2], None, None, "первая категория", None, "15.08.98"],
        ]
    )


# Reading -------------------------------------------------------------------------------------


def test_it_reads_a_messy_file(cast: Cast, iins: list[str]) -> None:
    result = read(messy_file(iins), cast.school_a)
    assert result.problems == []
    assert result.header_row == 3
    assert result.columns["last_name"] == "Фамилия"
    assert result.columns["first_name"] == "Имя"
    assert result.ignored_columns == ["№"]
    assert [row.row for row in result.rows] == [5, 6, 8]
    first, second, third = result.rows
    assert (first.last_name, first.first_name, first.patronymic) == ("Иванова", "Мария", "Петровна")
    assert first.iin == iins[0] and first.iin.startswith("0")
    assert [s.code for s in first.subjects] == ["mathematics", "algebra"]
    assert first.category.code == "researcher"
    assert first.experience_started_on == datetime.date(2010, 9, 1)
    assert first.phone == "87010000000"
    assert second.iin == iins[1]
    assert second.position.code == "teacher"
    assert second.category.code == "pedagogue"
    assert second.education == StaffProfile.Education.HIGHER
    assert second.education_details == "КазНПУ им. Абая, физика"
    assert second.experience_started_on == datetime.date(2015, 9, 1)
    assert third.category.code == "expert"
    assert third.experience_started_on == datetime.date(1998, 8, 15)
    assert third.position is None and third.subjects is None
    assert StaffProfile.objects.filter(iin__in=iins).count() == 0  # reading writes nothing


def test_it_imports_a_messy_file(cast: Cast, iins: list[str]) -> None:
    result = read(messy_file(iins), cast.school_a)
    counts = apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    assert (counts.created, counts.updated, counts.unchanged) == (3, 0, 0)
    maria = StaffProfile.objects.get(iin=iins[0])
    assert maria.school == cast.school_a
    assert maria.full_name == "Иванова Мария Петровна"
    assert sorted(maria.subjects.values_list("code", flat=True)) == ["algebra", "mathematics"]
    assert maria.category.code == "researcher"
    olga = StaffProfile.objects.get(iin=iins[2])
    assert olga.position.code == "teacher"  # the defaults for empty cells
    assert olga.education == StaffProfile.Education.HIGHER
    assert olga.patronymic == ""
    # Searchable, and in the history with its subjects, like a profile saved by hand.
    assert list(StaffProfile.objects.search("ИВАНОВА")) == [maria]
    entry = maria.history.get()
    assert entry.history_type == "+"
    assert entry.history_user == cast.deputy_a
    subjects_history = StaffProfile.history.model.subjects.model
    assert sorted(
        subjects_history.objects.filter(history=entry).values_list("subject__code", flat=True)
    ) == ["algebra", "mathematics"]


def test_it_reads_a_full_name_column_and_years_of_experience(cast: Cast) -> None:
    iin = valid_iin()
    file = xlsx(
        [
            ["Мұғалімдер тізімі"],
            ["Р/с", "Аты-жөні", "ЖСН", "Лауазымы", "Пәні", "Санаты", "Педагогикалық өтілі"],
            [1, "Әбенова  Айгүл Серік қызы", iin, "Мұғалім", "Қазақ тілі", "педагог-сарапшы", 12],
        ]
    )
    result = read(file, cast.school_a)
    assert result.problems == []
    assert "full_name" in result.columns
    [row] = result.rows
    assert (row.last_name, row.first_name, row.patronymic) == ("Әбенова", "Айгүл", "Серік қызы")
    assert row.category.code == "expert"
    apply_roster(result=result, school=cast.school_a)
    staff = StaffProfile.objects.get(iin=iin)
    assert staff.experience_years() == 12
    assert [s.code for s in staff.subjects.all()] == ["kazakh-language"]


def test_reimporting_the_same_file_updates_and_never_duplicates(
    cast: Cast, iins: list[str]
) -> None:
    apply_roster(result=read(messy_file(iins), cast.school_a), school=cast.school_a)
    before = StaffProfile.objects.count()
    again = apply_roster(result=read(messy_file(iins), cast.school_a), school=cast.school_a)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert StaffProfile.objects.count() == before

    changed = messy_file(iins)
    workbook = load_workbook(changed)
    sheet = workbook.active
    sheet["H5"] = "педагог-шебер"  # Мария's category
    sheet["G6"] = "Физика, Информатика"  # Нұржан's subjects
    changed = io.BytesIO()
    workbook.save(changed)
    result = read(changed, cast.school_a)
    assert [row.staff_id is not None for row in result.rows] == [True, True, True]
    counts = apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 2, 1)
    assert StaffProfile.objects.count() == before
    assert StaffProfile.objects.get(iin=iins[0]).category.code == "master"
    nurzhan = StaffProfile.objects.get(iin=iins[1])
    assert sorted(nurzhan.subjects.values_list("code", flat=True)) == ["informatics", "physics"]
    latest = nurzhan.history.first()
    assert (latest.history_type, latest.history_user) == ("~", cast.deputy_a)


def test_an_empty_cell_keeps_the_stored_value(cast: Cast) -> None:
    staff = StaffProfileFactory(school=cast.school_a, patronymic="Серікқызы", phone="555")
    staff.subjects.set([Subject.objects.get(code="physics")])
    file = xlsx([["Тегі", "Аты", "ЖСН", "Әкесінің аты", "Пәні"], ["Жаңа", "Айгүл", staff.iin]])
    counts = apply_roster(result=read(file, cast.school_a), school=cast.school_a)
    assert (counts.created, counts.updated) == (0, 1)
    staff.refresh_from_db()
    assert (staff.last_name, staff.patronymic, staff.phone) == ("Жаңа", "Серікқызы", "555")
    assert [s.code for s in staff.subjects.all()] == ["physics"]


def faulty_file(cast: Cast) -> io.BytesIO:
    good = valid_iin()
    twice = valid_iin()
    bad_checksum = good[:11] + str((int(good[11]) + 1) % 10)
    tomorrow = today() + datetime.timedelta(days=1)
    other_school = cast.teacher_b.staff_profile.iin
    return xlsx(
        [
            ["Тізім"],
            ["Тегі", "Аты", "ЖСН", "Пәні", "Санаты", "Педагогикалық өтілі басталған күн"],
            ["Ахметов", "Ерлан", bad_checksum, "Физика", "педагог", "01.09.2010"],  # 3
            ["Бекова", "Дана", twice, "Физика", "педагог", "01.09.2011"],  # 4
            ["Бекова", "Дана", twice, "Физика", "педагог", "01.09.2011"],  # 5
            ["Сәрсенов", "Арман", valid_iin(), "Физика", "педагог", tomorrow],  # 6
            ["Оспанова", "Гүл", valid_iin(), "Астрология", "педагог", None],  # 7
            ["Тасова", "Әсел", other_school, None, "педагог", None],  # 8
            [None, "Нұрлан", valid_iin(), None, "ең жоғары", None],  # 9
            ["Жақсы", "Адам", good, "Физика", "педагог-модератор", "01.09.2012"],  # 10, fine
        ]
    )


FAULTY_SPOTS = {
    (3, "ЖСН"),
    (4, "ЖСН"),
    (5, "ЖСН"),
    (6, "Педагогикалық өтілі басталған күн"),
    (8, "ЖСН"),
    (9, "Тегі"),
}
# Not faults: values the deputy is asked about in the preview.
FAULTY_QUESTIONS = {("subject", "Астрология", (7,)), ("category", "ең жоғары", (9,))}


def questions(result: RosterResult) -> set[tuple[str, str, tuple[int, ...]]]:
    return {(q.kind, q.value, tuple(q.rows)) for q in result.questions}


def test_a_faulty_file_reports_every_problem_and_writes_nothing(cast: Cast) -> None:
    before = StaffProfile.objects.count()
    with translation.override("en"):
        result = read(faulty_file(cast), cast.school_a)
    assert spots(result) == FAULTY_SPOTS
    assert questions(result) == FAULTY_QUESTIONS
    messages = {(p.row, p.column): p.message for p in result.problems}
    assert "control digit" in messages[(3, "ЖСН")]
    assert "rows 4, 5" in messages[(4, "ЖСН")] and "rows 4, 5" in messages[(5, "ЖСН")]
    assert "future" in messages[(6, "Педагогикалық өтілі басталған күн")]
    assert "another school" in messages[(8, "ЖСН")]
    assert not result.ok
    with pytest.raises(ValueError, match="without problems"):
        apply_roster(result=result, school=cast.school_a)
    assert StaffProfile.objects.count() == before


def test_it_reports_in_russian_too(cast: Cast) -> None:
    with translation.override("ru"):
        result = read(faulty_file(cast), cast.school_a)
    # The catalogues get the new strings later; until then only the structure can be checked.
    assert spots(result) == FAULTY_SPOTS
    assert all(problem.message for problem in result.problems)


def test_it_reports_a_missing_header_and_an_empty_table(cast: Cast) -> None:
    no_header = read(xlsx([["Тізім"], ["Тегі", "Аты"], ["Ахметов", "Ерлан"]]), cast.school_a)
    assert spots(no_header) == {(0, "")}
    no_rows = read(xlsx([["Тегі", "Аты", "ЖСН"]]), cast.school_a)
    assert spots(no_rows) == {(0, "")}
    no_name = read(xlsx([["Тегі", "ЖСН"], ["Ахметов", valid_iin()]]), cast.school_a)
    assert spots(no_name) == {(1, "")}
    empty = Workbook()
    buffer = io.BytesIO()
    empty.save(buffer)
    assert spots(read(buffer, cast.school_a)) == {(0, "")}


# Untrusted files -----------------------------------------------------------------------------


def test_it_refuses_a_file_that_is_not_a_table(cast: Cast) -> None:
    # Text is CSV only by its name; an OLE2 header with nothing behind it is no XLS.
    for content in (b"Surname;Name;IIN\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)):
        with pytest.raises(ValidationError) as refused:
            read(io.BytesIO(content), cast.school_a)
        assert refused.value.code == "not_a_table"
    some_zip = io.BytesIO()
    with zipfile.ZipFile(some_zip, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(ValidationError):
        uploads.check_xlsx(some_zip)


def test_it_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(ValidationError) as refused:
        uploads.check_xlsx(io.BytesIO(bytes(uploads.MAX_UPLOAD_BYTES + 1)))
    assert refused.value.code == "too_large"


def zip_with_workbook_parts() -> tuple[io.BytesIO, zipfile.ZipFile]:
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    archive.writestr("[Content_Types].xml", "<Types/>")
    archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer, archive


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """200 MB of zeros behind the parts of a workbook: about 200 KB compressed."""
    buffer, archive = zip_with_workbook_parts()
    megabyte = bytes(1024 * 1024)
    with archive.open("xl/worksheets/sheet1.xml", "w") as entry:
        for _megabyte in range(200):
            entry.write(megabyte)
    archive.close()
    return buffer.getvalue()


def test_it_refuses_a_zip_bomb_without_inflating_it(
    zip_bomb: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(zip_bomb) < uploads.MAX_UPLOAD_BYTES

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the archive was opened for reading")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(ValidationError) as refused:
        uploads.check_xlsx(io.BytesIO(zip_bomb))
    assert refused.value.code == "expands"


def test_it_refuses_an_archive_that_lies_about_its_sizes() -> None:
    buffer, archive = zip_with_workbook_parts()
    archive.writestr("xl/worksheets/sheet1.xml", bytes(20 * 1024 * 1024))
    local_header = archive.getinfo("xl/worksheets/sheet1.xml").header_offset
    archive.close()
    forged = bytearray(buffer.getvalue())
    declared = (100_000).to_bytes(4, "little")
    forged[local_header + 22 : local_header + 26] = declared
    central = forged.rfind(b"PK\x01\x02")  # the last entry's central directory record
    forged[central + 24 : central + 28] = declared
    with zipfile.ZipFile(io.BytesIO(forged)) as reopened:
        assert reopened.getinfo("xl/worksheets/sheet1.xml").file_size == 100_000
    with pytest.raises(ValidationError) as refused:
        uploads.check_xlsx(io.BytesIO(bytes(forged)))
    assert refused.value.code == "expands"


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML


# Web -----------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def kept_files(media: Path) -> list[Path]:
    folder = media / uploads.KEPT_UPLOADS_FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_deputy_previews_then_imports(client, cast: Cast, iins: list[str], media: Path) -> None:
    client.force_login(cast.deputy_a)
    page = client.get(reverse("roster:import"))
    assert page.status_code == 200
    assert page.context["form"].fields["school"].initial == cast.school_a.pk
    assert reverse("roster:template") in page.content.decode()
    before = StaffProfile.objects.count()

    preview = client.post(
        reverse("roster:import"),
        {"school": cast.school_a.pk, "file": upload(messy_file(iins))},
    )
    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.ok and len(result.new_rows) == 3
    html = preview.content.decode()
    assert "Иванова Мария Петровна" in html
    assert reverse("roster:confirm") in html
    assert StaffProfile.objects.count() == before  # the preview writes nothing
    assert len(kept_files(media)) == 1

    done = client.post(reverse("roster:confirm"), {"upload": preview.context["upload"]})
    assert done.status_code == 302
    assert done["Location"] == f"{reverse('people:staff_list')}?school={cast.school_a.pk}"
    assert StaffProfile.objects.count() == before + 3
    maria = StaffProfile.objects.get(iin=iins[0])
    assert maria.school == cast.school_a
    assert maria.history.get().history_user == cast.deputy_a
    assert kept_files(media) == []
    listing = client.get(done["Location"])
    assert "Иванова Мария Петровна" in listing.content.decode()
    assert reverse("roster:import") in listing.content.decode()

    # The same preview cannot be confirmed twice: its file is gone.
    again = client.post(reverse("roster:confirm"), {"upload": preview.context["upload"]})
    assert again.status_code == 400
    assert StaffProfile.objects.count() == before + 3


def test_a_faulty_file_shows_its_problems_and_offers_no_import(
    client, cast: Cast, media: Path
) -> None:
    cast.deputy_a.language = "ru"
    cast.deputy_a.save(update_fields=["language"])
    client.force_login(cast.deputy_a)
    before = StaffProfile.objects.count()
    response = client.post(
        reverse("roster:import"),
        {"school": cast.school_a.pk, "file": upload(faulty_file(cast))},
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "ru"
    assert spots(response.context["result"]) == FAULTY_SPOTS
    assert response.context["upload"] == ""
    assert reverse("roster:confirm") not in response.content.decode()
    assert kept_files(media) == []
    assert StaffProfile.objects.count() == before


def test_it_refuses_a_renamed_file_in_the_form(client, cast: Cast, media: Path) -> None:
    client.force_login(cast.deputy_a)
    fake = SimpleUploadedFile("staff.xlsx", b"<html>not a workbook</html>")
    response = client.post(reverse("roster:import"), {"school": cast.school_a.pk, "file": fake})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert response.context["result"] is None
    assert kept_files(media) == []


def test_a_tampered_preview_is_refused(client, cast: Cast, iins: list[str], media: Path) -> None:
    client.force_login(cast.deputy_a)
    preview = client.post(
        reverse("roster:import"),
        {"school": cast.school_a.pk, "file": upload(messy_file(iins))},
    )
    signed = preview.context["upload"]
    before = StaffProfile.objects.count()
    value, signature = signed.rsplit(":", 1)
    for tampered in (f"{value}:{signature[::-1]}", "imports/other.xlsx", ""):
        response = client.post(reverse("roster:confirm"), {"upload": tampered})
        assert response.status_code == 400
        assert response.context["error"]
    # Another deputy cannot use it either, even with a school of their own.
    client.force_login(cast.deputy_b)
    response = client.post(reverse("roster:confirm"), {"upload": signed})
    assert response.status_code == 400
    assert StaffProfile.objects.count() == before


def test_deputy_of_school_b_cannot_import_into_school_a(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    client.force_login(cast.deputy_b)
    before = StaffProfile.objects.count()
    response = client.post(
        reverse("roster:import"),
        {"school": cast.school_a.pk, "file": upload(messy_file(iins))},
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert kept_files(media) == []
    # Even a value signed with the key (a leak) meets the access layer.
    name = uploads.keep_upload(messy_file(iins))
    forged = signing.dumps(
        {"file": name, "school": cast.school_a.pk, "user": cast.deputy_b.pk},
        salt=ROSTER_SIGNING_SALT,
    )
    response = client.post(reverse("roster:confirm"), {"upload": forged})
    assert response.status_code == 404
    client.force_login(cast.director_a)  # sees school A, may not change its staff
    response = client.post(reverse("roster:confirm"), {"upload": forged})
    assert response.status_code == 403
    assert StaffProfile.objects.count() == before


@pytest.mark.parametrize("who", ["teacher_a", "director_a", "methodologist_a"])
def test_only_staff_editors_may_import(client, cast: Cast, who: str) -> None:
    client.force_login(cast.user(who))
    for name in ("roster:import", "roster:template"):
        assert client.get(reverse(name)).status_code == 403
    response = client.post(reverse("roster:confirm"), {"upload": "x"})
    assert response.status_code == 403
    assert "Import from Excel" not in client.get(reverse("people:staff_list")).content.decode()


def test_anonymous_is_sent_to_log_in(client, db: None) -> None:
    for name in ("roster:import", "roster:confirm", "roster:template"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_confirm_answers_only_post(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    assert client.get(reverse("roster:confirm")).status_code == 405


def test_administrator_chooses_any_school_a_district_at_a_time(
    client, cast: Cast, media: Path
) -> None:
    client.force_login(cast.admin)
    url = reverse("roster:import")
    assert not list(client.get(url).context["form"].fields["school"].queryset)
    for district, school in ((cast.district_a, cast.school_a), (cast.district_b, cast.school_b)):
        page = client.get(url, {"district": district.pk})
        schools = set(page.context["form"].fields["school"].queryset)
        assert school in schools
        assert schools <= set(district.schools.all())


# The template ------------------------------------------------------------------------------


def test_the_template_is_an_xlsx_the_importer_accepts(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.get(reverse("roster:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    content = response.content

    as_downloaded = read(io.BytesIO(content), cast.school_a)
    assert as_downloaded.problems == []
    assert as_downloaded.header_row == 2
    assert len(as_downloaded.rows) == 1  # the example row

    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    iin = valid_iin(born=datetime.date(2001, 2, 3))  # born in 2001: the text cell keeps the zero
    filled = [
        "Нұрланов",
        "Ерболат",
        "Маратұлы",
        iin,
        "Бастауыш сынып мұғалімі",
        "Бастауыш сынып",
        "педагог-зерттеуші",
        "магистр",
        "ҚазҰПУ",
        datetime.date(2019, 9, 2),
        "nurlanov@example.kz",
        "+7 702 000 00 00",
    ]
    for column, value in enumerate(filled, start=1):
        sheet.cell(row=3, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = read(buffer, cast.school_a)
    assert result.problems == []
    counts = apply_roster(result=result, school=cast.school_a)
    assert counts.created == 1
    staff = StaffProfile.objects.get(iin=iin)
    assert staff.position.code == "primary-teacher"
    assert staff.category.code == "researcher"
    assert staff.education == StaffProfile.Education.MASTER
    assert staff.experience_started_on == datetime.date(2019, 9, 2)
    assert [s.code for s in staff.subjects.all()] == ["primary"]


# The command -------------------------------------------------------------------------------


def saved(buffer: io.BytesIO, tmp_path: Path) -> Path:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def test_the_command_dry_run_writes_nothing(cast: Cast, iins: list[str], tmp_path: Path) -> None:
    path = saved(messy_file(iins), tmp_path)
    before = StaffProfile.objects.count()
    out = StringIO()
    call_command(
        "import_roster", str(path), school=cast.school_a.pk, dry_run=True, language="en", stdout=out
    )
    assert "Dry run" in out.getvalue()
    assert "Added: 3, updated: 0, unchanged: 0." in out.getvalue()
    assert StaffProfile.objects.count() == before


def test_the_command_imports(cast: Cast, iins: list[str], tmp_path: Path) -> None:
    path = saved(messy_file(iins), tmp_path)
    out = StringIO()
    call_command("import_roster", str(path), f"--school={cast.school_a.pk}", stdout=out)
    assert StaffProfile.objects.filter(iin__in=iins, school=cast.school_a).count() == 3
    call_command("import_roster", str(path), f"--school={cast.school_a.pk}", stdout=out)
    assert StaffProfile.objects.filter(iin__in=iins).count() == 3


def test_the_command_fails_on_a_faulty_file_and_writes_nothing(cast: Cast, tmp_path: Path) -> None:
    path = saved(faulty_file(cast), tmp_path)
    before = StaffProfile.objects.count()
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_roster", str(path), school=cast.school_a.pk, language="en", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(FAULTY_SPOTS) + len(FAULTY_QUESTIONS)
    assert lines[0].startswith('row 3, column "ЖСН": ')
    assert '--map-subject "Астрология=…"' in lines[-2]
    assert StaffProfile.objects.count() == before


def test_the_command_refuses_what_is_not_a_workbook(cast: Cast, tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_text("Тегі;Аты;ЖСН")
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), school=cast.school_a.pk, stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), school=999_999, stdout=StringIO())

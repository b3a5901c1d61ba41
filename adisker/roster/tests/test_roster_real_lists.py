"""Real schools' staff lists: course history and the category's date imported, subjects,
categories and positions as schools write them, rows that are not teachers skipped, and
unknown or ambiguous values answered once for the file and remembered for the school."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from adisker.core.testing import Cast, StaffProfileFactory, valid_iin
from adisker.lib.dates import today
from adisker.people.models import CategoryAlias, PositionAlias, StaffProfile
from adisker.records.cycle import CycleStatus
from adisker.records.models import (
    Attestation,
    QualificationCourse,
    attestation_cycle,
    course_cycle,
    with_cycle_dates,
)
from adisker.roster.columns import CATEGORY, POSITION, SUBJECT
from adisker.roster.reading import RosterResult, read_roster
from adisker.roster.services import apply_roster
from adisker.roster.tests.rosters import REAL_HEADER, real_iins, real_list, xlsx
from adisker.schools.models import School, Subject, SubjectAlias


def read(rows: list[list[object]], school: School) -> RosterResult:
    return read_roster(xlsx(rows), school=school)


def codes(items: object) -> list[str]:
    return [item.code for item in items or []]  # type: ignore[attr-defined]


def subject_ids(*codes: str) -> tuple[int, ...]:
    found = dict(Subject.objects.filter(code__in=codes).values_list("code", "pk"))
    return tuple(found[code] for code in codes)


def table(*rows: list[object]) -> list[list[object]]:
    return [["Аты-жөні", "ЖСН", "Лауазымы", "Пәні", "Санаты"], *rows]


@pytest.fixture
def iins() -> list[str]:
    return real_iins()


@pytest.fixture
def history(cast: Cast) -> tuple[int, int]:
    pks = subject_ids("history-kazakhstan", "world-history")
    return pks[0], pks[1]


# What a real list holds ------------------------------------------------------------------


def test_it_reads_a_real_list_and_asks_only_about_tarikh(cast: Cast, iins: list[str]) -> None:
    result = read(real_list(iins), cast.school_a)
    assert result.problems == []
    assert [row.row for row in result.rows] == [5, 6, 7, 8, 9, 12]
    [question] = result.questions
    assert (question.kind, question.value, question.rows) == (SUBJECT, "Тарих", [7])
    assert question.ambiguous and question.column == "Пәні"
    assert result.ok and not result.ready
    gulnur, erlan, maria, ivan, nurzhan, dana = result.rows
    assert codes(gulnur.subjects) == ["kazakh-language", "kazakh-literature"]
    assert gulnur.position.code == "deputy-academic"  # Директордың ОІЖО
    assert gulnur.category.code == "expert"  # " Сарапшы "
    assert erlan.iin == iins[1] and erlan.iin.startswith("0")
    assert (erlan.position.code, codes(erlan.subjects)) == ("teacher", ["mathematics"])
    assert erlan.category.code == "moderator"
    assert maria.category.code == "researcher"  # высшая, an old name
    assert maria.pending == [(SUBJECT, "тарих")]
    assert codes(ivan.subjects) == ["russian-language", "russian-literature"]
    assert (ivan.position.code, ivan.category.code) == ("deputy-academic", "researcher")
    assert (nurzhan.position.code, nurzhan.category.code) == ("deputy-academic", "master")
    assert codes(nurzhan.subjects) == codes(dana.subjects) == ["primary"]
    assert dana.position.code == "primary-teacher"


def test_it_skips_rows_that_are_not_teachers_and_says_so(cast: Cast, iins: list[str]) -> None:
    with translation.override("en"):
        result = read(real_list(iins), cast.school_a)
    notices = {notice.row: notice.message for notice in result.notices}
    assert sorted(notices) == [4, 10, 11, 13, 15]  # 14 is empty after the table's end
    assert "numbers the columns" in notices[4]
    assert "empty" in notices[10]
    assert "repeats the header" in notices[11]
    assert "totals" in notices[13]
    assert notices[15] == "Row 15 looks like a signature line: skipped."
    assert not StaffProfile.objects.filter(iin__in=iins).exists()


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("модератор", "moderator"),
        ("  ЭКСПЕРТ ", "expert"),
        ("сарапшы", "expert"),
        ("исследователь", "researcher"),
        ("Зерттеуші", "researcher"),
        ("мастер", "master"),
        ("шебер", "master"),
        ("педагог – модератор", "moderator"),
        ("первая категория", "expert"),
        ("вторая", "moderator"),
        ("без категории", "pedagogue"),
        ("жоғары санатты", "researcher"),
    ],
)
def test_it_knows_categories_in_short_and_old_forms(
    cast: Cast, written: str, category: str
) -> None:
    result = read(table(["Әбенова Айгүл", valid_iin(), None, None, written]), cast.school_a)
    assert result.ready
    assert result.rows[0].category.code == category


@pytest.mark.parametrize(
    ("written", "position", "subjects"),
    [
        ("Директордың ОІЖО", "deputy-academic", []),
        ("ДОІЖО", "deputy-academic", []),
        ("зам. по УВР", "deputy-academic", []),
        ("Зам по ВР", "deputy-upbringing", []),
        ("мұғалім", "teacher", []),
        ("учитель математики", "teacher", ["mathematics"]),
        ("Учитель  физики", "teacher", ["physics"]),
        ("химия пәнінің мұғалімі", "teacher", ["chemistry"]),
        ("учитель истории", "teacher", []),  # ambiguous: the subject is not guessed
        ("Бастауыш сынып мұғалімі", "primary-teacher", []),
    ],
)
def test_it_knows_positions_in_abbreviations_and_with_a_subject(
    cast: Cast, written: str, position: str, subjects: list[str]
) -> None:
    result = read(table(["Әбенова Айгүл", valid_iin(), written]), cast.school_a)
    assert result.ready
    [row] = result.rows
    assert row.position.code == position
    assert codes(row.subjects) == subjects


@pytest.mark.parametrize(
    ("written", "subjects"),
    [
        ("Қазақ тілі мен әдебиеті", ["kazakh-language", "kazakh-literature"]),
        ("Орыс тілі мен әдебиеті", ["russian-language", "russian-literature"]),
        ("русский язык и литература", ["russian-language", "russian-literature"]),
        ("Бастауыш сынып", ["primary"]),
        ("Начальные классы", ["primary"]),
        ("Каз.яз.; Рус. лит.", ["kazakh-language", "russian-literature"]),
        ("Физ-ра / НВТП", ["physical-education", "initial-military"]),
        ("Алгебра және геометрия", ["algebra", "geometry"]),
        ("Казак тили", ["kazakh-language"]),  # typed without Kazakh letters
    ],
)
def test_it_knows_subjects_as_schools_write_them(
    cast: Cast, written: str, subjects: list[str]
) -> None:
    result = read(table(["Әбенова Айгүл", valid_iin(), None, written]), cast.school_a)
    assert result.ready
    assert codes(result.rows[0].subjects) == subjects


def test_the_aliases_are_reference_data_in_three_languages(cast: Cast) -> None:
    tarikh = SubjectAlias.objects.get(key="тарих", school=None)
    assert tarikh.ambiguous
    assert set(tarikh.subjects.values_list("code", flat=True)) == {
        "history-kazakhstan",
        "world-history",
    }
    assert set(SubjectAlias.objects.values_list("language", flat=True)) == {"kk", "ru", "en"}
    assert set(CategoryAlias.objects.values_list("language", flat=True)) == {"kk", "ru", "en"}
    assert PositionAlias.objects.get(name="ДОІЖО").position.code == "deputy-academic"


# Answers ---------------------------------------------------------------------------------


def test_one_answer_serves_every_row_of_the_file(cast: Cast, history: tuple[int, int]) -> None:
    rows = table(
        ["Әбенова Айгүл", valid_iin(), None, "Тарих; Құқық негіздері"],
        ["Омаров Ерлан", valid_iin(), None, "тарих"],
    )
    result = read(rows, cast.school_a)
    [question] = result.questions
    assert question.rows == [2, 3]
    assert [value for value, _label in question.options] == [
        str(history[0]),
        str(history[1]),
        f"{history[0]},{history[1]}",
        "-",
    ]
    result.resolve({(SUBJECT, "тарих"): history})
    assert result.ready
    assert codes(result.rows[0].subjects) == ["law", "history-kazakhstan", "world-history"]
    assert codes(result.rows[1].subjects) == ["history-kazakhstan", "world-history"]


def test_an_answer_is_remembered_for_the_school_and_only_for_it(
    cast: Cast, history: tuple[int, int]
) -> None:
    result = read(table(["Әбенова Айгүл", valid_iin(), None, "Тарих"]), cast.school_a)
    result.resolve({(SUBJECT, "тарих"): (history[1],)})
    apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    alias = SubjectAlias.objects.get(school=cast.school_a)
    assert (alias.name, alias.key, alias.ambiguous) == ("Тарих", "тарих", False)
    assert codes(alias.subjects.all()) == ["world-history"]

    again = read(table(["Омаров Ерлан", valid_iin(), None, "ТАРИХ"]), cast.school_a)
    assert again.ready
    assert codes(again.rows[0].subjects) == ["world-history"]
    elsewhere = read(table(["Омаров Ерлан", valid_iin(), None, "Тарих"]), cast.school_b)
    assert [q.value for q in elsewhere.questions] == ["Тарих"]


def test_unknown_values_are_asked_and_may_be_left_out_flagged(cast: Cast) -> None:
    iin = valid_iin()
    rows = table(["Әбенова Айгүл", iin, "Вожатый", "Астрономия, Физика", "старшая"])
    result = read(rows, cast.school_a)
    assert result.problems == []
    assert {(q.kind, q.value, q.ambiguous) for q in result.questions} == {
        (POSITION, "Вожатый", False),
        (SUBJECT, "Астрономия", False),
        (CATEGORY, "старшая", False),
    }
    question = next(q for q in result.questions if q.kind == SUBJECT)
    assert len(question.options) == Subject.objects.count() + 1  # every subject, or without
    teacher = next(q for q in result.questions if q.kind == POSITION)
    pedagogue = next(q for q in result.questions if q.kind == CATEGORY)
    result.resolve(
        {
            (SUBJECT, question.key): (),
            (POSITION, teacher.key): (),
            (CATEGORY, pedagogue.key): (),
        }
    )
    assert result.ready
    assert result.left_out == 3
    assert {(n.row, n.column) for n in result.notices} == {
        (2, "Пәні"),
        (2, "Лауазымы"),
        (2, "Санаты"),
    }
    apply_roster(result=result, school=cast.school_a)
    staff = StaffProfile.objects.get(iin=iin)
    assert codes(staff.subjects.all()) == ["physics"]
    assert (staff.position.code, staff.category.code) == ("teacher", "pedagogue")
    # "Without" is no answer to remember: the next file asks again.
    assert not SubjectAlias.objects.filter(school=cast.school_a).exists()
    assert not PositionAlias.objects.filter(school=cast.school_a).exists()


def test_an_unanswered_file_cannot_be_applied(cast: Cast) -> None:
    result = read(table(["Әбенова Айгүл", valid_iin(), None, "Тарих"]), cast.school_a)
    with pytest.raises(ValueError, match="without problems"):
        apply_roster(result=result, school=cast.school_a)
    assert not StaffProfile.objects.filter(last_name="Әбенова", first_name="Айгүл").exists()


# Course history and the category's date ---------------------------------------------------


def imported(cast: Cast, iins: list[str], history: tuple[int, int]) -> RosterResult:
    result = read(real_list(iins), cast.school_a)
    result.resolve({(SUBJECT, "тарих"): (history[0],)})
    apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    return result


def test_it_imports_the_last_course_confirmed_and_marked_as_imported(
    cast: Cast, iins: list[str], history: tuple[int, int]
) -> None:
    imported(cast, iins, history)
    year = today().year
    gulnur = QualificationCourse.objects.get(staff__iin=iins[0])
    assert gulnur.finished_on == gulnur.started_on == datetime.date(year - 1, 3, 15)
    assert (gulnur.provider, gulnur.hours, gulnur.format) == ("Өрлеу", 80, "")
    assert gulnur.imported and gulnur.is_confirmed
    assert gulnur.confirmed_by == cast.deputy_a
    assert gulnur.history.get().history_user == cast.deputy_a
    erlan = QualificationCourse.objects.get(staff__iin=iins[1])  # "2019, Өрлеу": a year
    assert (erlan.finished_on, erlan.provider, erlan.hours) == (
        datetime.date(year - 7, 1, 1),
        "Өрлеу",
        None,
    )
    maria = QualificationCourse.objects.get(staff__iin=iins[2])  # a bare number
    assert maria.finished_on == datetime.date(year - 1, 1, 1)
    assert not QualificationCourse.objects.filter(staff__iin__in=iins[3:]).exists()


def test_the_five_year_statuses_are_right_from_day_one(
    cast: Cast, iins: list[str], history: tuple[int, int]
) -> None:
    imported(cast, iins, history)
    staff = {s.iin: s for s in with_cycle_dates(StaffProfile.objects.filter(iin__in=iins))}
    statuses = [course_cycle(staff[iin].last_course_on).status for iin in iins]
    assert statuses == [
        CycleStatus.UP_TO_DATE,
        CycleStatus.OVERDUE,
        CycleStatus.UP_TO_DATE,
        CycleStatus.NO_RECORD,
        CycleStatus.NO_RECORD,
        CycleStatus.NO_RECORD,
    ]
    gulnur = staff[iins[0]]
    assert gulnur.attestation_until == datetime.date(today().year + 3, 5, 20)
    assert attestation_cycle(gulnur.attestation_until).status == CycleStatus.UP_TO_DATE


def test_it_imports_the_category_date_as_the_attestation(
    cast: Cast, iins: list[str], history: tuple[int, int]
) -> None:
    imported(cast, iins, history)
    year = today().year
    gulnur = Attestation.objects.get(staff__iin=iins[0])
    assert gulnur.category.code == "expert"
    assert gulnur.assigned_on == datetime.date(year - 2, 5, 20)
    assert gulnur.valid_until == datetime.date(year + 3, 5, 20)
    assert gulnur.imported and gulnur.confirmed_by == cast.deputy_a
    erlan = Attestation.objects.get(staff__iin=iins[1])
    assert (erlan.category.code, erlan.assigned_on) == ("moderator", datetime.date(year - 3, 1, 1))
    assert Attestation.objects.filter(staff__iin__in=iins).count() == 2


def test_reimporting_the_same_list_duplicates_nothing(
    cast: Cast, iins: list[str], history: tuple[int, int]
) -> None:
    imported(cast, iins, history)
    counts = (StaffProfile.objects.count(), QualificationCourse.objects.count())
    attestations = Attestation.objects.count()
    again = read(real_list(iins), cast.school_a)
    assert again.ready  # the answer was remembered
    result = apply_roster(result=again, school=cast.school_a, by=cast.deputy_a)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert (result.courses, result.attestations) == (0, 0)
    assert (StaffProfile.objects.count(), QualificationCourse.objects.count()) == counts
    assert Attestation.objects.count() == attestations


def test_a_corrected_course_updates_the_imported_one_and_spares_one_typed_by_hand(
    cast: Cast, iins: list[str], history: tuple[int, int]
) -> None:
    imported(cast, iins, history)
    year = today().year
    typed = QualificationCourse.objects.get(staff__iin=iins[2])
    QualificationCourse.objects.filter(pk=typed.pk).update(imported=False, provider="НЗМ")
    rows = real_list(iins)
    rows[4][7] = f"20.03.{year - 1}"  # Гүлнұр's course: a day's typo fixed
    rows[4][9] = 72
    rows[6][7] = f"10.10.{year - 1}, Өрлеу"  # Мария's: the same year as the typed one
    result = read(rows, cast.school_a)
    counts = apply_roster(result=result, school=cast.school_a, by=cast.deputy_a)
    assert counts.courses == 0
    gulnur = QualificationCourse.objects.get(staff__iin=iins[0])
    assert (gulnur.finished_on, gulnur.hours) == (datetime.date(year - 1, 3, 20), 72)
    assert gulnur.history.count() == 2
    typed.refresh_from_db()
    assert (typed.provider, typed.finished_on) == ("НЗМ", datetime.date(year - 1, 1, 1))


def test_a_course_typed_by_hand_that_year_is_not_imported_again(cast: Cast) -> None:
    staff = StaffProfileFactory(school=cast.school_a)
    year = today().year - 1
    QualificationCourse.objects.create(
        staff=staff,
        provider="Өрлеу",
        title="Жаңартылған мазмұн",
        hours=80,
        format=QualificationCourse.Format.ONLINE,
        started_on=datetime.date(year, 2, 1),
        finished_on=datetime.date(year, 2, 20),
    )
    rows = [
        ["Тегі", "Аты", "ЖСН", "Курсы повышения квалификации (год, место)"],
        [staff.last_name, staff.first_name, staff.iin, f"{year}, Өрлеу"],
    ]
    counts = apply_roster(result=read(rows, cast.school_a), school=cast.school_a)
    assert counts.courses == 0
    assert staff.courses.get().title == "Жаңартылған мазмұн"


@pytest.mark.parametrize(
    ("header", "value", "finished_on", "provider", "hours"),
    [
        ("Соңғы біліктілік курсы", "2023, Өрлеу", datetime.date(2023, 1, 1), "Өрлеу", None),
        (
            "Курсы ПК (дата окончания)",
            datetime.date(2022, 6, 30),
            datetime.date(2022, 6, 30),
            "",
            None,
        ),
        (
            "Курсы повышения квалификации (год, место)",
            "2021 г., НИШ ЦПМ, 80 ч.",
            datetime.date(2021, 1, 1),
            "НИШ ЦПМ",
            80,
        ),
        ("Last course", "12.04.2024", datetime.date(2024, 4, 12), "", None),
        (
            "Біліктілікті арттыру курсы",
            "2019-2020 жж., Өрлеу",
            datetime.date(2020, 1, 1),
            "Өрлеу",
            None,
        ),
    ],
)
def test_it_reads_course_columns_as_lists_write_them(
    cast: Cast,
    header: str,
    value: object,
    finished_on: datetime.date,
    provider: str,
    hours: int | None,
) -> None:
    rows = [["Тегі", "Аты", "ЖСН", header], ["Әбенова", "Айгүл", valid_iin(), value]]
    result = read(rows, cast.school_a)
    assert result.columns["course"] == header
    course = result.rows[0].course
    assert (course.finished_on, course.provider, course.hours) == (finished_on, provider, hours)


def test_a_separate_provider_and_hours_column_are_read(cast: Cast) -> None:
    rows = [
        ["Тегі", "Аты", "ЖСН", "Курсы ПК", "Курс өткен орны", "Кол-во часов", "Тема курсов"],
        ["Әбенова", "Айгүл", valid_iin(), "2024", "Өрлеу", "72 часа", "Функциональная грамотность"],
    ]
    course = read(rows, cast.school_a).rows[0].course
    assert (course.provider, course.hours) == ("Өрлеу", 72)
    assert course.title == "Функциональная грамотность"


def test_future_and_unreadable_course_and_category_dates_are_faults(cast: Cast) -> None:
    next_year = today().year + 1
    tomorrow = today() + datetime.timedelta(days=1)
    rows = [
        ["Тегі", "Аты", "ЖСН", "Соңғы курс", "Санат берілген күні", "Сағат саны"],
        ["Әбенова", "Айгүл", valid_iin(), str(next_year), None, None],  # 2
        ["Омаров", "Ерлан", valid_iin(), tomorrow, None, None],  # 3
        ["Ким", "Ольга", valid_iin(), "Өрлеу", tomorrow.strftime("%d.%m.%Y"), None],  # 4
        ["Ли", "Анна", valid_iin(), "2020", "2020", "көп"],  # 5
        ["Жақсы", "Адам", valid_iin(), "2020", "2020", 72],  # 6, fine
    ]
    before = QualificationCourse.objects.count()
    with translation.override("en"):
        result = read(rows, cast.school_a)
    assert {(p.row, p.column) for p in result.problems} == {
        (2, "Соңғы курс"),
        (3, "Соңғы курс"),
        (4, "Соңғы курс"),
        (4, "Санат берілген күні"),
        (5, "Сағат саны"),
    }
    messages = {(p.row, p.column): p.message for p in result.problems}
    assert str(next_year) in messages[(2, "Соңғы курс")] and "future" in messages[(2, "Соңғы курс")]
    assert "future" in messages[(3, "Соңғы курс")]
    assert "Өрлеу" in messages[(4, "Соңғы курс")]
    assert not result.ok
    with pytest.raises(ValueError):
        apply_roster(result=result, school=cast.school_a)
    assert QualificationCourse.objects.count() == before
    assert not StaffProfile.objects.filter(last_name="Жақсы").exists()


def test_a_repeated_header_may_hold_the_column_numbering_too(cast: Cast) -> None:
    iin = valid_iin()
    rows = [REAL_HEADER, [1, "Әбенова Айгүл", iin], REAL_HEADER, list(range(1, 11))]
    result = read(rows, cast.school_a)
    assert [row.iin for row in result.rows] == [iin]
    assert [n.row for n in result.notices] == [3, 4]

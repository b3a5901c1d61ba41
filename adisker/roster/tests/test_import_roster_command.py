"""manage.py import_roster: the preview's report and answers on the command line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from adisker.core.testing import Cast
from adisker.people.models import StaffProfile
from adisker.records.models import QualificationCourse
from adisker.roster.tests.rosters import XLS_FIXTURE, XLS_IINS, csv_bytes, real_iins, real_list
from adisker.schools.models import SubjectAlias


@pytest.fixture
def iins() -> list[str]:
    return real_iins()


@pytest.fixture
def path(tmp_path: Path, iins: list[str]) -> Path:
    file = tmp_path / "тізім.csv"
    file.write_bytes(csv_bytes(real_list(iins)))
    return file


def run(*args: str, school: int) -> str:
    out = StringIO()
    call_command("import_roster", *args, f"--school={school}", "--language=en", stdout=out)
    return out.getvalue()


def test_it_prints_the_question_and_writes_nothing_without_an_answer(
    cast: Cast, path: Path, iins: list[str]
) -> None:
    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_roster", str(path), school=cast.school_a.pk, language="en", stdout=out)
    lines = out.getvalue().splitlines()
    assert "row 15: Row 15 looks like a signature line: skipped." in lines
    assert lines[-1] == (
        'column "Пәні", rows 7: “Тарих” needs an answer; give it with '
        '--map-subject "Тарих=…" or --skip-unknown.'
    )
    assert not StaffProfile.objects.filter(iin__in=iins).exists()


def test_it_takes_the_answer_as_an_option_and_remembers_it(
    cast: Cast, path: Path, iins: list[str]
) -> None:
    out = run(
        str(path),
        "--map-subject",
        "тарих=history-kazakhstan,Дүниежүзі тарихы",
        school=cast.school_a.pk,
    )
    assert "Added: 6, updated: 0, unchanged: 0." in out
    assert "Courses added: 3, category assignments added: 2." in out
    maria = StaffProfile.objects.get(iin=iins[2])
    assert sorted(maria.subjects.values_list("code", flat=True)) == [
        "history-kazakhstan",
        "world-history",
    ]
    assert SubjectAlias.objects.get(school=cast.school_a).name == "Тарих"
    again = run(str(path), school=cast.school_a.pk)
    assert "Added: 0, updated: 0, unchanged: 6." in again


def test_skip_unknown_imports_without_the_values_and_says_how_many(
    cast: Cast, path: Path, iins: list[str]
) -> None:
    out = run(str(path), "--skip-unknown", school=cast.school_a.pk)
    assert "Values left out as you chose: 1" in out
    assert "“Тарих” was left out" in out
    assert not StaffProfile.objects.get(iin=iins[2]).subjects.exists()
    assert not SubjectAlias.objects.filter(school=cast.school_a).exists()


def test_a_dry_run_with_answers_writes_and_remembers_nothing(cast: Cast) -> None:
    out = run(str(XLS_FIXTURE), "--dry-run", "--map-subject=История=-", school=cast.school_a.pk)
    assert "Dry run" in out and "Added: 3" in out and "Courses added: 2" in out
    assert not StaffProfile.objects.filter(iin__in=XLS_IINS).exists()
    assert not QualificationCourse.objects.filter(staff__iin__in=XLS_IINS).exists()
    assert not SubjectAlias.objects.filter(school=cast.school_a).exists()


@pytest.mark.parametrize(
    "option",
    [
        "--map-subject=Тарих=Астрология",
        "--map-subject=Тарих",
        "--map-subject=Тарих=История",  # ambiguous itself
        "--map-category=старшая=шебер-шебер",
    ],
)
def test_it_refuses_an_answer_it_cannot_read(cast: Cast, path: Path, option: str) -> None:
    with pytest.raises(CommandError):
        run(str(path), option, school=cast.school_a.pk)
    assert not StaffProfile.objects.filter(school=cast.school_a, iin__startswith="0").exists()


def test_position_and_category_answers_are_options_too(cast: Cast, tmp_path: Path) -> None:
    file = tmp_path / "staff.csv"
    rows = [["ФИО", "ИИН", "Должность", "Категория"], ["Ли Анна", "", "Вожатый", "старшая"]]
    iin = real_iins()[0]
    rows[1][1] = iin
    file.write_bytes(csv_bytes(rows))
    run(
        str(file),
        "--map-position=Вожатый=Педагог-психолог",
        "--map-category=старшая=expert",
        school=cast.school_a.pk,
    )
    staff = StaffProfile.objects.get(iin=iin)
    assert (staff.position.code, staff.category.code) == ("psychologist", "expert")
    assert cast.school_a.pk in set(staff.position.aliases.values_list("school_id", flat=True))

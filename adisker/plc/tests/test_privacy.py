"""No pupil's name can be stored or shown: codes only, and imports refuse name columns."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from adisker.core.testing import Cast
from adisker.plc.models import FocusPupil, PupilResult, validate_pupil_code
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["A", "B", "C", "П1", "Ә2", "ұ-3", "12"])
def test_it_accepts_short_codes(code: str) -> None:
    validate_pupil_code(code)


@pytest.mark.parametrize(
    "code", ["Айгүл", "Әлия", "Ян", "Әлия Серікова", "A B", "Ivanov", "", "A.", "_x"]
)
def test_it_refuses_anything_that_could_be_a_name(code: str) -> None:
    with pytest.raises(ValidationError):
        validate_pupil_code(code)


def test_no_plc_model_has_a_field_for_a_pupil_name() -> None:
    pupil_models = [
        m for m in apps.get_app_config("plc").get_models() if "pupil" in m.__name__.lower()
    ]
    assert pupil_models == [FocusPupil, PupilResult]
    for model in pupil_models:
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"name", "full_name", "first_name", "last_name", "patronymic", "iin"}
        assert model._meta.get_field("code").max_length == 4


def test_a_focus_pupil_with_a_name_for_a_code_is_invalid(cast: Cast) -> None:
    pupil = FocusPupil(cycle=f.cycle(cast), code="Әлия", attainment="high")
    with pytest.raises(ValidationError):
        pupil.full_clean()


def workbook(*rows: tuple) -> SimpleUploadedFile:  # type: ignore[type-arg]
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("results.xlsx", buffer.getvalue())


def test_it_imports_codes_and_scores_from_xlsx(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    upload = workbook(
        ("5 Ә сыныбы",), ("Оқушы коды", "Бастапқы", "Соңғы"), ("A", 40, 75), ("B", "55,5", 60)
    )
    response = client.post(reverse("plc:results_import", args=[found.pk]), {"file": upload})
    assert response.status_code == 302
    assert {(r.code, r.phase, float(r.score)) for r in found.results.all()} == {
        ("A", "before", 40.0),
        ("A", "after", 75.0),
        ("B", "before", 55.5),
        ("B", "after", 60.0),
    }


@pytest.mark.parametrize("header", ["Аты-жөні", "ФИО", "Оқушының аты-жөні", "Имя", "Full name"])
def test_it_refuses_a_file_with_a_name_column(client, cast: Cast, header: str) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    upload = workbook(("Код", header, "До", "После"), ("A", "Сейітова Әлия", 40, 75))
    response = client.post(reverse("plc:results_import", args=[found.pk]), {"file": upload})
    assert response.status_code == 400
    assert "аты-жөні бар" in " ".join(response.context["import_problems"])
    assert not PupilResult.objects.exists()
    assert "Сейітова" not in response.content.decode()


def test_it_refuses_the_whole_file_for_one_bad_row(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    upload = workbook(
        ("Code", "Before", "After"), ("A", 40, 75), ("Ержан Б", 10, 20), ("C", 130, 1)
    )
    response = client.post(reverse("plc:results_import", args=[found.pk]), {"file": upload})
    problems = response.context["import_problems"]
    assert len(problems) == 2
    assert problems[0].startswith("3-жол")
    assert not PupilResult.objects.exists()


def test_it_refuses_a_file_that_is_not_a_workbook(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    upload = SimpleUploadedFile("results.xlsx", b"Code;Before\nA;1")
    response = client.post(reverse("plc:results_import", args=[found.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Excel" in " ".join(response.context["import_problems"])


def test_it_takes_typed_results_and_refuses_names(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    url = reverse("plc:results", args=[found.pk])
    response = client.post(url, {"lines": "A 40 75\nАйгүл 30 40"})
    assert response.status_code == 400
    assert not PupilResult.objects.exists()
    response = client.post(url, {"lines": "A 40 75\nB; 30; -"})
    assert response.status_code == 302
    assert found.results.count() == 3


def test_readers_may_not_enter_results(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.deputy_a)
    response = client.post(reverse("plc:results", args=[found.pk]), {"lines": "A 1 2"})
    assert response.status_code == 403
    assert not PupilResult.objects.exists()

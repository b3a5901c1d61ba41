"""The preview is where a real list is resolved: the deputy answers each unknown or ambiguous
value once, or imports its rows without it, and the import takes the answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.lib import uploads
from adisker.people.models import StaffProfile
from adisker.records.models import Attestation, QualificationCourse
from adisker.roster.tests.rosters import real_iins, real_list, xlsx
from adisker.roster.tests.test_roster import upload
from adisker.schools.models import Subject, SubjectAlias


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def kept(media: Path) -> int:
    folder = media / uploads.KEPT_UPLOADS_FOLDER
    return len(list(folder.iterdir())) if folder.exists() else 0


@pytest.fixture
def iins() -> list[str]:
    return real_iins()


def preview(client, cast: Cast, rows: list[list[object]], name: str = "тізім.xlsx"):  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("roster:import"),
        {"school": cast.school_a.pk, "file": upload(xlsx(rows), name)},
    )
    assert response.status_code == 200
    return response


def log_in_speaking(client, cast: Cast, language: str) -> None:  # type: ignore[no-untyped-def]
    cast.deputy_a.language = language
    cast.deputy_a.save(update_fields=["language"])
    client.force_login(cast.deputy_a)


def history_ids() -> tuple[int, int]:
    codes = dict(Subject.objects.values_list("code", "pk"))
    return codes["history-kazakhstan"], codes["world-history"]


def test_deputy_answers_tarikh_in_the_preview_and_imports(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    client.force_login(cast.deputy_a)
    before = StaffProfile.objects.count()
    page = preview(client, cast, real_list(iins))
    [question] = page.context["result"].questions
    html = page.content.decode()
    assert f'name="{question.field_name}"' in html
    assert "Тарих" in html and "Дүниежүзі тарихы" in html
    assert "Row 15" not in html  # the preview speaks the user's language (Kazakh)
    assert StaffProfile.objects.count() == before
    assert kept(media) == 1

    kazakhstan, world = history_ids()
    done = client.post(
        reverse("roster:confirm"),
        {"upload": page.context["upload"], question.field_name: f"{kazakhstan},{world}"},
    )
    assert done.status_code == 302
    assert StaffProfile.objects.count() == before + 6
    maria = StaffProfile.objects.get(iin=iins[2])
    assert set(maria.subjects.values_list("pk", flat=True)) == {kazakhstan, world}
    alias = SubjectAlias.objects.get(school=cast.school_a)
    assert set(alias.subjects.values_list("pk", flat=True)) == {kazakhstan, world}
    assert QualificationCourse.objects.filter(staff__iin__in=iins, imported=True).count() == 3
    assert Attestation.objects.filter(staff__iin__in=iins, imported=True).count() == 2
    assert kept(media) == 0
    listing = client.get(done["Location"])
    assert "Құсайынова Гүлнұр Нұрлановна" in listing.content.decode()

    # The same file again asks nothing and changes nothing.
    again = preview(client, cast, real_list(iins))
    assert again.context["result"].questions == []
    assert len(again.context["result"].existing_rows) == 6
    assert (
        client.post(reverse("roster:confirm"), {"upload": again.context["upload"]}).status_code
        == 302
    )
    assert StaffProfile.objects.count() == before + 6
    assert QualificationCourse.objects.filter(staff__iin__in=iins).count() == 3


def test_an_unanswered_preview_stays_with_what_was_chosen_and_writes_nothing(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    log_in_speaking(client, cast, "ru")
    before = StaffProfile.objects.count()
    page = preview(client, cast, real_list(iins))
    field = page.context["result"].questions[0].field_name
    for answer in ("", str(Subject.objects.get(code="mathematics").pk)):
        response = client.post(
            reverse("roster:confirm"),
            {"upload": page.context["upload"], field: answer},
        )
        assert response.status_code == 200
        assert field in response.context["choices"].errors
        assert response.context["upload"] == page.context["upload"]
        assert 'class="form-select is-invalid"' in response.content.decode()
    assert StaffProfile.objects.count() == before
    assert not SubjectAlias.objects.filter(school=cast.school_a).exists()
    assert kept(media) == 1  # still there, for the answer

    kazakhstan, _world = history_ids()
    response = client.post(
        reverse("roster:confirm"),
        {"upload": page.context["upload"], field: str(kazakhstan)},
    )
    assert response.status_code == 302
    assert list(StaffProfile.objects.get(iin=iins[2]).subjects.values_list("pk", flat=True)) == [
        kazakhstan
    ]


def test_deputy_imports_rows_without_the_value_flagged(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    client.force_login(cast.deputy_a)
    page = preview(client, cast, real_list(iins))
    field = page.context["result"].questions[0].field_name
    response = client.post(
        reverse("roster:confirm"),
        {"upload": page.context["upload"], field: "-"},
        follow=True,
    )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert ": 1 " in message  # one value left out
    assert not StaffProfile.objects.get(iin=iins[2]).subjects.exists()
    assert not SubjectAlias.objects.filter(school=cast.school_a).exists()


def test_the_preview_shows_skipped_rows_and_every_column_read(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    log_in_speaking(client, cast, "en")
    html = preview(client, cast, real_list(iins)).content.decode()
    assert "Row 15 looks like a signature line: skipped." in html
    assert "Row 13 looks like a totals line: skipped." in html
    for read_as in ("date the category was assigned", "where the last course was taken"):
        assert read_as in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("teacher_a", 403), ("director_a", 403), ("methodologist_a", 403), ("deputy_b", 400)],
)
def test_only_the_schools_deputy_may_confirm_an_answered_preview(
    client, cast: Cast, iins: list[str], media: Path, who: str, status: int
) -> None:
    client.force_login(cast.deputy_a)
    page = preview(client, cast, real_list(iins))
    field = page.context["result"].questions[0].field_name
    before = StaffProfile.objects.count()
    client.force_login(cast.user(who))
    response = client.post(
        reverse("roster:confirm"), {"upload": page.context["upload"], field: "-"}
    )
    assert response.status_code == status
    assert StaffProfile.objects.count() == before
    assert not QualificationCourse.objects.filter(staff__iin__in=iins).exists()
    assert kept(media) == 1


def test_administrator_imports_into_a_chosen_school(
    client, cast: Cast, iins: list[str], media: Path
) -> None:
    client.force_login(cast.admin)
    response = client.post(
        reverse("roster:import"),
        {
            "district": cast.district_a.pk,
            "school": cast.school_a.pk,
            "file": upload(xlsx(real_list(iins))),
        },
    )
    result = response.context["result"]
    field = result.questions[0].field_name
    done = client.post(
        reverse("roster:confirm"), {"upload": response.context["upload"], field: "-"}
    )
    assert done.status_code == 302
    assert StaffProfile.objects.filter(iin__in=iins, school=cast.school_a).count() == 6
    assert QualificationCourse.objects.get(staff__iin=iins[0]).confirmed_by == cast.admin


def test_the_preview_runs_the_same_queries_for_a_short_and_a_long_list(
    client, cast: Cast, media: Path
) -> None:
    client.force_login(cast.deputy_a)

    def queries(copies: int) -> int:
        rows = real_list(real_iins())
        for _copy in range(copies - 1):
            rows += real_list(real_iins())[4:9]  # five more teachers, a Тарих among them
        with CaptureQueriesContext(connection) as captured:
            response = preview(client, cast, rows)
        assert response.context["result"].problems == []
        return len(captured)

    assert queries(1) == queries(10)

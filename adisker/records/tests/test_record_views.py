from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.lib.dates import today
from adisker.people.models import QualificationCategory
from adisker.records.models import Attestation, QualificationCourse, SelfEducationTopic
from adisker.schools.models import AcademicYear


def course_data(**changes: object) -> dict[str, object]:
    data = {
        "title": "Жаңартылған білім беру мазмұны",
        "provider": "«Өрлеу» БАҰО",
        "hours": 72,
        "format": "blended",
        "started_on": "2025-10-06",
        "finished_on": "2025-10-17",
        "certificate_number": "№ 0012345",
    }
    return {**data, **changes}


def add_course(cast: Cast, **changes: object) -> QualificationCourse:
    staff = cast.teacher_a.staff_profile
    values = {
        "title": "Курс",
        "provider": "Өрлеу",
        "hours": 72,
        "format": "online",
        "started_on": datetime.date(2025, 10, 6),
        "finished_on": datetime.date(2025, 10, 17),
        **changes,
    }
    return QualificationCourse.objects.create(staff=staff, **values)


def create_url(cast: Cast, kind: str) -> str:
    return reverse("records:entry_create", args=[cast.teacher_a.staff_profile.pk, kind])


def test_teacher_adds_a_course_to_own_record(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    certificate = SimpleUploadedFile("cert.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        create_url(cast, "course"), {**course_data(), "certificate": certificate}
    )
    assert response.status_code == 302
    course = QualificationCourse.objects.get()
    assert course.staff == cast.teacher_a.staff_profile
    assert not course.is_confirmed
    assert course.certificate.name.endswith(".pdf")


def test_course_form_keeps_input_and_refuses_bad_dates(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    data = course_data(started_on="2025-10-17", finished_on="2025-10-06")
    response = client.post(create_url(cast, "course"), data)
    assert response.status_code == 200
    assert "finished_on" in response.context["form"].errors
    assert "Жаңартылған білім беру мазмұны" in response.content.decode()
    future = course_data(finished_on=(today() + datetime.timedelta(days=40)).isoformat())
    response = client.post(create_url(cast, "course"), future)
    assert "finished_on" in response.context["form"].errors
    assert not QualificationCourse.objects.exists()


def test_teacher_cannot_confirm_own_course(client, cast: Cast) -> None:
    course = add_course(cast)
    client.force_login(cast.teacher_a)
    url = reverse("records:entry_confirm", args=[course.staff_id, "course", course.pk])
    assert client.post(url).status_code == 403
    course.refresh_from_db()
    assert not course.is_confirmed


def test_deputy_cannot_confirm_own_course(client, cast: Cast) -> None:
    staff = cast.deputy_a.staff_profile
    course = QualificationCourse.objects.create(
        staff=staff, title="К", provider="П", hours=36, format="online",
        started_on=datetime.date(2025, 1, 1), finished_on=datetime.date(2025, 1, 5),
    )  # fmt: skip
    client.force_login(cast.deputy_a)
    url = reverse("records:entry_confirm", args=[staff.pk, "course", course.pk])
    assert client.post(url).status_code == 403


def test_deputy_confirms_and_the_record_shows_who(client, cast: Cast) -> None:
    course = add_course(cast)
    client.force_login(cast.deputy_a)
    url = reverse("records:entry_confirm", args=[course.staff_id, "course", course.pk])
    assert client.post(url).status_code == 302
    course.refresh_from_db()
    assert course.confirmed_by == cast.deputy_a
    page = client.get(reverse("records:record", args=[course.staff_id]))
    assert cast.deputy_a.short_name in page.content.decode()
    assert page.context["course_cycle"].due_on == datetime.date(2030, 10, 17)


@pytest.mark.parametrize("name", ["director_a", "methodologist_a", "head_a"])
def test_others_cannot_confirm(client, cast: Cast, name: str) -> None:
    course = add_course(cast)
    client.force_login(cast.user(name))
    url = reverse("records:entry_confirm", args=[course.staff_id, "course", course.pk])
    assert client.post(url).status_code == (403 if name != "head_a" else 404)
    course.refresh_from_db()
    assert not course.is_confirmed


def test_confirmed_entry_is_locked_for_the_teacher(client, cast: Cast) -> None:
    course = add_course(cast)
    course.confirm(by=cast.deputy_a)
    client.force_login(cast.teacher_a)
    edit = reverse("records:entry_edit", args=[course.staff_id, "course", course.pk])
    delete = reverse("records:entry_delete", args=[course.staff_id, "course", course.pk])
    assert client.post(edit, course_data(title="Басқа")).status_code == 403
    assert client.post(delete).status_code == 403
    course.refresh_from_db()
    assert course.title == "Курс"


def test_teacher_edits_and_deletes_an_unconfirmed_entry(client, cast: Cast) -> None:
    course = add_course(cast)
    client.force_login(cast.teacher_a)
    edit = reverse("records:entry_edit", args=[course.staff_id, "course", course.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, course_data(title="Түзетілген")).status_code == 302
    course.refresh_from_db()
    assert course.title == "Түзетілген"
    delete = reverse("records:entry_delete", args=[course.staff_id, "course", course.pk])
    assert client.post(delete).status_code == 302
    assert not QualificationCourse.objects.exists()


def test_record_of_another_school_is_not_found(client, cast: Cast) -> None:
    course = add_course(cast)
    client.force_login(cast.teacher_b)
    staff_pk = course.staff_id
    assert client.get(reverse("records:record", args=[staff_pk])).status_code == 404
    assert client.post(create_url(cast, "course"), course_data()).status_code == 404
    file_url = reverse("records:entry_file", args=[staff_pk, "course", course.pk])
    assert client.get(file_url).status_code == 404
    assert QualificationCourse.objects.count() == 1


def test_director_reads_but_does_not_edit(client, cast: Cast) -> None:
    client.force_login(cast.director_a)
    staff_pk = cast.teacher_a.staff_profile.pk
    page = client.get(reverse("records:record", args=[staff_pk]))
    assert page.status_code == 200
    assert not page.context["can_edit"]
    assert client.post(create_url(cast, "course"), course_data()).status_code == 403
    assert not QualificationCourse.objects.exists()


def test_colleague_teacher_cannot_see_the_record(client, cast: Cast) -> None:
    client.force_login(cast.head_a)
    url = reverse("records:record", args=[cast.teacher_a.staff_profile.pk])
    assert client.get(url).status_code == 404


def test_certificate_is_served_only_through_the_record(
    client, cast: Cast, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    course = add_course(cast)
    course.certificate = SimpleUploadedFile("c.pdf", b"%PDF-1.4 secret")
    course.save()
    url = reverse("records:entry_file", args=[course.staff_id, "course", course.pk])
    client.force_login(cast.deputy_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    client.force_login(cast.head_a)
    assert client.get(url).status_code == 404


def test_it_refuses_a_file_of_the_wrong_type(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    bad = SimpleUploadedFile("cert.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(create_url(cast, "course"), {**course_data(), "certificate": bad})
    assert "certificate" in response.context["form"].errors
    assert not QualificationCourse.objects.exists()


def test_confirmed_attestation_sets_the_current_category(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    researcher = QualificationCategory.objects.get(code="researcher")
    data = {"category": researcher.pk, "assigned_on": "2024-05-20", "order_number": "№ 45"}
    assert client.post(create_url(cast, "attestation"), data).status_code == 302
    attestation = Attestation.objects.get()
    assert attestation.valid_until == datetime.date(2029, 5, 20)
    assert cast.teacher_a.staff_profile.category.code == "moderator"
    client.force_login(cast.deputy_a)
    url = reverse(
        "records:entry_confirm", args=[attestation.staff_id, "attestation", attestation.pk]
    )
    client.post(url)
    cast.teacher_a.staff_profile.refresh_from_db()
    assert cast.teacher_a.staff_profile.category == researcher


def test_one_self_education_topic_a_year(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    year = AcademicYear.objects.current()
    data = {
        "academic_year": year.pk,
        "topic": "Функционалдық сауаттылық",
        "plan": "",
        "write_up": "",
    }
    assert client.post(create_url(cast, "topic"), data).status_code == 302
    response = client.post(create_url(cast, "topic"), {**data, "topic": "Екінші"})
    assert "academic_year" in response.context["form"].errors
    assert SelfEducationTopic.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (
            "education",
            {
                "level": "master",
                "institution": "ҚазҰПУ",
                "speciality": "Физика",
                "graduated_in": 2010,
            },
        ),
        (
            "position",
            {"position": "Мұғалім", "organisation": "№5 мектеп", "started_on": "2010-09-01"},
        ),
        (
            "achievement",
            {
                "kind": "open_lesson",
                "title": "Ашық сабақ",
                "held_on": "2025-03-12",
                "level": "school",
            },
        ),
    ],
)
def test_teacher_adds_other_entries(client, cast: Cast, kind: str, data) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.teacher_a)
    assert client.post(create_url(cast, kind), data).status_code == 302
    page = client.get(reverse("records:record", args=[cast.teacher_a.staff_profile.pk]))
    assert (
        str(next(v for k, v in data.items() if k in {"institution", "position", "title"}))
        in page.content.decode()
    )


def test_follow_up_is_recorded_for_a_course(client, cast: Cast) -> None:
    course = add_course(cast)
    client.force_login(cast.teacher_a)
    url = reverse("records:follow_up", args=[course.staff_id, course.pk])
    assert client.get(url).status_code == 200
    data = {"kind": "seminar", "held_on": "2025-11-20", "description": "ӘБ отырысында баяндадым"}
    assert client.post(url, data).status_code == 302
    course.refresh_from_db()
    assert course.follow_up.kind == "seminar"


def test_unknown_entry_kind_is_not_found(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert client.get(create_url(cast, "nonsense")).status_code == 404


def test_record_page_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("records:record", args=[cast.teacher_a.staff_profile.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_course(cast).confirm(by=cast.deputy_a)
    few = count()
    for _ in range(5):
        course = add_course(cast)
        course.confirm(by=cast.admin)
    assert count() == few

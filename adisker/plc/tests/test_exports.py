"""The PLC report and the Lesson Study report as DOCX, and the PLC part of a teacher's record."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.plc.models import Meeting, MeetingAssignment, Practice, PracticeEndorsement
from adisker.plc.selectors import cycles_of
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def full_cycle(cast: Cast):  # type: ignore[no-untyped-def]
    found = f.cycle(cast, discussion_notes="B топта үндемеді", report="Дәлел табу өсті")
    pupils = f.pupils(found)
    lesson = f.lesson(found, f.staff(cast.teacher_a), taught=True)
    f.observation(lesson, f.staff(cast.facilitator_a), pupils[1])
    f.results(found, {"A": (60, 80), "B": (40, 70), "C": (20, 50), "D": (50, 50)})
    return found


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Lesson Study"), ("ru", "Lesson Study"), ("en", "Lesson Study report")],
)
def test_the_lesson_study_report_in_each_language(
    client, cast: Cast, language: str, heading: str
) -> None:
    found = full_cycle(cast)
    client.force_login(cast.deputy_a)
    response = client.get(reverse("plc:cycle_docx", args=[found.pk]), {"language": language})
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].endswith('.docx"')
        or ".docx" in response["Content-Disposition"]
    )
    text = text_of(response.content)
    assert heading in text
    assert "серіктесіне түсіндіреді" in text
    comma = "." if language == "en" else ","
    assert f"+30{comma}0" in text  # pupil B
    assert f"42{comma}5" in text and f"62{comma}5" in text  # the class means


def test_the_plc_report(client, cast: Cast) -> None:
    found = full_cycle(cast)
    meeting = Meeting.objects.create(community=found.community, held_on="2026-11-03", topic="Норма")
    MeetingAssignment.objects.create(
        meeting=meeting, role="timekeeper", staff=f.staff(cast.teacher_a)
    )
    client.force_login(cast.methodologist_a)
    response = client.get(
        reverse("plc:community_docx", args=[found.community.pk]), {"language": "ru"}
    )
    assert response.status_code == 200
    text = text_of(response.content)
    assert found.community.name in text and "Норма" in text and found.title in text
    client.force_login(cast.teacher_b)
    assert client.get(reverse("plc:community_docx", args=[found.community.pk])).status_code == 404


def test_the_record_shows_the_cycles_and_the_recognition(client, cast: Cast) -> None:
    found = full_cycle(cast)
    practice = Practice.objects.create(
        author=f.staff(cast.teacher_a),
        title="Жұлдыз бен тілек",
        approach="Бағалау",
        description="D",
    )
    PracticeEndorsement.objects.create(practice=practice, staff=f.staff(cast.head_a))
    client.force_login(cast.deputy_a)
    page = client.get(reverse("records:record", args=[f.staff(cast.teacher_a).pk]))
    content = page.content.decode()
    assert found.title in content and "Жұлдыз бен тілек" in content and "+20,0" in content
    portfolio = client.get(reverse("records:portfolio_docx", args=[f.staff(cast.teacher_a).pk]))
    text = text_of(portfolio.content)
    assert found.title in text and "Жұлдыз бен тілек" in text


def test_a_teachers_cycles_are_those_taken_part_in_in_any_way_each_once(cast: Cast) -> None:
    plc = f.community(cast)  # teacher_a a member, facilitator_a the facilitator
    own = full_cycle(cast)  # a PLC of its own; teacher_a teaches, facilitator_a observes
    elsewhere = f.cycle(cast, plc=f.community(cast, facilitator=f.staff(cast.head_a)))
    guest, observer = StaffProfileFactory(school=cast.school_a), StaffProfileFactory()
    guest_lesson = f.lesson(elsewhere, guest)
    f.observation(guest_lesson, observer, f.pupils(elsewhere)[0])
    member_cycle = f.cycle(cast, plc=plc)
    assert set(cycles_of(f.staff(cast.teacher_a))) == {own, member_cycle, elsewhere}
    assert set(cycles_of(f.staff(cast.facilitator_a))) == {own, member_cycle}
    assert list(cycles_of(guest)) == [elsewhere]
    assert list(cycles_of(observer)) == [elsewhere]
    assert list(cycles_of(f.staff(cast.teacher_b))) == []
    assert len(list(cycles_of(f.staff(cast.teacher_a)))) == 3


def test_photos_of_work_are_served_only_to_readers(client, cast: Cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    found = f.cycle(cast)
    pupils = f.pupils(found)
    f.lesson(found, f.staff(cast.teacher_a), taught=True)
    client.force_login(cast.teacher_a)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    response = client.post(
        reverse("plc:observe", args=[found.pk, 1]),
        {
            "pupil": pupils[0].pk,
            "notes": "10:01 бастады",
            "photo": SimpleUploadedFile("жұмыс.png", png),
            "photo_note": "10:20 сызба",
        },
    )
    assert response.status_code == 302
    note = found.lessons.get().observations.get().notes.get(photo__gt="")
    url = reverse("plc:note_photo", args=[found.pk, note.pk])
    assert b"".join(client.get(url).streaming_content) == png
    client.force_login(cast.teacher_b)
    assert client.get(url).status_code == 404


def test_a_renamed_file_is_not_a_photo(client, cast: Cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    found = f.cycle(cast)
    pupils = f.pupils(found)
    f.lesson(found, f.staff(cast.teacher_a), taught=True)
    client.force_login(cast.teacher_a)
    response = client.post(
        reverse("plc:observe", args=[found.pk, 1]),
        {
            "pupil": pupils[0].pk,
            "notes": "10:01 бастады",
            "photo": SimpleUploadedFile("жұмыс.png", b"<html>not a picture</html>"),
            "photo_note": "10:20 сызба",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    assert not found.lessons.get().observations.exists()

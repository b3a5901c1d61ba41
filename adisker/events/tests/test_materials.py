"""Materials: uploaded by the event's editors or organiser, checked, served only through a view."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.events.models import EventMaterial
from adisker.events.tests.factories import Joint, add_event

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


def docx_bytes(main_part: str = "word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def upload(client, event, name: str, content: bytes, title: str = ""):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("events:material_upload", args=[event.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_deputy_uploads_a_presentation_and_a_teacher_downloads_it(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    assert client.get(reverse("events:material_upload", args=[event.pk])).status_code == 200
    response = upload(client, event, "баяндама.pdf", PDF, title="Баяндама")
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert material.uploaded_by == cast.deputy_a
    assert material.filename == "баяндама.pdf"
    assert upload(client, event, "жоспар.docx", docx_bytes()).status_code == 302

    client.force_login(cast.teacher_a)
    response = client.get(material.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_the_organiser_may_upload_too(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a, organiser=cast.teacher_a.staff_profile)
    client.force_login(cast.teacher_a)
    assert upload(client, event, "slides.pdf", PDF).status_code == 302
    assert EventMaterial.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("photo.jpg", PDF),
        ("report.docx", b"not a zip at all"),
        ("report.docx", docx_bytes("xl/workbook.xml")),
        ("empty.pdf", b""),
        ("noextension", PDF),
    ],
)
def test_it_refuses_files_that_are_not_what_they_say(client, cast: Cast, name, content) -> None:  # type: ignore[no-untyped-def]
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    response = upload(client, event, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not EventMaterial.objects.exists()


def test_it_refuses_files_over_the_limit(client, cast: Cast, settings) -> None:
    settings.MAX_UPLOAD_MB = 1
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    response = upload(client, event, "big.pdf", PDF + b"0" * (1024 * 1024))
    assert "file" in response.context["form"].errors
    assert not EventMaterial.objects.exists()


def test_teachers_and_other_schools_cannot_upload(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.teacher_a)
    assert upload(client, event, "a.pdf", PDF).status_code == 403
    client.force_login(cast.teacher_b)
    assert upload(client, event, "a.pdf", PDF).status_code == 404
    assert not EventMaterial.objects.exists()


def test_materials_are_served_only_to_who_sees_the_event(client, cast: Cast) -> None:
    joint = Joint(cast)
    event = add_event(inter_school=joint.association)
    client.force_login(cast.methodologist_a)
    assert upload(client, event, "a.pdf", PDF).status_code == 302
    material = EventMaterial.objects.get()
    client.force_login(joint.member_teacher)
    assert client.get(material.get_absolute_url()).status_code == 200
    for user in (joint.outsider_teacher, cast.teacher_b):
        client.force_login(user)
        assert client.get(material.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(material.get_absolute_url()).status_code == 302
    # A material asked for under another event's address is not found.
    other = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    url = reverse("events:material", args=[other.pk, material.pk])
    assert client.get(url).status_code == 404


def test_deleting_a_material_removes_the_file(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    upload(client, event, "a.pdf", PDF)
    material = EventMaterial.objects.get()
    path = material.file.path
    delete_url = reverse("events:material_delete", args=[event.pk, material.pk])

    client.force_login(cast.teacher_a)
    assert client.post(delete_url).status_code == 403
    assert EventMaterial.objects.exists()

    client.force_login(cast.deputy_a)
    assert client.get(delete_url).status_code == 405
    assert client.post(delete_url).status_code == 302
    assert not EventMaterial.objects.exists()
    import os

    assert not os.path.exists(path)

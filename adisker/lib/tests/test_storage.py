"""Uploads on an S3-compatible bucket (a real local server, moto's) and on the disk: stored
through the storage API, downloaded only past the views' access checks."""

from __future__ import annotations

import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from adisker.core.testing import Cast
from adisker.events.models import EventMaterial
from adisker.events.tests.factories import add_event
from adisker.records.models import QualificationCourse
from adisker.records.tests.test_record_views import course_data, create_url
from adisker.settings import s3_storage

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def bucket(s3_server: str, settings):  # type: ignore[no-untyped-def]
    """A fresh bucket as the default storage, configured as production configures it."""
    env = {
        "S3_BUCKET": f"adisker-{uuid.uuid4().hex[:12]}",
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "S3_REGION": "us-east-1",
        "S3_PREFIX": "uploads",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=env["S3_BUCKET"])
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(env)}
    settings.S3_REDIRECT_DOWNLOADS = True
    return client, env["S3_BUCKET"]


def stored_keys(bucket) -> list[str]:  # type: ignore[no-untyped-def]
    client, name = bucket
    return [item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])]


def upload_certificate(client, cast: Cast) -> QualificationCourse:  # type: ignore[no-untyped-def]
    client.force_login(cast.teacher_a)
    certificate = SimpleUploadedFile("сертификат.pdf", PDF, content_type="application/pdf")
    response = client.post(
        create_url(cast, "course"), {**course_data(), "certificate": certificate}
    )
    assert response.status_code == 302
    return QualificationCourse.objects.get()


def test_a_certificate_goes_to_the_bucket_and_comes_back_by_a_signed_address(
    client, cast: Cast, bucket
) -> None:
    course = upload_certificate(client, cast)
    staff_id = cast.teacher_a.staff_profile.pk
    assert stored_keys(bucket) == [f"uploads/{course.certificate.name}"]
    assert course.certificate.name.startswith(f"records/{staff_id}/")

    url = reverse("records:entry_file", args=[staff_id, "course", course.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    assert parse_qs(urlsplit(signed).query)["X-Amz-Expires"] == ["300"]
    with urllib.request.urlopen(signed) as answer:  # the browser follows it to the bucket
        assert answer.read() == PDF
        assert answer.headers["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''" in answer.headers["Content-Disposition"]


def test_an_outsider_gets_no_address_at_all(client, cast: Cast, bucket) -> None:
    course = upload_certificate(client, cast)
    url = reverse("records:entry_file", args=[course.staff_id, "course", course.pk])
    for outsider in (cast.teacher_b, cast.deputy_b, cast.methodologist_b):
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 404
        assert "Location" not in response


def test_downloads_stream_from_a_bucket_browsers_cannot_reach(
    client, cast: Cast, bucket, settings
) -> None:
    course = upload_certificate(client, cast)
    settings.S3_REDIRECT_DOWNLOADS = False
    client.force_login(cast.deputy_a)
    response = client.get(
        reverse("records:entry_file", args=[course.staff_id, "course", course.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_event_materials_share_the_bucket(client, cast: Cast, bucket) -> None:
    event = add_event(school=cast.school_a)
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("events:material_upload", args=[event.pk]),
        {"title": "Баяндама", "file": SimpleUploadedFile("баяндама.pdf", PDF)},
    )
    assert response.status_code == 302
    material = EventMaterial.objects.get()
    assert stored_keys(bucket) == [f"uploads/{material.file.name}"]
    client.force_login(cast.teacher_a)
    signed = client.get(material.get_absolute_url())["Location"]
    with urllib.request.urlopen(signed) as answer:
        assert answer.read() == PDF
    client.force_login(cast.teacher_b)
    assert client.get(material.get_absolute_url()).status_code == 404


def test_a_file_missing_from_the_disk_is_not_found(client, cast: Cast, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    course = upload_certificate(client, cast)
    course.certificate.storage.delete(course.certificate.name)
    url = reverse("records:entry_file", args=[course.staff_id, "course", course.pk])
    assert client.get(url).status_code == 404

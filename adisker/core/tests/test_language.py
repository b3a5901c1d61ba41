from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from adisker.core.testing import Cast


def test_kazakh_is_the_default_whatever_the_browser_asks(client, db: None) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.8")
    assert response["Content-Language"] == "kk"
    assert "Adisker жүйесіне кіру" in response.content.decode()


def test_switching_language_as_a_guest_sets_a_cookie(client, db: None) -> None:
    response = client.post(
        reverse("switch_language"), {"language": "ru", "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    page = client.get(reverse("login"))
    assert page["Content-Language"] == "ru"
    assert "Вход в Adisker" in page.content.decode()


def test_switching_language_signed_in_is_remembered_on_the_account(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    client.post(reverse("switch_language"), {"language": "en", "next": reverse("home")})
    cast.teacher_a.refresh_from_db()
    assert cast.teacher_a.language == "en"
    # Another device, no cookie: the account's choice still applies.
    other = type(client)()
    other.force_login(cast.teacher_a)
    assert other.get(reverse("home"))["Content-Language"] == "en"


def test_unknown_language_and_foreign_next_are_ignored(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.post(
        reverse("switch_language"), {"language": "de", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    cast.teacher_a.refresh_from_db()
    assert cast.teacher_a.language == ""


def test_switching_language_needs_post(client, db: None) -> None:
    assert client.get(reverse("switch_language")).status_code == 405


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "1 қыркүйек 2012 ж."), ("ru", "1 сентября 2012"), ("en", "Sept. 1, 2012")],
)
def test_dates_follow_the_language(client, cast: Cast, language: str, expected: str) -> None:
    staff = cast.teacher_a.staff_profile
    staff.experience_started_on = datetime.date(2012, 9, 1)
    staff.save()
    cast.deputy_a.language = language
    cast.deputy_a.save()
    client.force_login(cast.deputy_a)
    assert expected in client.get(staff.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("language", "expected"), [("kk", "1\xa0234"), ("ru", "1\xa0234"), ("en", "1,234")]
)
def test_numbers_follow_the_language(client, cast: Cast, language: str, expected: str) -> None:
    cast.school_a.pupil_count = 1234
    cast.school_a.save()
    cast.deputy_a.language = language
    cast.deputy_a.save()
    client.force_login(cast.deputy_a)
    html = client.get(reverse("schools:detail", args=[cast.school_a.pk])).content.decode()
    assert expected in html

"""Logging in and out, changing and resetting the password, and the brute-force lock-out."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, ngettext

from adisker.core.testing import PASSWORD, Cast
from adisker.people.models import User

NEW_PASSWORD = "Жаңа тақта 2025 көктем"
NO_LONGER_VALID = (
    "This link is no longer valid: it was used already or is too old. Ask for a new one."
)


def in_kazakh(message: str) -> str:
    with translation.override("kk"):
        return gettext(message)


def log_in(client, username: str, password: str, address: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in_as(client) -> int | None:  # type: ignore[no-untyped-def]
    value = client.session.get(SESSION_KEY)
    return int(value) if value is not None else None


# Logging in and out


def test_it_serves_the_login_page_in_kazakh_to_an_english_browser(client, db: None) -> None:
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert response.status_code == 200
    assert response["Content-Language"] == "kk"
    html = response.content.decode()
    assert '<html lang="kk"' in html
    assert in_kazakh("Log in to Adisker") in html
    assert in_kazakh("Log in to Adisker") != "Log in to Adisker"


def test_it_logs_in_with_the_right_password_and_goes_home(client, cast: Cast) -> None:
    response = log_in(client, cast.teacher_a.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_as(client) == cast.teacher_a.pk
    cast.teacher_a.refresh_from_db()
    assert cast.teacher_a.last_login is not None
    assert client.get(reverse("home")).status_code == 200


def test_it_refuses_a_wrong_password_with_a_form_error(client, cast: Cast) -> None:
    response = log_in(client, cast.teacher_a.username, PASSWORD + "x")
    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.non_field_errors().as_data()] == ["invalid_login"]
    html = response.content.decode()
    assert form.non_field_errors()[0] in html
    assert signed_in_as(client) is None
    cast.teacher_a.refresh_from_db()
    assert cast.teacher_a.last_login is None
    # The failure is counted for the lock-out.
    attempt = AccessAttempt.objects.get(username=cast.teacher_a.username)
    assert attempt.failures_since_start == 1


def test_logout_needs_post_and_logs_out(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert client.get(reverse("logout")).status_code == 405
    assert signed_in_as(client) == cast.teacher_a.pk
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert signed_in_as(client) is None
    home = client.get(reverse("home"))
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("login"))


# Changing the password


def test_it_changes_the_password(client, cast: Cast) -> None:
    user = cast.teacher_a
    client.force_login(user)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"old_password", "new_password1", "new_password2"}
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    # The session survives the change.
    done = client.get(reverse("password_change_done"))
    assert done.status_code == 200
    assert in_kazakh("Your password has been changed.") in done.content.decode()


def test_it_does_not_change_the_password_without_the_old_one(client, cast: Cast) -> None:
    user = cast.teacher_a
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_changing_the_password_needs_a_login(client, db: None) -> None:
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Resetting the password by e-mail


def reset_link(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_it_resets_the_password_by_e_mail(client, cast: Cast) -> None:
    user = cast.teacher_a
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert client.get(reverse("password_reset_done")).status_code == 200

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert user.username in message.body
    link = reset_link(message)
    uidb64, token = link.rstrip("/").split("/")[-2:]
    assert link == reverse("password_reset_confirm", args=[uidb64, token])

    # Django swaps the token for a session marker and redirects to the set-password URL.
    opened = client.get(link)
    assert opened.status_code == 302
    set_password_url = reverse("password_reset_confirm", args=[uidb64, "set-password"])
    assert opened["Location"] == set_password_url
    form_page = client.get(set_password_url)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True

    saved = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert saved.status_code == 302
    assert saved["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    complete = client.get(reverse("password_reset_complete"))
    assert complete.status_code == 200
    assert in_kazakh("Your new password has been saved. You can log in with it now.") in (
        complete.content.decode()
    )

    # The link works once.
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False

    fresh = type(client)()
    assert signed_in_as(fresh) is None
    assert log_in(fresh, user.username, PASSWORD).status_code == 200
    assert signed_in_as(fresh) is None
    response = log_in(fresh, user.username, NEW_PASSWORD)
    assert response.status_code == 302
    assert signed_in_as(fresh) == user.pk


def test_an_unknown_address_sends_nothing_but_says_the_same(client, cast: Cast) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@example.kz"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize("token", ["garbage-token", "set-password"])
def test_a_garbage_reset_link_says_it_is_no_longer_valid(client, cast: Cast, token: str) -> None:
    user = cast.teacher_a
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(reverse("password_reset_confirm", args=[uidb64, token]))
    assert response.status_code == 200
    assert response.context["validlink"] is False
    html = response.content.decode()
    assert in_kazakh(NO_LONGER_VALID) in html
    assert 'name="new_password1"' not in html
    # Posting a password to it changes nothing.
    client.post(
        reverse("password_reset_confirm", args=[uidb64, token]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_reset_link_for_an_unknown_user_is_not_valid(client, db: None) -> None:
    response = client.get(reverse("password_reset_confirm", args=["Zm9v", "1-abc"]))
    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert in_kazakh(NO_LONGER_VALID) in response.content.decode()


# Brute-force lock-out (django-axes, on the username and address pair)


def fail_five_times(client, user: User, address: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [log_in(client, user.username, "wrong password", address).status_code for _ in range(5)]


def test_five_wrong_passwords_lock_the_user_out_from_that_address(client, cast: Cast) -> None:
    user = cast.teacher_a
    statuses = fail_five_times(client, user, "10.0.0.1")
    # The fifth failure reaches the limit, and its answer is already the lock-out page.
    assert statuses == [200, 200, 200, 200, 429]
    response = log_in(client, user.username, PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert signed_in_as(client) is None
    # The login view renders its form, then axes answers with the lock-out page instead.
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert 'name="password"' not in response.content.decode()
    html = response.content.decode()
    assert in_kazakh("Too many attempts") in html
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    with translation.override("kk"):
        blocked = ngettext(
            "Logging in to this account from this device is blocked for %(minutes)s minute "
            "after several wrong passwords.",
            "Logging in to this account from this device is blocked for %(minutes)s minutes "
            "after several wrong passwords.",
            minutes,
        ) % {"minutes": minutes}
    assert blocked in html
    user.refresh_from_db()
    assert user.last_login is None
    attempt = AccessAttempt.objects.get(username=user.username, ip_address="10.0.0.1")
    assert attempt.failures_since_start >= 5


def test_a_lock_out_from_one_address_does_not_lock_the_user_out_elsewhere(
    client, cast: Cast
) -> None:
    user = cast.teacher_a
    fail_five_times(client, user, "10.0.0.1")
    colleague = type(client)()
    response = log_in(colleague, user.username, PASSWORD, "10.0.0.2")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_as(colleague) == user.pk
    # The locked pair stays locked.
    assert log_in(client, user.username, PASSWORD, "10.0.0.1").status_code == 429
    assert signed_in_as(client) is None


def test_a_lock_out_of_one_user_does_not_lock_out_others_at_that_address(
    client, cast: Cast
) -> None:
    fail_five_times(client, cast.teacher_a, "10.0.0.1")
    other = type(client)()
    response = log_in(other, cast.deputy_a.username, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert signed_in_as(other) == cast.deputy_a.pk
    assert not AccessAttempt.objects.filter(username=cast.deputy_a.username).exists()


def test_four_wrong_passwords_then_the_right_one_logs_in_and_resets_the_count(
    client, cast: Cast
) -> None:
    user = cast.teacher_a
    for _ in range(4):
        assert log_in(client, user.username, "wrong password", "10.0.0.1").status_code == 200
    response = log_in(client, user.username, PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert signed_in_as(client) == user.pk
    # AXES_RESET_ON_SUCCESS: the count starts again, so one more slip is not a lock-out.
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    client.post(reverse("logout"))
    assert log_in(client, user.username, "wrong password", "10.0.0.1").status_code == 200

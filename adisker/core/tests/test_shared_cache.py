"""The cache every worker and server shares: Redis when REDIS_URL is set, each process's own
memory otherwise; sessions kept in the shared cache in front of the database.

The tests that need a Redis server take the `shared_cache` fixture (conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from adisker.core.testing import Cast, server_processes
from adisker.core.tests.test_settings import clean_environment, manage


def cache_settings(environment: dict[str, str]) -> list[str]:
    code = (
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)"
    )
    result = manage(environment, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_a_cache_url_selects_redis_and_sessions_in_front_of_the_database(
    tmp_path: Path, variable: str
) -> None:
    environment = clean_environment(tmp_path, **{variable: "redis://cache.internal:6379/2"})
    assert cache_settings(environment) == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_without_a_cache_url_the_demo_needs_no_server(tmp_path: Path) -> None:
    assert cache_settings(clean_environment(tmp_path)) == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_two_processes_share_one_redis(shared_cache: None) -> None:
    first, second = server_processes()
    with first:
        from django.core.cache import cache

        cache.set("seen", "by the first process")
        cache.set("counter", 1)
    with second:
        assert cache.get("seen") == "by the first process"
        assert cache.incr("counter") == 2
    with first:
        assert cache.get("counter") == 2


@pytest.mark.django_db
def test_a_sign_out_in_one_process_signs_out_in_every_process(
    shared_cache: None, client, cast: Cast
) -> None:
    first, second = server_processes()
    home = reverse("home")
    with first:
        client.force_login(cast.teacher_a)
        assert client.get(home).status_code == 200
    with second:
        assert client.get(home).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    with first:
        assert client.post(reverse("logout")).status_code == 302
    # Another tab still sends the old cookie: the session is gone from the cache both
    # processes read, not only from the first one's.
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    with second:
        assert client.get(home).status_code == 302


@pytest.mark.django_db
def test_the_staff_list_is_true_in_both_processes_over_redis(
    shared_cache: None, client, cast: Cast
) -> None:
    first, second = server_processes()
    staff = cast.teacher_a.staff_profile
    url = reverse("people:staff_list")
    client.force_login(cast.deputy_a)
    with second:
        assert staff.last_name in client.get(url).content.decode()
    with first:
        staff.last_name = "Жаңатегі"
        staff.save()
    with second:
        page = client.get(url).content.decode()
    assert "Жаңатегі" in page

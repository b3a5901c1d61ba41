"""Shared fixtures, and the rule that every URL pattern is requested by some test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.handlers.base import BaseHandler
from django.test import Client, override_settings
from django.urls import get_resolver

from adisker.core.testing import CSRF_PROBE_HEADER, Cast, build_cast, named_patterns

requested_views: set[str] = set()


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The manifest storage needs collectstatic; tests serve files straight from static/.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    original = BaseHandler.resolve_request

    def recording_resolve(handler: BaseHandler, request):  # type: ignore[no-untyped-def]
        match = original(handler, request)
        # The CSRF test knocks on every URL; that must not count as testing the page.
        if CSRF_PROBE_HEADER not in request.META:
            requested_views.add(match.view_name)
        return match

    BaseHandler.resolve_request = recording_resolve  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    # The whole suite, or all of it but the browser tests: either must request every URL.
    whole_suite = (
        not config.option.keyword
        and config.option.markexpr in ("", "not browser")
        and [str(a) for a in config.args] in ([], config.getini("testpaths"))
    )
    if not whole_suite or exitstatus != 0:
        return
    missing = sorted({p.view_name for p in named_patterns(get_resolver())} - requested_views)
    if missing:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("URL patterns that no test requested: " + ", ".join(missing), red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Every test starts with nothing cached from another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


# Redis for the tests that need a shared cache: REDIS_URL when it is set (`.ci/run` sets it and
# starts the server when it is down), else TEST_REDIS_URL or the local server on its usual port;
# those tests are skipped only when none is set nor answers. They empty that database.
LOCAL_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL") or LOCAL_REDIS
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL"):
            raise
        pytest.skip(f"no Redis answers at {url}")
    return url


@pytest.fixture
def shared_cache(redis_url: str):  # type: ignore[no-untyped-def]
    """The settings of production: Redis for the cache, sessions in it and in the database."""
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "adisker-tests",
        }
    }
    with override_settings(
        CACHES=caches,
        CACHE_URL=redis_url,
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        from django.core.cache import cache

        cache.clear()
        yield
        cache.clear()


class LoginClient(Client):
    """force_login through our model backend: the first backend, axes, only counts failures."""

    def force_login(self, user, backend: str | None = None) -> None:  # type: ignore[no-untyped-def]
        super().force_login(user, backend or "adisker.people.backends.StaffBackend")


@pytest.fixture
def client() -> LoginClient:
    return LoginClient()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """A local S3-compatible server (moto's server mode, a real HTTP endpoint that boto3 talks
    to as to any bucket) on a free port for this test session; its address."""
    pytest.importorskip("moto", reason="moto[server] is in the dev lock; install it for S3 tests")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)

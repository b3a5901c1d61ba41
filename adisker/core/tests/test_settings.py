"""Settings as production and a fresh checkout get them: each subprocess reads the environment
afresh, because settings are read once per process."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from adisker.settings import env_bool

# Variables that would change what the subprocess sees; each test sets its own.
PRODUCTION_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "HTTPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "BEHIND_PROXY",
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "CACHE_URL",
)


def clean_environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    # Never the checkout's own database file.
    environment["SQLITE_PATH"] = str(tmp_path / "settings-test.sqlite3")
    environment.update(overrides)
    return environment


def manage(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def test_the_deploy_check_passes_with_production_variables(tmp_path: Path) -> None:
    environment = clean_environment(
        tmp_path,
        DEBUG="0",
        SECRET_KEY=random_secret_key(),
        ALLOWED_HOSTS="adisker.example.kz",
        HTTPS="1",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    result = manage(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_a_secret_key_and_https(tmp_path: Path) -> None:
    environment = clean_environment(tmp_path, DEBUG="0", ALLOWED_HOSTS="adisker.example.kz")
    result = manage(environment, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for warning in (
        "security.W004",
        "security.W008",
        "security.W009",
        "security.W012",
        "adisker.W001",
    ):
        assert warning in output, output


def test_sqlite_runs_in_wal_mode_with_normal_sync_and_a_busy_timeout(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pragmas only matter when SQLite is the database")
    database = tmp_path / "x.sqlite3"
    environment = clean_environment(tmp_path, SQLITE_PATH=str(database))
    environment.pop("DATABASE_URL", None)
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('pragma journal_mode'); print(c.fetchone()[0]); "
        "c.execute('pragma synchronous'); print(c.fetchone()[0]); "
        "c.execute('pragma busy_timeout'); print(c.fetchone()[0])"
    )
    # --no-imports: Django 5.2's shell otherwise prints its automatic imports to stdout.
    result = manage(environment, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1", "20000"]  # synchronous 1 is NORMAL
    assert database.exists()


def test_sqlite_takes_the_write_lock_up_front_and_requests_are_not_atomic() -> None:
    default = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        assert default["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert not default.get("ATOMIC_REQUESTS", False)
    assert connection.settings_dict["ATOMIC_REQUESTS"] is False


def test_debug_is_off_unless_asked_for(tmp_path: Path) -> None:
    result = manage(
        clean_environment(tmp_path),
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:16])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django-insecure-"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("0", False),
        ("false", False),
        ("no", False),
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
    ],
)
def test_env_bool_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool
) -> None:
    if value is None:
        monkeypatch.delenv("ADISKER_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("ADISKER_TEST_FLAG", value)
    assert env_bool("ADISKER_TEST_FLAG") is expected

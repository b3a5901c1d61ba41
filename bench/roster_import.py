"""Import a 10,000-row staff roster with course and category columns; print the time and the
peak memory it takes.

    .venv/bin/python bench/roster_import.py [ROWS]                       # SQLite under /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/roster_bench \\
        .venv/bin/python bench/roster_import.py [ROWS]                   # PostgreSQL

On PostgreSQL the database named in DATABASE_URL is dropped and created again: give it a
database of its own. Three imports of the same size are timed: the first (everyone new, with
a course and a category's date each), the same file again (nothing changes) and a file in
which every row changed (names, and each course a day later). Each is read, its one question
("Тарих") answered, and applied. Target: under 10 s each on a 2-core machine.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path("/tmp/adisker-bench-roster.sqlite3")
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000

sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "adisker.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")


def fresh_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
        os.environ["SQLITE_PATH"] = str(DATABASE)
        return "SQLite"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"PostgreSQL ({name})"


DATABASE_KIND = fresh_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from adisker.core.testing import SchoolFactory, valid_iin  # noqa: E402
from adisker.lib.dates import today  # noqa: E402
from adisker.people.models import StaffProfile  # noqa: E402
from adisker.roster.columns import SUBJECT  # noqa: E402
from adisker.roster.reading import read_roster  # noqa: E402
from adisker.roster.services import apply_roster  # noqa: E402
from adisker.schools.models import Subject  # noqa: E402

HEADER = [
    "№",
    "Тегі",
    "Аты",
    "Әкесінің аты",
    "ЖСН",
    "Лауазымы",
    "Пәні",
    "Санаты",
    "Санат берілген күні",
    "Білімі",
    "Педагогикалық өтілі басталған күн",
    "Соңғы біліктілік курсы",
    "Курс өткен орны",
    "Сағат саны",
    "Телефон",
]
SURNAMES = ["Әбенова", "Сейітқали", "Иванова", "Ким", "Омаров", "Жұмабаева", "Петров"]
NAMES = ["Айгүл", "Нұржан", "Мария", "Ольга", "Ерлан", "Дана", "Арман"]
SUBJECTS = [
    "Математика",
    "Алгебра; Геометрия",
    "физика",
    "Қазақ тілі мен әдебиеті",
    "Русский язык и литература",
    "Тарих",
    "Бастауыш сынып",
    "Химия",
]
CATEGORIES = ["высшая", "первая", "педагог-модератор", " сарапшы ", "шебер", "без категории", ""]
POSITIONS = ["Мұғалім", "учитель математики", "Бастауыш сынып мұғалімі", "зам. по УВР", ""]
PROVIDERS = ["Өрлеу", "НЗМ ПШО", "ЦПМ", ""]


def course(randomly: random.Random, number: int, shift: int) -> object:
    """A course as lists give it: an Excel date, dd.mm.yyyy text, a year, or "2023, Өрлеу"."""
    day = datetime.date(2019, 1, 15) + datetime.timedelta(days=randomly.randrange(2_000) + shift)
    day = min(day, today() - datetime.timedelta(days=1))
    kind = number % 4
    if kind == 0:
        return day
    if kind == 1:
        return day.strftime("%d.%m.%Y")
    if kind == 2:
        return day.year
    return f"{day.year}, {randomly.choice(PROVIDERS[:3])}"


def roster(iins: list[str], *, changed: bool = False) -> io.BytesIO:
    randomly = random.Random(0)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Педагогтер тізімі"])
    sheet.append([])
    sheet.append(HEADER)
    for number, iin in enumerate(iins, start=1):
        started = datetime.date(1985, 9, 1) + datetime.timedelta(days=randomly.randrange(13_000))
        attested = datetime.date(2021, 1, 10) + datetime.timedelta(days=randomly.randrange(1_400))
        sheet.append(
            [
                number,
                f" {randomly.choice(SURNAMES)}{number} ",
                randomly.choice(NAMES) + ("а" if changed else ""),
                "Серікқызы",
                int(iin) if number % 2 else iin,  # half as numbers, as spreadsheets keep them
                randomly.choice(POSITIONS),
                randomly.choice(SUBJECTS),
                randomly.choice(CATEGORIES),
                attested if number % 3 else attested.year,
                "жоғары",
                started if number % 3 else started.strftime("%d.%m.%Y"),
                course(randomly, number, shift=1 if changed else 0),
                randomly.choice(PROVIDERS),
                randomly.choice((72, 80, None)),
                f"+7 701 {number:07d}",
            ]
        )
    sheet.append(["Барлығы:", ROWS])
    sheet.append([None, "Директор ______________"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def read_and_apply(buffer: io.BytesIO, school, answer: tuple[int, ...]):  # type: ignore[no-untyped-def]
    """Read the roster, answer its question as the deputy would, apply it: (read time, counts)."""
    start = time.perf_counter()
    buffer.seek(0)
    result = read_roster(buffer, school=school, name="roster.xlsx")
    read = time.perf_counter() - start
    assert not result.problems, result.problems[:5]
    result.resolve({(SUBJECT, q.key): answer for q in result.questions})
    return read, apply_roster(result=result, school=school)


def timed_import(label: str, buffer: io.BytesIO, school, answer: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    read, counts = read_and_apply(buffer, school, answer)
    total = time.perf_counter() - start
    print(
        f"{label:<24} read {read:5.2f} s   apply {total - read:5.2f} s   total {total:5.2f} s"
        f"   (added {counts.created}, updated {counts.updated}, unchanged {counts.unchanged};"
        f" courses {counts.courses}, categories' dates {counts.attestations})"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    school = SchoolFactory()
    answer = tuple(Subject.objects.filter(code="world-history").values_list("pk", flat=True))
    iins = [valid_iin() for _ in range(ROWS)]
    start = time.perf_counter()
    first = roster(iins)
    changed = roster(iins, changed=True)
    print(
        f"{DATABASE_KIND}: {ROWS} rows, {len(first.getvalue()) / 1024:.0f} KB XLSX "
        f"(generated in {time.perf_counter() - start:.1f} s); peak RSS so far "
        f"{peak_rss_mb():.0f} MB"
    )
    timed_import("first import (all new)", first, school, answer)
    timed_import("same file again", first, school, answer)
    timed_import("every row changed", changed, school, answer)
    assert StaffProfile.objects.filter(school=school).count() == ROWS
    print(f"peak RSS of the process: {peak_rss_mb():.0f} MB")

    # Python's own allocations during one import, measured apart: tracemalloc slows it down.
    tracemalloc.start()
    read_and_apply(first, school, answer)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of one import (tracemalloc): {peak / 1024 / 1024:.0f} MB")


if __name__ == "__main__":
    main()

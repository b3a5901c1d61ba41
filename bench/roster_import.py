"""Import a 10,000-row staff roster and print the time and the peak memory it takes.

    .venv/bin/python bench/roster_import.py [ROWS]

Uses a throwaway SQLite database under /tmp, migrated from scratch. Three imports of the same
size are timed: the first (everyone new), the same file again (nothing changes) and a file in
which every row changed (everyone updated). Target: under 20 s on a 2-core machine.
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

ROOT = Path(__file__).resolve().parent.parent
DATABASE = Path("/tmp/adisker-bench-roster.sqlite3")
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000

sys.path.insert(0, str(ROOT))
for suffix in ("", "-wal", "-shm"):
    Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
os.environ["SQLITE_PATH"] = str(DATABASE)
os.environ["DJANGO_SETTINGS_MODULE"] = "adisker.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from adisker.core.testing import SchoolFactory, valid_number  # noqa: E402
from adisker.people.models import StaffProfile  # noqa: E402
from adisker.people.roster import read_roster  # noqa: E402
from adisker.people.services import apply_roster  # noqa: E402

HEADER = [
    "№",
    "Тегі",
    "Аты",
    "Әкесінің аты",
    "ЖСН",
    "Лауазымы",
    "Пәні",
    "Санаты",
    "Білімі",
    "Педагогикалық өтілі басталған күн",
    "Телефон",
]
SURNAMES = ["Әбенова", "Сейітқали", "Иванова", "Ким", "Омаров", "Жұмабаева", "Петров"]
NAMES = ["Айгүл", "Нұржан", "Мария", "Ольга", "Ерлан", "Дана", "Арман"]
SUBJECTS = ["Математика", "Алгебра; Геометрия", "физика", "Қазақ тілі, Қазақ әдебиеті", "Химия"]
CATEGORIES = ["высшая", "первая", "педагог-модератор", "педагог-шебер", "без категории", ""]
POSITIONS = ["Мұғалім", "учитель", "Бастауыш сынып мұғалімі", ""]


def roster(iins: list[str], *, changed: bool = False) -> io.BytesIO:
    randomly = random.Random(1 if changed else 0)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Педагогтер тізімі"])
    sheet.append([])
    sheet.append(HEADER)
    for number, iin in enumerate(iins, start=1):
        started = datetime.date(1985, 9, 1) + datetime.timedelta(days=randomly.randrange(13_000))
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
                "жоғары",
                started if number % 3 else started.strftime("%d.%m.%Y"),
                f"+7 701 {number:07d}",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def timed_import(label: str, buffer: io.BytesIO, school) -> None:  # type: ignore[no-untyped-def]
    buffer.seek(0)
    start = time.perf_counter()
    result = read_roster(buffer, school=school)
    read = time.perf_counter() - start
    assert not result.problems, result.problems[:5]
    counts = apply_roster(result=result, school=school)
    total = time.perf_counter() - start
    print(
        f"{label:<28} read {read:6.2f} s   apply {total - read:6.2f} s   total {total:6.2f} s"
        f"   (added {counts.created}, updated {counts.updated}, unchanged {counts.unchanged})"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    school = SchoolFactory()
    iins = [valid_number(f"{80 + i % 20}") for i in range(ROWS)]
    start = time.perf_counter()
    first = roster(iins)
    changed = roster(iins, changed=True)
    print(
        f"{ROWS} rows, {len(first.getvalue()) / 1024:.0f} KB XLSX "
        f"(generated in {time.perf_counter() - start:.1f} s); peak RSS so far "
        f"{peak_rss_mb():.0f} MB"
    )
    timed_import("first import (all new)", first, school)
    timed_import("same file again", first, school)
    timed_import("every row changed", changed, school)
    assert StaffProfile.objects.filter(school=school).count() == ROWS
    print(f"peak RSS of the process: {peak_rss_mb():.0f} MB")

    # Python's own allocations during one import, measured apart: tracemalloc slows it down.
    first.seek(0)
    tracemalloc.start()
    apply_roster(result=read_roster(first, school=school), school=school)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python memory of one import (tracemalloc): {peak / 1024 / 1024:.0f} MB")


if __name__ == "__main__":
    main()

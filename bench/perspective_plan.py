"""How long the perspective plan takes for a large district (R4).

Builds a throwaway SQLite database under /tmp (removed afterwards) with one district of 40
schools and 20,000 staff with a few courses each, then times the district roll-up (the function
and the whole page), one school's plan and page, and the XLSX and DOCX of the largest school.
Prints seconds, query counts and peak memory. Target: the district roll-up under 2 s.

    .venv/bin/python bench/perspective_plan.py [--teachers 20000] [--schools 40]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="adisker-bench-", dir="/tmp")
os.environ["SQLITE_PATH"] = str(Path(WORKDIR) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adisker.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from adisker.lib.dates import today  # noqa: E402
from adisker.lib.identifiers import control_digit  # noqa: E402
from adisker.lib.text import fold_letters  # noqa: E402
from adisker.people.models import (  # noqa: E402
    Position,
    QualificationCategory,
    Role,
    RoleMembership,
    StaffProfile,
    User,
)
from adisker.records import exports  # noqa: E402
from adisker.records.models import PlannedCourse, QualificationCourse  # noqa: E402
from adisker.records.plan import coverage, school_plan  # noqa: E402
from adisker.schools.models import District, Region, School, Subject  # noqa: E402

SURNAMES = ["Әбенова", "Жұмабаев", "Серікбаева", "Оспанов", "Қасымова", "Нұрланов", "Иванова"]
GIVEN = ["Айгүл", "Ерлан", "Гүлнар", "Асқар", "Дана", "Марат", "Светлана"]
PATRONYMICS = ["Серікқызы", "Бекұлы", "Асанқызы", "Нұрланұлы", "", "Петровна"]


def numbers(prefix: str) -> Any:
    """Valid 12-digit IINs or BINs: `prefix`, a serial, and the right control digit."""
    serial = 0
    while True:
        serial += 1
        first_eleven = f"{prefix}{serial:0{11 - len(prefix)}d}"
        check = control_digit(first_eleven)
        if check is not None:
            yield f"{first_eleven}{check}"


def build(teachers: int, schools: int, seed: int = 7) -> District:
    rng = random.Random(seed)
    region = Region.objects.create(name_kk="Бенч облысы", name_ru="Бенч область")
    district = District.objects.create(region=region, name_kk="Бенч ауданы", name_ru="Бенч район")
    bins = numbers("0504")
    rows = []
    for index in range(schools):
        name_kk, name_ru = f"№{index + 1} мектеп", f"Школа №{index + 1}"
        rows.append(
            School(
                district=district,
                name_kk=name_kk,
                name_ru=name_ru,
                bin=next(bins),
                school_type=School.Type.GENERAL,
                locality=School.Locality.RURAL,
                language=School.Language.KAZAKH,
                search_text=fold_letters(name_kk, name_ru),
            )
        )
    created_schools = School.objects.bulk_create(rows)
    positions = list(Position.objects.all())
    categories = list(QualificationCategory.objects.all())
    subjects = list(Subject.objects.all())
    # Schools differ in size, as they do: a few large ones, many small.
    weights = [rng.uniform(0.3, 2.0) for _ in created_schools]
    iins = numbers("850315")
    staff = []
    for index in range(teachers):
        school = rng.choices(created_schools, weights)[0]
        person = StaffProfile(
            school=school,
            last_name=f"{rng.choice(SURNAMES)}{index}",
            first_name=rng.choice(GIVEN),
            patronymic=rng.choice(PATRONYMICS),
            iin=next(iins),
            position=rng.choice(positions),
            category=rng.choice(categories),
            education=StaffProfile.Education.HIGHER,
        )
        person.search_text = person.build_search_text()
        staff.append(person)
    staff = StaffProfile.objects.bulk_create(staff, batch_size=2000)

    links = [
        StaffProfile.subjects.through(staffprofile_id=person.pk, subject_id=subject.pk)
        for person in staff
        for subject in rng.sample(subjects, rng.randint(0, 2))
    ]
    StaffProfile.subjects.through.objects.bulk_create(links, batch_size=5000)

    now = timezone.now()
    courses = []
    planned = []
    first_year = today().year
    for person in staff:
        for _ in range(rng.choice([0, 1, 2, 3, 3, 4])):
            finished = datetime.date(2014, 1, 1) + datetime.timedelta(days=rng.randint(0, 4700))
            finished = min(finished, today())
            courses.append(
                QualificationCourse(
                    staff=person,
                    provider="«Өрлеу» БАҰО",
                    title="Жаңартылған білім беру мазмұны",
                    hours=rng.choice([36, 72, 80, 120]),
                    format=QualificationCourse.Format.BLENDED,
                    started_on=finished - datetime.timedelta(days=10),
                    finished_on=finished,
                    certificate_number=f"№ {rng.randint(1, 999999):06d}",
                    confirmed_at=now if rng.random() < 0.85 else None,
                )
            )
        if rng.random() < 0.15:
            planned.append(PlannedCourse(staff=person, year=first_year + rng.randint(0, 4)))
    QualificationCourse.objects.bulk_create(courses, batch_size=5000)
    PlannedCourse.objects.bulk_create(planned, batch_size=5000)
    return district


class QueryCounter:
    """Counts the queries run, across requests too (Django empties its query log when a
    request starts, so CaptureQueriesContext sees none of a test client's)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, action: Callable[[], Any], repeat: int = 3) -> Any:
    """Run `action` `repeat` times and print each time and the query count;
    then once more under tracemalloc (which slows Python down) for the peak memory."""
    times = []
    for _ in range(repeat):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            result = action()
            times.append(time.perf_counter() - started)
    tracemalloc.start()
    action()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<40} {' / '.join(f'{t:.3f}' for t in times)} s  "
        f"{counter.count:2d} queries  peak {peak / 2**20:5.1f} MiB allocated"
    )
    return result


def user_with(role: str, **where: Any) -> User:
    user = User.objects.create(username=f"bench-{role}")
    RoleMembership.objects.create(user=user, role=role, **where)
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=20_000)
    parser.add_argument("--schools", type=int, default=40)
    args = parser.parse_args()

    print(f"Database: {os.environ['SQLITE_PATH']}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    district = build(args.teachers, args.schools)
    print(
        f"Built {StaffProfile.objects.count()} staff in {School.objects.count()} schools, "
        f"{QualificationCourse.objects.count()} courses, {PlannedCourse.objects.count()} planned "
        f"in {time.perf_counter() - started:.1f} s"
    )
    schools = School.objects.filter(district=district)
    largest = max(schools, key=lambda s: s.staff.count())
    print(f"Largest school: {largest.name_kk}, {largest.staff.count()} staff\n")

    rows = measure("District roll-up (coverage)", lambda: coverage(schools))
    assert sum(r.teachers for r in rows) == args.teachers
    plan = measure("School plan (largest school)", lambda: school_plan(largest))
    with translation.override("kk"):
        xlsx = measure("XLSX of the largest school's plan", lambda: exports.plan_xlsx(plan))
        docx = measure("DOCX of the largest school's plan", lambda: exports.plan_docx(plan))
    print(f"{'':<40} XLSX {len(xlsx) / 1024:.0f} KiB, DOCX {len(docx) / 1024:.0f} KiB")

    setup_test_environment()
    # Pages are rendered without collectstatic, as in the tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    client.force_login(
        user_with(Role.DISTRICT_METHODOLOGIST, district=district),
        "adisker.people.backends.StaffBackend",
    )
    # The deputy's page is the heavier one: every cell is a button.
    deputy = Client()
    deputy.force_login(
        user_with(Role.DEPUTY_DIRECTOR, school=largest),
        "adisker.people.backends.StaffBackend",
    )
    district_url = f"{reverse('records:district_plan')}?district={district.pk}"
    plan_url = f"{reverse('records:plan')}?school={largest.pk}"
    xlsx_url = reverse("records:plan_xlsx", args=[largest.pk])
    for label, url in [
        ("District roll-up page (HTTP)", district_url),
        ("School plan page as its deputy (HTTP)", plan_url),
        ("XLSX download, largest school (HTTP)", xlsx_url),
    ]:
        browser = deputy if url == plan_url else client
        response = measure(label, lambda url=url, browser=browser: browser.get(url))
        assert response.status_code == 200, response.status_code

    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak resident memory of the whole run: {peak_rss:.0f} MiB")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)

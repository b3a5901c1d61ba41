"""A synthetic national-size data set for measuring Adisker.

About 7,500 schools and 413,000 teachers by default (the December 2025 figures), with records
over ten years, this year's councils, plans, meetings, events and PLCs. Deterministic from the
seed. It fills an empty, migrated database; use a throwaway one, never production:

    DATABASE_URL=postgres://.../adisker_scale .venv/bin/python bench/generate_scale.py \
        [--schools 7500] [--teachers-per-school 55] [--seed 1]

Every login's password is $SCALE_PASSWORD, by default adisker-scale.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "adisker.settings")
    import django

    django.setup()

from django.contrib.auth.hashers import make_password
from django.db import transaction

from adisker.lib.caching import all_tables, tables_written
from adisker.lib.dates import today
from adisker.schools.models import School
from bench import scale

DEFAULT_PASSWORD = "adisker-scale"


class Refused(Exception):
    pass


def generate(*, schools: int, teachers_per_school: int, seed: int, out: TextIO) -> None:
    if schools < 1 or teachers_per_school < 5:
        raise Refused("Give at least one school and five staff per school.")
    if School.objects.exists():
        raise Refused(
            "This database already has schools. generate_scale fills an empty, migrated "
            "database only: point SQLITE_PATH or DATABASE_URL at a new one."
        )
    started = time.monotonic()
    password = os.environ.get("SCALE_PASSWORD") or DEFAULT_PASSWORD
    data = scale.ScaleData(
        writer=scale.BulkWriter(out),
        seed=seed,
        on=today(),
        schools_wanted=schools,
        staff_per_school=teachers_per_school,
        password_hash=make_password(password),
    )
    out.write(f"Generating {schools:,} schools, about {schools * teachers_per_school:,} staff:\n")
    with transaction.atomic():
        scale.run(data, out)
    # Written by COPY and executemany past Django's cursor: what the cache kept is renewed.
    tables_written(all_tables())
    total = sum(data.writer.written.values())
    elapsed = time.monotonic() - started
    out.write(
        f"{total:,} rows in {elapsed:.0f} s: {len(data.schools):,} schools, "
        f"{data.staff.count:,} staff.\n"
    )
    out.write(f"Logins (password {password}):\n")
    for role, login in data.logins.items():
        out.write(f"  {login:<28} {role}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=7_500)
    parser.add_argument(
        "--teachers-per-school", type=int, default=55, help="the average; sizes vary by type"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        generate(
            schools=args.schools,
            teachers_per_school=args.teachers_per_school,
            seed=args.seed,
            out=sys.stdout,
        )
    except Refused as refusal:
        sys.exit(str(refusal))


if __name__ == "__main__":
    main()

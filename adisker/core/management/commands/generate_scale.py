"""manage.py generate_scale: a synthetic national-size data set for measuring Adisker.

About 7,500 schools and 413,000 teachers by default (the December 2025 figures), with records
over ten years, this year's councils, plans, meetings, events and PLCs. Deterministic from the
seed. It fills an empty, migrated database; use a throwaway one, never production.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from adisker.core import scale
from adisker.lib.caching import all_tables, tables_written
from adisker.lib.dates import today
from adisker.schools.models import School

DEFAULT_PASSWORD = "adisker-scale"


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic national-size data set (by default 7,500 "
        "schools, about 413,000 staff). Every login's password is $SCALE_PASSWORD, by default "
        f"{DEFAULT_PASSWORD}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=7_500)
        parser.add_argument(
            "--teachers-per-school", type=int, default=55, help="the average; sizes vary by type"
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schools"] < 1 or options["teachers_per_school"] < 5:
            raise CommandError("Give at least one school and five staff per school.")
        if School.objects.exists():
            raise CommandError(
                "This database already has schools. generate_scale fills an empty, migrated "
                "database only: point SQLITE_PATH or DATABASE_URL at a new one."
            )
        started = time.monotonic()
        password = os.environ.get("SCALE_PASSWORD") or DEFAULT_PASSWORD
        data = scale.ScaleData(
            writer=scale.BulkWriter(self.stdout),
            seed=options["seed"],
            on=today(),
            schools_wanted=options["schools"],
            staff_per_school=options["teachers_per_school"],
            password_hash=make_password(password),
        )
        self.stdout.write(
            f"Generating {options['schools']:,} schools, about "
            f"{options['schools'] * options['teachers_per_school']:,} staff:"
        )
        with transaction.atomic():
            scale.run(data, self.stdout)
        # Written by COPY and executemany past Django's cursor: what the cache kept is renewed.
        tables_written(all_tables())
        total = sum(data.writer.written.values())
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{total:,} rows in {elapsed:.0f} s: {len(data.schools):,} schools, "
                f"{data.staff.count:,} staff."
            )
        )
        self.stdout.write(f"Logins (password {password}):")
        for role, login in data.logins.items():
            self.stdout.write(f"  {login:<28} {role}")

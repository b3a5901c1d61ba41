"""manage.py load_demo: the demo district of five schools, their staff, a login for each role
(people.demo), then each module's own demo data (core.demo). Safe to run again: every object
is found by its natural key and a fixed seed gives the same people on every run."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from adisker.core.demo import DemoData, load_app_demos
from adisker.people.demo import DEFAULT_PASSWORD, SEED, load_people
from adisker.people.models import StaffProfile, User
from adisker.schools.models import School


class Command(BaseCommand):
    help = (
        "Load the demo district: five schools, their staff and a login for each role. "
        "Safe to run again. The password of every demo login is $DEMO_PASSWORD, "
        f"by default {DEFAULT_PASSWORD}."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            rows = self.load(password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {School.objects.count()} schools, "
                f"{StaffProfile.objects.count()} staff."
            )
        )
        self.stdout.write("Demo logins:")
        table = [("login", "password", "role", "where")]
        table += [(login, password, roles, where) for login, roles, where in rows]
        widths = [max(len(row[column]) for row in table) for column in range(len(table[0]))]
        for row in table:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())

    def load(self, password: str) -> list[tuple[str, str, str]]:
        people = load_people(password)
        load_app_demos(
            DemoData(
                district=people.district,
                schools=people.schools,
                staff=people.staff,
                association=people.association,
                users=User.objects.in_bulk(
                    [row[0] for row in people.logins], field_name="username"
                ),
                seed=SEED,
            )
        )
        return people.logins

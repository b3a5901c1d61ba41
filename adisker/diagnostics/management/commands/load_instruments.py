"""manage.py load_instruments: install the instruments of data/instruments/ not yet installed."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from adisker.diagnostics.instrument_files import install_one, read_specs
from adisker.diagnostics.models import Instrument


class Command(BaseCommand):
    help = "Install version 1 of each instrument in the data files that is not installed yet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="say what would be installed")

    def handle(self, *args: Any, **options: Any) -> None:
        installed = set(Instrument.objects.values_list("code", flat=True))
        for spec in read_specs():
            if spec["code"] in installed:
                self.stdout.write(f"{spec['code']}: installed already, left as it is")
            elif options["dry_run"]:
                self.stdout.write(f"{spec['code']}: would be installed")
            else:
                with transaction.atomic():
                    install_one(lambda name: apps.get_model("diagnostics", name), spec)
                self.stdout.write(self.style.SUCCESS(f"{spec['code']}: installed"))

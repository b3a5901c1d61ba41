"""manage.py load_instruments: the instruments of the data files that are not installed yet."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from adisker.diagnostics.instrument_files import read_specs
from adisker.diagnostics.models import Instrument, Item

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_instruments", *args, stdout=out)
    return out.getvalue()


def test_it_leaves_the_installed_instruments_as_they_are() -> None:
    items = Item.objects.count()
    assert load().count("installed already") == len(read_specs())
    assert Item.objects.count() == items


def test_it_installs_an_instrument_that_is_missing() -> None:
    climate = Instrument.objects.get(code="climate")
    items = Item.objects.filter(section__version__instrument=climate).count()
    climate.delete()
    assert "climate: would be installed" in load("--dry-run")
    assert not Instrument.objects.filter(code="climate").exists()

    assert "climate: installed" in load()

    again = Instrument.objects.get(code="climate")
    assert again.versions.get().number == 1
    assert Item.objects.filter(section__version__instrument=again).count() == items
    assert again.name_ru and again.name_en

"""Staff and schools found by names typed without Kazakh letters, or in Latin letters."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory
from adisker.lib.text import cyrillic_from_latin, fold
from adisker.people.models import StaffProfile
from adisker.schools.models import School


def found(client, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("people:staff_list"), {"q": query})
    assert response.status_code == 200
    return [staff.full_name for staff in response.context["page"]]


@pytest.fixture
def kusainova(cast: Cast) -> StaffProfile:
    StaffProfileFactory(school=cast.school_a, last_name="Омаров", first_name="Ерлан", patronymic="")
    return StaffProfileFactory(
        school=cast.school_a, last_name="Құсайынова", first_name="Гүлнұр", patronymic="Нұрлановна"
    )


@pytest.mark.parametrize("query", ["Кусайынова", "кусайын", "Нурлановна", "ГУЛНУР", "Құсайынова"])
def test_it_finds_kazakh_names_typed_without_kazakh_letters(
    client, cast: Cast, kusainova: StaffProfile, query: str
) -> None:
    client.force_login(cast.deputy_a)
    assert found(client, query) == ["Құсайынова Гүлнұр Нұрлановна"]


@pytest.mark.parametrize("query", ["Omarov", "omarov erlan", "ERLAN"])
def test_it_finds_names_typed_in_latin_letters(
    client, cast: Cast, kusainova: StaffProfile, query: str
) -> None:
    client.force_login(cast.deputy_a)
    assert found(client, query) == ["Омаров Ерлан"]


def test_it_does_not_guess_latin_letters_with_two_readings(
    client, cast: Cast, kusainova: StaffProfile
) -> None:
    # q and y stand for different letters in the Latin alphabets Kazakh has had.
    assert cyrillic_from_latin("qusaiynova") is None
    assert cyrillic_from_latin("kusainova") == "кусаинова"
    assert cyrillic_from_latin("құсайынова") is None
    client.force_login(cast.deputy_a)
    assert found(client, "Qusaiynova") == []


def test_the_migration_refolds_names_stored_before(cast: Cast, kusainova: StaffProfile) -> None:
    # As saved under the old fold, which kept the Kazakh letters.
    StaffProfile.objects.filter(pk=kusainova.pk).update(
        search_text=fold(kusainova.last_name, kusainova.first_name, kusainova.patronymic)
    )
    school = SchoolFactory(name_kk="Құрманғазы атындағы мектеп")
    School.objects.filter(pk=school.pk).update(search_text=fold(school.name_kk))
    assert not StaffProfile.objects.search("Кусайынова").exists()
    assert not School.objects.search("Курмангазы").exists()

    people = importlib.import_module("adisker.people.migrations.0005_fold_search_text")
    schools = importlib.import_module("adisker.schools.migrations.0006_fold_search_text")
    people.refold_staff(apps, None)
    schools.refold_schools(apps, None)

    assert list(StaffProfile.objects.search("Кусайынова")) == [kusainova]
    assert StaffProfile.objects.get(pk=kusainova.pk).search_text == kusainova.build_search_text()
    assert list(School.objects.search("Курмангазы")) == [school]
    assert list(School.objects.search("Kurmangazy")) == []  # y has two readings


def test_the_schools_list_finds_names_without_kazakh_letters(client, cast: Cast) -> None:
    school = SchoolFactory(district=cast.district_a, name_kk="Әбай атындағы №7 мектеп")
    client.force_login(cast.methodologist_a)
    response = client.get(reverse("schools:list"), {"q": "Абай"})
    assert response.status_code == 200
    assert school.name_kk in response.content.decode()
    response = client.get(reverse("schools:list"), {"q": "Abai"})
    assert school.name_kk in response.content.decode()

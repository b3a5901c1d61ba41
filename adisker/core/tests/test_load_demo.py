"""manage.py load_demo: the demo district, valid identifiers, working logins, safe to run again."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from adisker.lib.dates import today
from adisker.lib.identifiers import has_valid_checksum
from adisker.people.demo import LOGINS
from adisker.people.models import StaffProfile, User
from adisker.records.cycle import CycleStatus
from adisker.records.models import QualificationCourse, course_cycle, with_cycle_dates
from adisker.schools.models import InterSchoolAssociation, School

PASSWORD = "demo password for the test"


def load_demo() -> str:
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


def counts() -> dict[str, int]:
    """Rows of every table of every Adisker app, history included: a second run adds none."""
    return {
        model._meta.label: model._default_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("adisker.")
        for model in config.get_models()
    }


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """Loaded once for the module, in a transaction rolled back after it: a load takes seconds."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        patch.setenv("DEMO_PASSWORD", PASSWORD)
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded: str, db: None) -> str:
    """Each test's own changes are rolled back to the loaded demo."""
    return loaded


def test_running_it_again_changes_and_duplicates_nothing(demo: str) -> None:
    before = counts()
    iins = set(StaffProfile.objects.values_list("iin", flat=True))
    again = load_demo()
    assert counts() == before
    assert set(StaffProfile.objects.values_list("iin", flat=True)) == iins
    assert again == demo


def test_it_prints_every_login_with_the_password(demo: str) -> None:
    assert f"{School.objects.count()} schools, {StaffProfile.objects.count()} staff" in demo
    for login in LOGINS:
        line = next(line for line in demo.splitlines() if line.split()[:1] == [login.username])
        assert PASSWORD in line


def test_it_builds_the_district_of_five_schools(demo: str) -> None:
    staff = {school.school_type: [] for school in School.objects.all()}
    for school in School.objects.all():
        staff[school.school_type].append(school.staff.count())
    assert len(staff[School.Type.GYMNASIUM]) == 1
    assert 55 <= staff[School.Type.GYMNASIUM][0] <= 65
    assert len(staff[School.Type.SMALL_CLASS]) == 3
    assert all(10 <= count <= 12 for count in staff[School.Type.SMALL_CLASS])
    association = InterSchoolAssociation.objects.get()
    assert association.base_school.school_type == School.Type.GENERAL
    assert set(association.member_schools.values_list("school_type", flat=True)) == {
        School.Type.SMALL_CLASS
    }
    assert association.member_schools.count() == 3


def test_every_school_has_one_director_and_one_methodological_deputy(demo: str) -> None:
    for school in School.objects.all():
        positions = list(school.staff.values_list("position__code", flat=True))
        assert positions.count("director") == 1
        assert positions.count("deputy-methodological") == 1


def test_every_iin_and_bin_has_a_valid_control_digit(demo: str) -> None:
    for iin, last_name in StaffProfile.objects.values_list("iin", "last_name"):
        assert has_valid_checksum(iin), iin
        # The seventh digit is even for women, odd for men; Kazakh and Russian surnames agree.
        assert (int(iin[6]) % 2 == 0) == last_name.endswith("а"), (iin, last_name)
    for number in School.objects.values_list("bin", flat=True):
        assert has_valid_checksum(number), number


def test_each_school_login_works_in_its_school_with_its_own_profile(demo: str) -> None:
    for user in User.objects.exclude(username__in=["admin", "methodologist"]):
        schools = set(user.memberships.values_list("school", flat=True))
        assert schools == {user.staff_profile.school_id}, user.username
    deputy = User.objects.get(username="deputy")
    assert deputy.staff_profile.position.code == "deputy-methodological"
    assert User.objects.get(username="admin").is_superuser


def test_the_demo_deputy_logs_in_with_the_printed_password(client, demo: str) -> None:
    response = client.post(reverse("login"), {"username": "deputy", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_the_gymnasium_shows_every_status_of_the_five_year_rule(demo: str) -> None:
    gymnasium = School.objects.get(school_type=School.Type.GYMNASIUM)
    on = today()
    dates = with_cycle_dates(gymnasium.staff.all()).values_list("last_course_on", flat=True)
    statuses = {course_cycle(last, on).status for last in dates}
    assert statuses == set(CycleStatus)
    waiting = QualificationCourse.objects.filter(staff__school=gymnasium, confirmed_at=None)
    assert waiting.exists()


def test_every_modules_demo_data_is_loaded() -> None:
    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    from adisker.core.demo import DEMO_MODULES

    with_demo = {
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("adisker.") and module_has_submodule(config.module, "demo")
    }
    # The people's demo is the ground the others build on (people.demo.load_people).
    assert with_demo - {"core", "people"} == set(DEMO_MODULES)

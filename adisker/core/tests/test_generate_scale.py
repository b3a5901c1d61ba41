"""manage.py generate_scale: a valid, deterministic synthetic data set whose logins work."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from adisker.core.dates import today
from adisker.core.identifiers import has_valid_checksum
from adisker.council.models import Association, Meeting
from adisker.events.models import Event
from adisker.people.models import Role, RoleMembership, StaffProfile, User
from adisker.plc.models import Community
from adisker.records.models import QualificationCourse
from adisker.schools.models import InterSchoolAssociation, School

PASSWORD = "scale password for the test"
SCHOOLS, PER_SCHOOL = 40, 20


def generate(*, seed: int = 3, schools: int = SCHOOLS) -> str:
    output = io.StringIO()
    call_command(
        "generate_scale",
        f"--schools={schools}",
        f"--teachers-per-school={PER_SCHOOL}",
        f"--seed={seed}",
        stdout=output,
    )
    return output.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), transaction.atomic():
        patch.setenv("SCALE_PASSWORD", PASSWORD)
        yield generate()
        transaction.set_rollback(True)


@pytest.fixture
def scale(generated: str, db: None) -> str:
    return generated


def test_it_builds_schools_of_every_type_around_the_average_size(scale: str) -> None:
    schools = School.objects.annotate(staff_count=Count("staff"))
    assert len(schools) == SCHOOLS
    assert {s.school_type for s in schools} == set(School.Type.values)
    average = sum(s.staff_count for s in schools) / SCHOOLS
    assert PER_SCHOOL * 0.9 <= average <= PER_SCHOOL * 1.1
    small = [s.staff_count for s in schools if s.school_type == School.Type.SMALL_CLASS]
    large = [s.staff_count for s in schools if s.school_type == School.Type.GYMNASIUM]
    assert max(small) < min(large)
    assert InterSchoolAssociation.objects.exists()
    assert f"{SCHOOLS} schools, {StaffProfile.objects.count():,} staff" in scale


def test_every_identifier_is_valid_and_unique(scale: str) -> None:
    iins = list(StaffProfile.objects.values_list("iin", flat=True))
    bins = list(School.objects.values_list("bin", flat=True))
    assert all(has_valid_checksum(number) for number in iins + bins)
    assert len(set(iins)) == len(iins)


def test_each_school_has_one_director_and_one_deputy_and_every_staff_member_a_login(
    scale: str,
) -> None:
    for role in (Role.DIRECTOR, Role.DEPUTY_DIRECTOR):
        per_school = (
            RoleMembership.objects.filter(role=role).values("school").annotate(n=Count("id"))
        )
        assert sorted(row["school"] for row in per_school) == sorted(
            School.objects.values_list("pk", flat=True)
        )
        assert {row["n"] for row in per_school} == {1}
    assert not StaffProfile.objects.filter(user__isnull=True).exists()
    assert RoleMembership.objects.filter(role=Role.ASSOCIATION_HEAD).exists()
    assert RoleMembership.objects.filter(role=Role.PLC_FACILITATOR).exists()


def test_it_writes_records_and_methodological_work_of_this_year(scale: str) -> None:
    on = today()
    assert QualificationCourse.objects.filter(finished_on__gt=on).count() == 0
    oldest = QualificationCourse.objects.order_by("finished_on").first()
    assert oldest is not None and oldest.finished_on.year <= on.year - 8
    councils = Association.objects.filter(kind=Association.Kind.COUNCIL)
    assert councils.count() == SCHOOLS
    assert Meeting.objects.filter(held_on__gt=on).count() == 0
    assert Community.objects.filter(inter_school__isnull=False).exists()
    assert Event.objects.filter(starts_at__date__gt=on).exists()


def test_the_printed_logins_work(scale: str, client: Any) -> None:
    logins = [line.split()[0] for line in scale.splitlines() if line.startswith("  ")]
    usernames = [name for name in logins if User.objects.filter(username=name).exists()]
    assert len(usernames) == 5
    for username in usernames:
        response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get(reverse("home")).status_code == 200
        client.logout()


def test_new_rows_get_fresh_ids_after_it(scale: str) -> None:
    """The writer gives ids itself; the sequences must have been moved past them."""
    staff = StaffProfile.objects.order_by("pk").first()
    assert staff is not None
    course = QualificationCourse.objects.create(
        staff=staff,
        provider="Өрлеу",
        title="Жаңа курс",
        hours=72,
        format=QualificationCourse.Format.ONLINE,
        started_on=today(),
        finished_on=today(),
    )
    assert course.pk > QualificationCourse.objects.exclude(pk=course.pk).order_by("-pk")[0].pk


def test_it_refuses_a_database_that_has_schools(scale: str) -> None:
    before = StaffProfile.objects.count()
    with pytest.raises(CommandError, match="empty"):
        generate()
    assert StaffProfile.objects.count() == before

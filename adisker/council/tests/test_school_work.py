"""The school's page of methodological work: what each reader may do on it, and a colleague's
write on the next visit."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.council.services import add_mentoring_pair
from adisker.council.tests.factories import council_of, structure_of, this_year
from adisker.schools.models import InterSchoolAssociation, School

pytestmark = pytest.mark.django_db


def page(client: Client, school: School) -> tuple[str, int]:
    """The page, and its queries."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("council:school", args=[school.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_page_runs_constant_queries(client, cast: Cast) -> None:
    council_of(cast.school_a, head=cast.deputy_a.staff_profile, formation_decision="Хаттама №1")
    client.force_login(cast.teacher_a)
    first, few = page(client, cast.school_a)
    assert "Хаттама №1" in first
    for n in range(3):
        head = StaffProfileFactory(school=cast.school_a)
        structure_of(cast.school_a, head=head, name=f"ӘБ {n}").members.add(head)
        joint = InterSchoolAssociation.objects.create(
            district=cast.district_a, base_school=cast.school_a2, name_kk=f"Бірлестік {n}"
        )
        joint.member_schools.add(cast.school_a)
        structure_of(inter_school=joint, head=head, name=f"Бірлескен ӘБ {n}")
    assert page(client, cast.school_a)[1] == few


def test_another_staff_members_write_shows_on_the_next_visit(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    before, _queries = page(client, cast.school_a)
    assert "Шығармашылық топ" not in before
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("council:structure_create", args=[cast.school_a.pk]),
        {"kind": "commission", "name": "Шығармашылық топ"},
    )
    assert response.status_code == 302

    client.force_login(cast.teacher_a)
    after, _queries = page(client, cast.school_a)

    assert "Шығармашылық топ" in after


def test_only_an_editor_is_offered_the_removal(client, cast: Cast) -> None:
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=cast.teacher_a.staff_profile,
    )
    remove = reverse("council:pair_delete", args=[pair.pk])
    client.force_login(cast.deputy_a)
    assert remove in page(client, cast.school_a)[0]
    client.force_login(cast.teacher_a)
    assert remove not in page(client, cast.school_a)[0]


def test_a_reader_posts_with_the_token_of_the_page(cast: Cast) -> None:
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=cast.teacher_a.staff_profile,
    )
    builder = Client(enforce_csrf_checks=True)
    builder.force_login(cast.admin)
    page(builder, cast.school_a)
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(cast.deputy_a)
    html, _queries = page(reader, cast.school_a)
    action = reverse("council:pair_delete", args=[pair.pk])
    form = re.search(rf'action="{action}">.*?value="([^"]+)"', html)
    assert form is not None

    response = reader.post(action, {"csrfmiddlewaretoken": form.group(1)})

    assert response.status_code == 302
    assert not type(pair).objects.exists()

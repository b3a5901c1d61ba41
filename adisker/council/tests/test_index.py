"""The council's index: a page of schools and a page of inter-school associations, searchable."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, SchoolFactory
from adisker.schools.models import InterSchoolAssociation, School

pytestmark = pytest.mark.django_db

URL = reverse("council:index")


def joint_around(base: School, name: str = "Тірек МӘБ") -> InterSchoolAssociation:
    return InterSchoolAssociation.objects.create(
        district=base.district, base_school=base, name_kk=name, name_ru=name
    )


def test_it_pages_the_schools_of_a_methodologists_district(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 2
    SchoolFactory.create_batch(3, district=cast.district_a)
    client.force_login(cast.methodologist_a)
    first = client.get(URL)
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 5
    assert len(first.context["page"]) == 2
    last = client.get(URL, {"page": 3})
    assert len(last.context["page"]) == 1
    shown = set(first.context["page"]) | set(client.get(URL, {"page": 2}).context["page"])
    shown |= set(last.context["page"])
    assert shown == set(School.objects.filter(district=cast.district_a))
    assert cast.school_b not in shown


def test_it_finds_a_school_by_its_name(client, cast: Cast) -> None:
    wanted = SchoolFactory(district=cast.district_a, name_kk="Абай атындағы лицей")
    client.force_login(cast.methodologist_a)
    response = client.get(URL, {"q": "ЛИЦЕЙ"})
    assert list(response.context["page"]) == [wanted]
    assert "Абай атындағы лицей" in response.content.decode()


def test_the_search_answers_htmx_with_the_results_alone(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    response = client.get(URL, {"q": cast.school_a.name_kk}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert list(response.context["page"]) == [cast.school_a]


def test_it_pages_and_searches_inter_school_associations(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 1
    by_a = joint_around(cast.school_a, "МӘБ 1")
    by_a2 = joint_around(cast.school_a2, "МӘБ 2")
    joint_around(cast.school_b, "МӘБ бөтен")
    client.force_login(cast.methodologist_a)
    response = client.get(URL)
    assert response.context["joint_page"].paginator.count == 2
    assert list(response.context["joint_page"]) == [by_a]
    assert "joint_page=2" in response.content.decode()
    assert list(client.get(URL, {"joint_page": 2}).context["joint_page"]) == [by_a2]
    found = client.get(URL, {"q": cast.school_a2.name_kk})
    assert list(found.context["joint_page"]) == [by_a2]


def test_an_administrator_gets_one_bounded_page(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 2
    client.force_login(cast.admin)
    response = client.get(URL)
    assert response.context["page"].paginator.count == School.objects.count()
    assert len(response.context["page"]) == 2


def test_members_of_one_school_still_go_to_it(client, cast: Cast) -> None:
    for name in ("teacher_a", "deputy_a", "director_a"):
        client.force_login(cast.user(name))
        response = client.get(URL, {"q": "x", "page": 2})
        assert response.status_code == 302
        assert response.url == reverse("council:school", args=[cast.school_a.pk])


def test_the_index_runs_constant_queries(
    client, cast: Cast, settings, django_assert_num_queries
) -> None:
    settings.PAGE_SIZE = 5
    joint_around(cast.school_a)
    client.force_login(cast.methodologist_a)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(8):
        joint_around(SchoolFactory(district=cast.district_a), f"МӘБ {number}")
    with django_assert_num_queries(len(few)):
        response = client.get(URL)
    assert len(response.context["page"]) == 5
    assert len(response.context["joint_page"]) == 5

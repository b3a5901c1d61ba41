from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, DistrictFactory, SchoolFactory, StaffProfileFactory
from adisker.people.models import QualificationCategory
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_it_lists_schools_in_constant_queries(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 100
    client.force_login(cast.admin)
    url = reverse("schools:list")
    few = queries_for(client, url)
    for _ in range(20):
        school = SchoolFactory(district=cast.district_a)
        StaffProfileFactory(school=school)
    assert queries_for(client, url) == few


def test_it_filters_schools_by_type_and_searches_names(client, cast: Cast) -> None:
    SchoolFactory(
        district=cast.district_a, name_kk="Қарауыл шағын жинақты мектебі", school_type="small_class"
    )
    client.force_login(cast.methodologist_a)
    url = reverse("schools:list")
    response = client.get(url, {"school_type": "small_class"})
    assert [s.name_kk for s in response.context["page"]] == ["Қарауыл шағын жинақты мектебі"]
    response = client.get(url, {"q": "ҚАРАУЫЛ"})
    assert response.context["page"].paginator.count == 1


def district_ids_offered(response) -> set[int]:  # type: ignore[no-untyped-def]
    return {pk for pk, _name in response.context["filter"].form.fields["district"].choices if pk}


def test_the_district_filter_offers_only_the_users_own_districts(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    url = reverse("schools:list")
    response = client.get(url)
    assert district_ids_offered(response) == {cast.district_a.pk}
    assert cast.district_b.name_kk not in response.content.decode()
    # Another district's id is refused, and shows none of its schools.
    response = client.get(url, {"district": cast.district_b.pk})
    assert response.context["filter"].errors["district"]
    assert cast.school_b not in list(response.context["page"])
    client.force_login(cast.director_a)
    assert district_ids_offered(client.get(url)) == {cast.district_a.pk}


def test_a_new_district_is_offered_to_the_administrator_at_once(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    url = reverse("schools:list")
    response = client.get(url)
    assert district_ids_offered(response) == {cast.district_a.pk, cast.district_b.pk}
    new = DistrictFactory(region=cast.district_a.region, name_kk="Жаңа аудан")

    response = client.get(url, {"district": new.pk})

    assert not response.context["filter"].errors
    assert new.pk in district_ids_offered(response)


def test_school_detail_shows_the_inter_school_association(client, cast: Cast) -> None:
    small = SchoolFactory(district=cast.district_a, school_type=School.Type.SMALL_CLASS)
    association = InterSchoolAssociation.objects.create(
        district=cast.district_a,
        base_school=cast.school_a,
        name_kk="Тірек мектеп бірлестігі",
        name_ru="Объединение опорной школы",
    )
    association.member_schools.set([small])
    client.force_login(cast.methodologist_a)
    base = client.get(reverse("schools:detail", args=[cast.school_a.pk]))
    assert "Тірек мектеп бірлестігі" in base.content.decode()
    member = client.get(reverse("schools:detail", args=[small.pk]))
    assert list(member.context["associations"]) == [association]


def test_teacher_sees_own_school_without_the_staff_breakdown(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("schools:detail", args=[cast.school_a.pk]))
    assert response.status_code == 200
    assert not response.context["can_see_staff"]
    assert f"{reverse('people:staff_list')}?school=" not in response.content.decode()


def test_academic_year_runs_from_september_to_august(db: None) -> None:
    august = AcademicYear.objects.for_date(datetime.date(2026, 8, 31))
    september = AcademicYear.objects.for_date(datetime.date(2026, 9, 1))
    assert str(august) == "2025-2026"
    assert str(september) == "2026-2027"
    assert september.starts_on == datetime.date(2026, 9, 1)
    assert september.ends_on == datetime.date(2027, 8, 31)
    assert september.contains(datetime.date(2027, 2, 28))
    assert AcademicYear.objects.for_date(datetime.date(2027, 5, 25)) == september
    assert AcademicYear.objects.count() == 2


def test_school_detail_counts_the_schools_staff_by_category(client, cast: Cast) -> None:
    master = QualificationCategory.objects.get(code="master")
    for _ in range(3):
        StaffProfileFactory(school=cast.school_a, category=master)
    StaffProfileFactory(school=cast.school_a2, category=master)  # another school's
    client.force_login(cast.deputy_a)
    response = client.get(reverse("schools:detail", args=[cast.school_a.pk]))
    counts = {category.code: category.staff_count for category in response.context["categories"]}
    assert counts["master"] == 3
    assert sum(counts.values()) == response.context["staff_total"]


@pytest.mark.parametrize("name", ["deputy_a", "methodologist_a", "admin", "teacher_a"])
def test_school_detail_runs_the_same_queries_at_two_sizes(
    client, cast: Cast, django_assert_num_queries, name: str
) -> None:
    client.force_login(cast.user(name))
    url = reverse("schools:detail", args=[cast.school_a.pk])
    few = queries_for(client, url)
    for _ in range(20):
        StaffProfileFactory(school=cast.school_a)
        StaffProfileFactory(school=cast.school_b)
    with django_assert_num_queries(few):
        client.get(url)


def test_school_list_counts_each_schools_staff(client, cast: Cast) -> None:
    for _ in range(2):
        StaffProfileFactory(school=cast.school_a2)
    client.force_login(cast.methodologist_a)
    response = client.get(reverse("schools:list"))
    counts = {school.pk: school.staff_count for school in response.context["page"]}
    assert counts == {cast.school_a.pk: cast.school_a.staff.count(), cast.school_a2.pk: 2}

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory
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

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory, valid_iin
from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import Subject


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
    """The page's queries."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_staff(cast: Cast, count: int) -> None:
    subjects = list(Subject.objects.all()[:2])
    for _ in range(count):
        StaffProfileFactory(school=cast.school_a).subjects.set(subjects)


def test_it_lists_staff_in_constant_queries(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 100
    client.force_login(cast.deputy_a)
    url = reverse("people:staff_list")
    add_staff(cast, 3)
    few = queries_for(client, url)
    add_staff(cast, 30)
    many = queries_for(client, url)
    assert few == many


def test_it_searches_names_whatever_the_case_of_kazakh_letters(client, cast: Cast) -> None:
    StaffProfileFactory(school=cast.school_a, last_name="Өмірбекова", first_name="Әлия")
    client.force_login(cast.deputy_a)
    response = client.get(reverse("people:staff_list"), {"q": "өмірбек"})
    assert [s.last_name for s in response.context["page"]] == ["Өмірбекова"]
    response = client.get(reverse("people:staff_list"), {"q": "ӘЛИЯ"})
    assert [s.first_name for s in response.context["page"]] == ["Әлия"]


def test_it_filters_by_category_and_paginates(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 2
    master = QualificationCategory.objects.get(code="master")
    for _ in range(3):
        StaffProfileFactory(school=cast.school_a, category=master)
    client.force_login(cast.deputy_a)
    url = reverse("people:staff_list")
    response = client.get(url, {"category": master.pk, "page": 2})
    assert response.context["page"].paginator.count == 3
    assert len(response.context["page"]) == 1
    assert "category=" in response.content.decode()  # page links keep the filter


def test_it_answers_htmx_with_the_results_only(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.get(reverse("people:staff_list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="results"' in html
    assert "<nav" not in html


def test_it_refuses_a_school_outside_the_users_reach_as_filter(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.get(reverse("people:staff_list"), {"school": cast.school_b.pk})
    assert response.context["filter"].errors
    assert all(s.school_id == cast.school_a.pk for s in response.context["page"])


def staff_form_data(cast: Cast, **changes: object) -> dict[str, object]:
    data = {
        "school": cast.school_a.pk,
        "last_name": "Сейітқали",
        "first_name": "Нұржан",
        "patronymic": "Бауыржанұлы",
        "iin": valid_iin(),
        "position": Position.objects.get(code="teacher").pk,
        "subjects": [Subject.objects.get(code="physics").pk],
        "education": "master",
        "education_details": "Абай атындағы ҚазҰПУ, физика",
        "experience_started_on": "2012-09-01",
        "category": QualificationCategory.objects.get(code="expert").pk,
        "email": "",
        "phone": "",
    }
    return {**data, **changes}


def test_deputy_adds_a_staff_member(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    data = staff_form_data(cast)
    response = client.post(reverse("people:staff_create"), data)
    staff = StaffProfile.objects.get(iin=data["iin"])
    assert response.status_code == 302
    assert response["Location"] == staff.get_absolute_url()
    assert staff.school == cast.school_a
    assert [s.code for s in staff.subjects.all()] == ["physics"]
    assert staff.history.first().history_user == cast.deputy_a


def test_deputy_cannot_add_staff_to_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    data = staff_form_data(cast, school=cast.school_b.pk)
    response = client.post(reverse("people:staff_create"), data)
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not StaffProfile.objects.filter(iin=data["iin"]).exists()


def test_it_refuses_a_duplicate_iin(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    taken = cast.teacher_a.staff_profile.iin
    response = client.post(reverse("people:staff_create"), staff_form_data(cast, iin=taken))
    assert "iin" in response.context["form"].errors
    assert StaffProfile.objects.filter(iin=taken).count() == 1


def test_deputy_edits_and_the_history_shows_it(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    staff = cast.teacher_a.staff_profile
    data = staff_form_data(cast, iin=staff.iin, last_name="Жаңа")
    response = client.post(reverse("people:staff_edit", args=[staff.pk]), data)
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.last_name == "Жаңа"
    page = client.get(staff.get_absolute_url())
    assert page.context["history"][0].history_user == cast.deputy_a
    assert page.context["can_edit"]


def test_staff_detail_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    staff = cast.teacher_a.staff_profile
    url = staff.get_absolute_url()
    first = queries_for(client, url)
    staff.subjects.set(Subject.objects.all())
    for editor in (cast.deputy_a, cast.admin, cast.deputy_a):
        staff.last_name = f"Басқа {editor.pk}"
        staff._history_user = editor
        staff.save()
    assert queries_for(client, url) == first


def test_my_profile_without_a_profile_goes_home(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    response = client.get(reverse("people:my_profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# Choosing a school among many --------------------------------------------------------------


def test_administrator_chooses_the_district_before_the_school(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    url = reverse("people:staff_list")
    form = client.get(url).context["filter"].form
    offered_districts = {pk for pk, _name in form.fields["district"].choices}
    assert offered_districts >= {cast.district_a.pk, cast.district_b.pk}
    assert not list(form.fields["school"].queryset)  # not every school in the country
    response = client.get(url, {"district": cast.district_a.pk})
    offered = set(response.context["filter"].form.fields["school"].queryset)
    assert offered == {cast.school_a, cast.school_a2}
    listed = {s.school_id for s in response.context["page"]}
    assert listed == {cast.school_a.pk}  # school_a2 has no staff
    response = client.get(url, {"district": cast.district_a.pk, "school": cast.school_a.pk})
    assert {s.school_id for s in response.context["page"]} == {cast.school_a.pk}


def test_administrator_narrows_the_countrys_staff_before_a_list(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    url = reverse("people:staff_list")
    response = client.get(url)
    assert 'id="narrow-down"' in response.content.decode()
    assert list(response.context["page"]) == []
    other = cast.teacher_b.staff_profile
    found = client.get(url, {"q": other.last_name}).context["page"]
    assert other in list(found)  # a search runs over every district
    client.force_login(cast.methodologist_a)
    response = client.get(url)
    assert 'id="narrow-down"' not in response.content.decode()
    assert cast.teacher_a.staff_profile in list(response.context["page"])


def test_administrator_follows_a_schools_staff_link(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    response = client.get(reverse("people:staff_list"), {"school": cast.school_b.pk})
    assert not response.context["filter"].errors
    assert {s.school_id for s in response.context["page"]} == {cast.school_b.pk}
    assert set(response.context["filter"].form.fields["school"].queryset) == {cast.school_b}


def test_administrator_gets_the_districts_schools_with_the_htmx_results(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    response = client.get(
        reverse("people:staff_list"), {"district": cast.district_b.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'hx-swap-oob="true"' in html
    assert f'value="{cast.school_b.pk}"' in html
    assert f'value="{cast.school_a.pk}"' not in html


@pytest.mark.parametrize("name", ["deputy_a", "director_a", "methodologist_a"])
def test_users_of_one_district_choose_the_school_directly(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    form = client.get(reverse("people:staff_list")).context["filter"].form
    assert "district" not in form.fields
    assert cast.school_a in set(form.fields["school"].queryset)


def test_methodologist_sees_the_district_and_their_own_profile_elsewhere(
    client, cast: Cast
) -> None:
    own = StaffProfileFactory(school=cast.school_b, user=cast.methodologist_a)
    client.force_login(cast.methodologist_a)
    listed = set(client.get(reverse("people:staff_list")).context["page"].object_list)
    assert own in listed
    assert cast.teacher_a.staff_profile in listed
    assert cast.teacher_b.staff_profile not in listed


@pytest.mark.parametrize("name", ["admin", "methodologist_a", "deputy_a"])
def test_staff_list_runs_the_same_queries_at_two_sizes(
    client, cast: Cast, settings, django_assert_num_queries, name: str
) -> None:
    settings.PAGE_SIZE = 100
    client.force_login(cast.user(name))
    url = reverse("people:staff_list")
    query = {"school": cast.school_a.pk}
    add_staff(cast, 2)
    few = queries_for(client, url), queries_for(client, f"{url}?school={cast.school_a.pk}")
    add_staff(cast, 25)
    for school in (SchoolFactory(district=cast.district_a) for _ in range(5)):
        StaffProfileFactory(school=school)
    with django_assert_num_queries(few[0]):
        client.get(url)
    with django_assert_num_queries(few[1]):
        client.get(url, query)


def test_a_new_subject_is_offered_at_once(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("people:staff_list")
    assert "Астрономия" not in client.get(url).content.decode()
    Subject.objects.create(code="astro", name_kk="Астрономия", name_ru="Астрономия")

    response = client.get(url, {"subjects": Subject.objects.get(code="astro").pk})

    assert "Астрономия" in response.content.decode()
    assert not response.context["filter"].errors


def test_administrator_adds_staff_after_choosing_the_district(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    url = reverse("people:staff_create")
    form = client.get(url, {"district": cast.district_b.pk}).context["form"]
    assert set(form.fields["school"].queryset) == {cast.school_b}
    data = staff_form_data(cast, district=cast.district_b.pk, school=cast.school_b.pk)
    assert client.post(url, data).status_code == 302
    assert StaffProfile.objects.get(iin=data["iin"]).school == cast.school_b
    # A school outside the chosen district is not taken.
    data = staff_form_data(cast, district=cast.district_b.pk, school=cast.school_a.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["school"]
    assert not StaffProfile.objects.filter(iin=data["iin"]).exists()


def test_administrator_edits_within_the_staff_members_district(client, cast: Cast) -> None:
    client.force_login(cast.admin)
    staff = cast.teacher_b.staff_profile
    form = client.get(reverse("people:staff_edit", args=[staff.pk])).context["form"]
    assert form.initial["district"] == cast.district_b.pk
    assert set(form.fields["school"].queryset) == {cast.school_b}


@pytest.mark.parametrize("url_name", ["people:staff_create", "roster:import"])
def test_school_forms_run_the_same_queries_at_two_sizes(
    client, cast: Cast, django_assert_num_queries, url_name: str
) -> None:
    client.force_login(cast.admin)
    url = reverse(url_name)
    few = queries_for(client, f"{url}?district={cast.district_a.pk}")
    for _ in range(10):
        SchoolFactory(district=cast.district_a)
        SchoolFactory(district=cast.district_b)
    with django_assert_num_queries(few):
        client.get(url, {"district": cast.district_a.pk})

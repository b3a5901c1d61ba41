from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory, valid_iin
from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import Subject


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
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

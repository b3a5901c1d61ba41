"""The permission layer: every role, against its own school and another school."""

from __future__ import annotations

import pytest
from django.urls import reverse

from adisker.core.testing import Cast, listed
from adisker.people.models import StaffProfile
from adisker.schools.models import District, School

ROLES = [
    "teacher_a",
    "head_a",
    "facilitator_a",
    "deputy_a",
    "director_a",
    "methodologist_a",
    "admin",
]
# Who sees the whole staff of school A; the others see only their own profile.
SEES_SCHOOL_A_STAFF = {"deputy_a", "director_a", "methodologist_a", "admin"}
EDITS_SCHOOL_A_STAFF = {"deputy_a", "admin"}
SEES_STAFF_LIST = SEES_SCHOOL_A_STAFF


def a_colleague(cast: Cast, name: str) -> StaffProfile:
    """A staff member of school A who is not the user themselves."""
    own = cast.user(name).pk
    return StaffProfile.objects.filter(school=cast.school_a).exclude(user_id=own).first()


@pytest.mark.parametrize("name", ROLES)
def test_school_list_shows_only_reachable_schools(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    response = client.get(reverse("schools:list"))
    assert response.status_code == 200
    shown = {school.pk for school in response.context["page"]}
    expected = {
        "methodologist_a": {cast.school_a.pk, cast.school_a2.pk},
        "admin": set(School.objects.values_list("pk", flat=True)),
    }.get(name, {cast.school_a.pk})
    assert shown == expected


@pytest.mark.parametrize("name", ROLES)
def test_school_detail_of_other_district_is_not_found(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    own = client.get(reverse("schools:detail", args=[cast.school_a.pk]))
    other = client.get(reverse("schools:detail", args=[cast.school_b.pk]))
    assert own.status_code == 200
    assert other.status_code == (200 if name == "admin" else 404)


@pytest.mark.parametrize("name", ROLES)
def test_staff_list_is_for_managers_only(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    url = reverse("people:staff_list")
    response = client.get(url)
    if name not in SEES_STAFF_LIST:
        assert response.status_code == 403
        return
    assert response.status_code == 200

    def schools_listed(district: District | None = None) -> set[int]:
        # The administrator sees every district, one at a time.
        query = {"district": district.pk} if district else {}
        return {staff.school_id for staff in listed(client.get(url, query), StaffProfile)}

    if name == "admin":
        assert cast.school_a.pk in schools_listed(cast.district_a)
        assert cast.school_b.pk in schools_listed(cast.district_b)
    else:
        assert cast.school_a.pk in schools_listed()
        assert cast.school_b.pk not in schools_listed()


@pytest.mark.parametrize("name", ROLES)
def test_staff_detail_of_colleague(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    colleague = a_colleague(cast, name)
    response = client.get(reverse("people:staff_detail", args=[colleague.pk]))
    assert response.status_code == (200 if name in SEES_SCHOOL_A_STAFF else 404)


@pytest.mark.parametrize("name", [n for n in ROLES if n not in {"methodologist_a", "admin"}])
def test_own_profile_is_always_visible(client, cast: Cast, name: str) -> None:
    user = cast.user(name)
    client.force_login(user)
    response = client.get(reverse("people:my_profile"), follow=True)
    assert response.status_code == 200
    assert response.context["staff"] == user.staff_profile


@pytest.mark.parametrize("name", ROLES)
def test_staff_of_other_school_is_not_found(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    other = cast.teacher_b.staff_profile
    response = client.get(reverse("people:staff_detail", args=[other.pk]))
    assert response.status_code == (200 if name == "admin" else 404)
    edit = client.get(reverse("people:staff_edit", args=[other.pk]))
    assert edit.status_code == (200 if name == "admin" else 404)


@pytest.mark.parametrize("name", ROLES)
def test_only_deputy_and_admin_edit_staff(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    colleague = a_colleague(cast, name)
    url = reverse("people:staff_edit", args=[colleague.pk])
    response = client.post(url, {"last_name": "Changed"})
    if name in EDITS_SCHOOL_A_STAFF:
        assert response.status_code == 200  # the form, with errors for the missing fields
    elif name in SEES_SCHOOL_A_STAFF:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    colleague.refresh_from_db()
    assert colleague.last_name != "Changed"


@pytest.mark.parametrize("name", ROLES)
def test_only_deputy_and_admin_add_staff(client, cast: Cast, name: str) -> None:
    client.force_login(cast.user(name))
    response = client.get(reverse("people:staff_create"))
    assert response.status_code == (200 if name in EDITS_SCHOOL_A_STAFF else 403)


def test_teacher_of_other_school_sees_nothing_of_school_a(client, cast: Cast) -> None:
    client.force_login(cast.teacher_b)
    assert client.get(reverse("schools:detail", args=[cast.school_a.pk])).status_code == 404
    for staff in StaffProfile.objects.filter(school=cast.school_a):
        url = reverse("people:staff_detail", args=[staff.pk])
        assert client.get(url).status_code == 404


def test_deputy_cannot_move_staff_into_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    form = client.get(reverse("people:staff_create")).context["form"]
    assert list(form.fields["school"].queryset) == [cast.school_a]


def test_anonymous_user_is_sent_to_login(client, cast: Cast) -> None:
    for url in [
        reverse("home"),
        reverse("schools:list"),
        reverse("people:staff_list"),
        reverse("people:staff_detail", args=[cast.teacher_a.staff_profile.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

"""Who sees what, and seeing what is true, whatever the cache holds.

Each page is read by readers of *different* rights one after another, and by two server
processes, each with its own cache client, around a write: nothing one reader got may reach
another, and nothing written may be missing from the next page of either process.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from adisker.core.testing import (
    Cast,
    StaffProfileFactory,
    listed,
    member,
    server_processes,
)
from adisker.council.tests.factories import joint_structure_headed_at_school_a2
from adisker.people.models import Position, Role, RoleMembership, StaffProfile

pytestmark = pytest.mark.django_db

STAFF_LIST = reverse("people:staff_list")


def staff_shown(client) -> set[int]:  # type: ignore[no-untyped-def]
    response = client.get(STAFF_LIST)
    assert response.status_code == 200
    return {staff.pk for staff in listed(response, StaffProfile)}


def test_a_methodologist_never_gets_the_rows_of_a_director_of_the_same_schools(
    client, cast: Cast
) -> None:
    # Both reach district A's schools and school B: the methodologist of district A works at
    # school B (her own profile only), the director of school B is also district A's
    # methodologist (all of school B).
    methodologist = member(Role.DISTRICT_METHODOLOGIST, district=cast.district_a)
    own = StaffProfileFactory(school=cast.school_b, user=methodologist)
    director = member(Role.DIRECTOR, school=cast.school_b)
    RoleMembership.objects.create(
        user=director, role=Role.DISTRICT_METHODOLOGIST, district=cast.district_a
    )
    school_b_staff = set(
        StaffProfile.objects.filter(school=cast.school_b).values_list("pk", flat=True)
    )
    district_a_staff = set(
        StaffProfile.objects.filter(school__district=cast.district_a).values_list("pk", flat=True)
    )

    client.force_login(director)
    assert staff_shown(client) == district_a_staff | school_b_staff
    client.force_login(methodologist)
    assert staff_shown(client) == district_a_staff | {own.pk}
    # And the other way round.
    client.force_login(methodologist)
    staff_shown(client)
    client.force_login(director)
    assert staff_shown(client) == district_a_staff | school_b_staff


def test_a_renamed_position_shows_in_the_other_process_at_once(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    position = Position.objects.create(code="school-archivist", name_kk="Мұрағатшы")
    StaffProfileFactory(school=cast.school_a, position=position)
    first, second = server_processes()
    with second:
        assert "Мұрағатшы" in client.get(STAFF_LIST).content.decode()

    with first:
        position.name_kk = "Құжат сақтаушы"
        position.save()
        assert "Құжат сақтаушы" in client.get(STAFF_LIST).content.decode()
    with second:
        page = client.get(STAFF_LIST).content.decode()
    # In the rows and in the filter's choices alike.
    assert page.count("Құжат сақтаушы") >= 2
    assert "Мұрағатшы" not in page


def test_a_write_in_one_process_shows_in_the_other_on_every_list(client, cast: Cast) -> None:
    staff = StaffProfileFactory(school=cast.school_a, last_name="Бұрынғы")
    first, second = server_processes()
    pages = [
        reverse("people:staff_list"),
        reverse("schools:list"),
        reverse("council:school", args=[cast.school_a.pk]),
        reverse("records:plan") + f"?school={cast.school_a.pk}",
        reverse("home"),
    ]
    client.force_login(cast.deputy_a)
    with second:
        for url in pages[:1] + pages[3:4]:
            assert "Бұрынғы" in client.get(url).content.decode(), url
        for url in pages:
            assert client.get(url).status_code == 200
    with first:
        staff.last_name = "Кейінгі"
        staff.save()
        cast.school_a.name_kk = "Жаңа атаулы мектеп"
        cast.school_a.save()
    with second:
        for url in pages[:1] + pages[3:4]:
            page = client.get(url).content.decode()
            assert "Кейінгі" in page and "Бұрынғы" not in page, url
        for url in pages[1:3]:
            assert "Жаңа атаулы мектеп" in client.get(url).content.decode(), url


def test_a_renamed_head_of_a_joint_association_shows_on_a_member_schools_page(
    client, cast: Cast
) -> None:
    head = joint_structure_headed_at_school_a2(cast, "Басшыбаева")
    url = reverse("council:school", args=[cast.school_a.pk])
    client.force_login(cast.teacher_a)
    assert "Басшыбаева" in client.get(url).content.decode()

    head.last_name = "Жаңабаева"
    head.save()

    page = client.get(url).content.decode()
    assert "Жаңабаева" in page
    assert "Басшыбаева" not in page


def test_a_bulk_write_shows_on_the_next_list(client, cast: Cast) -> None:
    """A write that sends no signal (an UPDATE over many rows, as imports and the admin's
    actions do) is on the next page too: nothing needs to be told that the list shows it."""
    staff = StaffProfileFactory(school=cast.school_a, last_name="Бұрынғы")
    client.force_login(cast.deputy_a)
    assert "Бұрынғы" in client.get(STAFF_LIST).content.decode()

    StaffProfile.objects.filter(pk=staff.pk).update(last_name="Кейінгі")

    page = client.get(STAFF_LIST).content.decode()
    assert "Кейінгі" in page and "Бұрынғы" not in page

"""A district's or a school's staff list is rendered once for everyone who sees the same
schools, and rendered again as soon as anything it shows changes."""

from __future__ import annotations

from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory, built_then_cached, listed, member
from adisker.people.models import Position, Role, StaffProfile

URL = reverse("people:staff_list")


def shown(client, **query: object) -> list[StaffProfile]:  # type: ignore[no-untyped-def]
    response = client.get(URL, query)
    assert response.status_code == 200
    return listed(response, StaffProfile)


def test_the_list_is_read_from_the_cache_until_a_staff_member_changes(client, cast: Cast) -> None:
    other_deputy = member(Role.DEPUTY_DIRECTOR, school=cast.school_a)
    built, cached = built_then_cached(client, URL, cast.deputy_a, other_deputy)
    assert listed(cached.response, StaffProfile) == listed(built.response, StaffProfile)
    # Only the session, the user, their roles and the schools' versions are read.
    assert cached.queries == 4 < built.queries

    added = StaffProfileFactory(school=cast.school_a, last_name="Ақанова")
    assert added in shown(client)
    added.position = Position.objects.create(code="archivist", name_kk="Кітапханашы")
    added.save()
    assert "Кітапханашы" in client.get(URL).content.decode()
    added.delete()
    assert added.pk not in {staff.pk for staff in shown(client)}


def test_a_renamed_position_shows_at_once(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    staff = StaffProfileFactory(school=cast.school_a)
    client.get(URL)
    staff.position.name_kk = "Жаңа лауазым"
    staff.position.save()
    assert "Жаңа лауазым" in client.get(URL).content.decode()


def test_each_reader_gets_the_list_of_the_schools_they_see(client, cast: Cast) -> None:
    StaffProfileFactory(school=cast.school_a2)
    client.force_login(cast.methodologist_a)
    district = {staff.school_id for staff in shown(client)}
    assert district == {cast.school_a.pk, cast.school_a2.pk}
    client.force_login(cast.deputy_a)
    assert {staff.school_id for staff in shown(client)} == {cast.school_a.pk}
    # Filters and pages are lists of their own.
    client.force_login(cast.methodologist_a)
    only = shown(client, school=cast.school_a2.pk)
    assert {staff.school_id for staff in only} == {cast.school_a2.pk}


def test_what_a_reader_may_do_is_not_taken_from_another_readers_list(client, cast: Cast) -> None:
    # Both see school B's staff only; only the deputy adds staff.
    add = reverse("people:staff_create")
    client.force_login(cast.deputy_b)
    assert add in client.get(URL).content.decode()
    client.force_login(cast.methodologist_b)
    page = client.get(URL).content.decode()
    assert listed(client.get(URL), StaffProfile)
    assert add not in page


def test_the_filter_answer_is_cached_apart_from_the_page(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    page = client.get(URL).content.decode()
    results = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page
    assert "<html" not in results
    assert 'id="results"' in results

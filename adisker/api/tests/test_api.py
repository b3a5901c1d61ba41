from __future__ import annotations

from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory


def test_staff_api_returns_only_what_the_user_may_see(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    rows = client.get(reverse("api:staff-list")).json()["results"]
    assert {r["school_bin"] for r in rows} == {cast.school_a.bin}
    other = cast.teacher_b.staff_profile
    assert client.get(reverse("api:staff-detail", args=[other.pk])).status_code == 404
    own = cast.teacher_a.staff_profile
    assert client.get(reverse("api:staff-detail", args=[own.pk])).json()["iin"] == own.iin


def test_teacher_gets_only_their_own_record(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    rows = client.get(reverse("api:staff-list")).json()["results"]
    assert [r["iin"] for r in rows] == [cast.teacher_a.staff_profile.iin]


def test_school_api_follows_the_district(client, cast: Cast) -> None:
    client.force_login(cast.methodologist_a)
    rows = client.get(reverse("api:school-list")).json()["results"]
    assert {r["bin"] for r in rows} == {cast.school_a.bin, cast.school_a2.bin}
    detail = client.get(reverse("api:school-detail", args=[cast.school_b.pk]))
    assert detail.status_code == 404
    assert client.get(reverse("api:school-detail", args=[cast.school_a.pk])).status_code == 200


def test_api_needs_a_signed_in_user(client, db: None) -> None:
    assert client.get(reverse("api:staff-list")).status_code == 403


def test_schema_describes_the_endpoints(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"/api/staff/" in response.content


def test_staff_come_a_cursor_page_at_a_time_school_by_school(client, cast: Cast) -> None:
    for school in (cast.school_a2, cast.school_a):
        for _ in range(30):
            StaffProfileFactory(school=school)
    client.force_login(cast.methodologist_a)
    first = client.get(reverse("api:staff-list")).json()
    assert "count" not in first and len(first["results"]) == 50
    second = client.get(first["next"]).json()
    assert second["next"] is None and len(second["results"]) == 15
    rows = first["results"] + second["results"]
    schools = {cast.school_a.bin: cast.school_a.pk, cast.school_a2.bin: cast.school_a2.pk}
    order = [(schools[row["school_bin"]], row["id"]) for row in rows]
    assert order == sorted(order) and len(set(order)) == 65

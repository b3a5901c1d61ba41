"""The pages whose data is kept in the shared cache (docs/caching.md), read with the cache in
use: by readers of different rights one after another, and by two server processes around a
write. Each test commits its writes, as a request does: a test's own transaction would keep
every page out of the cache."""

from __future__ import annotations

import datetime

import lxml.html
import pytest
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory, server_processes
from adisker.council.tests.factories import joint_structure_headed_at_school_a2
from adisker.lib.dates import today
from adisker.people.models import Position
from adisker.records.tests.factories import add_course
from adisker.records.tests.test_plan import coverage_shown, district_url

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("shared_cache"),
]


def page(client, url: str) -> str:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coverage_of_a_district_is_each_readers_own(client, cast: Cast) -> None:
    for _round in range(2):
        client.force_login(cast.methodologist_a)
        assert set(coverage_shown(client.get(district_url()))) == {cast.school_a, cast.school_a2}
        client.force_login(cast.deputy_a)
        assert list(coverage_shown(client.get(district_url()))) == [cast.school_a]


def test_a_course_reaches_the_coverage_and_the_cards_of_another_process(client, cast: Cast) -> None:
    first, second = server_processes()
    client.force_login(cast.director_a)
    with second:
        before = coverage_shown(client.get(district_url()))[cast.school_a][1]
        assert page(client, reverse("home"))
    with first:
        add_course(cast.teacher_a.staff_profile, today() - datetime.timedelta(days=30))
    with second:
        assert coverage_shown(client.get(district_url()))[cast.school_a][1] == str(int(before) + 1)
        (card,) = [
            c
            for c in client.get(reverse("home")).context["cards"]
            if c.template == "records/cards/school_courses.html"
        ]
        assert card.context["schools"][0].coverage.covered == int(before) + 1


def test_the_school_cards_are_each_managers_own(client, cast: Cast) -> None:
    for reader, school, other in (
        (cast.director_a, cast.school_a, cast.school_b),
        (cast.deputy_b, cast.school_b, cast.school_a),
        (cast.deputy_a, cast.school_a, cast.school_b),
    ):
        client.force_login(reader)
        html = page(client, reverse("home"))
        assert school.name in html and other.name not in html


def test_the_council_page_shows_an_editor_and_a_reader_their_own_rights(client, cast: Cast) -> None:
    url = reverse("council:school", args=[cast.school_a.pk])
    create = reverse("council:structure_create", args=[cast.school_a.pk])
    for _round in range(2):
        client.force_login(cast.deputy_a)
        assert create in page(client, url)
        client.force_login(cast.teacher_a)
        assert create not in page(client, url)


def test_a_renamed_head_of_another_school_reaches_the_cached_council_page(
    client, cast: Cast
) -> None:
    head = joint_structure_headed_at_school_a2(cast, "Басшыбаева")
    url = reverse("council:school", args=[cast.school_a.pk])
    first, second = server_processes()
    client.force_login(cast.teacher_a)
    with second:
        assert "Басшыбаева" in page(client, url)
        assert "Басшыбаева" in page(client, url)  # now from the cache
    with first:
        head.last_name = "Жаңабаева"
        head.save()
    with second:
        html = page(client, url)
    assert "Жаңабаева" in html and "Басшыбаева" not in html


def test_a_renamed_position_reaches_the_other_processes_filter(client, cast: Cast) -> None:
    position = Position.objects.create(code="school-archivist", name_kk="Мұрағатшы")
    StaffProfileFactory(school=cast.school_a, position=position)
    url = reverse("people:staff_list")
    first, second = server_processes()
    client.force_login(cast.deputy_a)
    with second:
        assert "Мұрағатшы" in page(client, url)
    with first:
        position.name_kk = "Құжат сақтаушы"
        position.save()
    with second:
        html = page(client, url)
    assert html.count("Құжат сақтаушы") >= 2 and "Мұрағатшы" not in html


def test_a_planned_course_reaches_the_cached_plan(client, cast: Cast) -> None:
    staff = cast.teacher_a.staff_profile
    url = reverse("records:plan") + f"?school={cast.school_a.pk}"
    client.force_login(cast.deputy_a)
    assert 'aria-pressed="true"' not in page(client, url)
    year = today().year + 2
    response = client.post(reverse("records:plan_toggle", args=[staff.pk]), {"year": year})
    assert response.status_code == 302
    client.force_login(cast.director_a)
    html = page(client, url)
    assert 'aria-pressed="true"' not in html  # the director plans nothing
    (row,) = lxml.html.fromstring(html).xpath(f"//tr[@id='plan-row-{staff.pk}']")
    assert row.xpath(".//span[contains(@class, 'text-bg-primary')]")  # planned, read only

"""The month: each reader gets the events of the schools and associations they see, and
every write of an event on the next month."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from adisker.core.testing import Cast, SchoolFactory
from adisker.events.tests.factories import Joint, add_event
from adisker.events.tests.test_pages import month_shown
from adisker.schools.models import InterSchoolAssociation

URL = reverse("events:calendar")


def shown(client) -> set[int]:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 200
    return {pk for events in month_shown(response).values() for pk in events}


def soon(**changes: object) -> dict[str, object]:
    """Within this month's grid whatever today is: the grid starts on the Monday before the 1st."""
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=1), **changes}


def test_every_write_of_an_event_shows_on_the_next_month(client, cast: Cast) -> None:
    event = add_event(school=cast.school_a, **soon())
    client.force_login(cast.teacher_a)
    assert shown(client) == {event.pk}

    added = add_event(school=cast.school_a, **soon(title="Ашық сабақ: алгебра"))
    assert shown(client) == {event.pk, added.pk}
    added.title = "Ашық сабақ: геометрия"
    added.save()
    assert "Ашық сабақ: геометрия" in client.get(URL).content.decode()
    event.delete()
    assert shown(client) == {added.pk}


def test_an_inter_school_event_shows_in_every_member_schools_month(client, cast: Cast) -> None:
    joint = Joint(cast)
    client.force_login(joint.member_teacher)
    assert shown(client) == set()
    event = add_event(inter_school=joint.association, **soon())
    assert shown(client) == {event.pk}
    client.force_login(joint.outsider_teacher)
    assert shown(client) == set()


def test_a_districts_association_based_elsewhere_shows_in_the_methodologists_month(
    client, cast: Cast
) -> None:
    # An association of district A around a school of district B.
    association = InterSchoolAssociation.objects.create(
        district=cast.district_a,
        base_school=SchoolFactory(district=cast.district_b),
        name_kk="Шекаралас бірлестік",
        name_ru="Приграничное объединение",
    )
    client.force_login(cast.methodologist_a)
    assert shown(client) == set()
    event = add_event(inter_school=association, **soon())
    assert shown(client) == {event.pk}


def test_readers_who_may_and_may_not_add_events_get_their_own_month(client, cast: Cast) -> None:
    new_on_a_day = f"{reverse('events:create')}?date="
    client.force_login(cast.teacher_a)
    assert new_on_a_day not in client.get(URL).content.decode()
    client.force_login(cast.deputy_a)
    assert new_on_a_day in client.get(URL).content.decode()
    client.force_login(cast.teacher_a)
    assert new_on_a_day not in client.get(URL).content.decode()


def test_a_reader_sees_nothing_of_a_school_outside_their_reach(client, cast: Cast) -> None:
    ours = add_event(school=cast.school_a, **soon())
    theirs = add_event(school=cast.school_b, **soon())
    client.force_login(cast.teacher_a)
    assert shown(client) == {ours.pk}
    client.force_login(cast.teacher_b)
    assert shown(client) == {theirs.pk}

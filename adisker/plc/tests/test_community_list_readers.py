"""The list of PLCs: each reader gets the communities they see, and every write on the next
list."""

from __future__ import annotations

import pytest

from adisker.core.testing import Cast, member
from adisker.people.models import Role
from adisker.plc.models import Stage
from adisker.plc.tests import factories as f
from adisker.plc.tests.test_community_list import URL, counts_shown, listed_in

pytestmark = pytest.mark.django_db


def names(client) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 200
    return {community.name for community in listed_in(response)}


def test_every_write_shows_on_the_next_list(client, cast: Cast) -> None:
    community = f.community(cast)
    client.force_login(cast.deputy_a)
    assert listed_in(client.get(URL)) == [community]

    community.name = "Оқу сауаттылығы КБАҚ"
    community.save()
    assert names(client) == {"Оқу сауаттылығы КБАҚ"}
    community.members.add(f.staff(cast.head_a))
    cycle = f.cycle(cast, plc=community)
    assert counts_shown(client.get(URL)) == {community.name: (2, 1)}
    cycle.stage = Stage.CLOSED
    cycle.save()
    assert counts_shown(client.get(URL)) == {community.name: (2, 0)}
    community.delete()
    assert names(client) == set()


def test_members_of_the_same_school_see_their_own_communities(client, cast: Cast) -> None:
    f.community(cast)  # teacher A is a member
    led = f.community(cast, name="Жетекшілер КБАҚ", facilitator=f.staff(cast.head_a))
    led.members.remove(f.staff(cast.teacher_a))
    client.force_login(cast.teacher_a)
    assert names(client) == {"Бастауыш сынып КБАҚ"}
    client.force_login(cast.head_a)
    assert names(client) == {"Жетекшілер КБАҚ"}


def test_a_member_schools_facilitator_renamed_shows_at_the_base_school(client, cast: Cast) -> None:
    facilitator = member(Role.TEACHER, school=cast.school_a2).staff_profile
    f.community(cast, school=None, inter_school=f.association(cast), facilitator=facilitator)
    client.force_login(cast.director_a)
    assert facilitator.short_name in client.get(URL).content.decode()
    facilitator.last_name = "Жаңатегі"
    facilitator.save()
    assert facilitator.short_name in client.get(URL).content.decode()

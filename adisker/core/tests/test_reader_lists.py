"""An administrator's lists of the whole country are kept for them alone, as their user cards
are: built again after their own next write, and showing other people's changes within the
minute."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.dashboard import USER_CARDS_TIMEOUT
from adisker.core.testing import (
    Cast,
    SchoolFactory,
    StaffProfileFactory,
    later,
    member,
    user_cards_expired,
)
from adisker.diagnostics.tests.helpers import launch
from adisker.people.models import Role
from adisker.plc.tests import factories as plc


def new_school(cast: Cast) -> str:
    return SchoolFactory(district=cast.district_b, name_kk="Ақбұлақ мектебі").name_kk


def new_staff(cast: Cast) -> str:
    return StaffProfileFactory(school=cast.school_a, last_name="Ақжолова").last_name


def new_community(cast: Cast) -> str:
    return plc.community(cast, name="Ақбота КБАҚ").name


def new_campaign(cast: Cast) -> str:
    return launch("competence", cast.deputy_a, school=cast.school_a).title


LISTS = [
    ("schools:list", {}, new_school),
    # The country's staff list shows nobody until a filter narrows it.
    ("people:staff_list", {"school": "school_a"}, new_staff),
    ("plc:list", {}, new_community),
    ("diagnostics:index", {}, new_campaign),
]


def query(cast: Cast, params: dict[str, str]) -> dict[str, int]:
    return {name: getattr(cast, value).pk for name, value in params.items()}


def read(client, url: str, params: dict[str, int]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.parametrize(("name", "params", "add"), LISTS)
def test_the_administrators_list_is_kept_for_a_minute(
    client, cast: Cast, name: str, params: dict[str, str], add: Callable[[Cast], str]
) -> None:
    url, params_ = reverse(name), query(cast, params)
    client.force_login(cast.admin)
    built = read(client, url, params_)[1]
    assert read(client, url, params_)[1] < built

    added = add(cast)
    with later(USER_CARDS_TIMEOUT - 5):
        assert added not in read(client, url, params_)[0]
    with later(USER_CARDS_TIMEOUT + 1):
        assert added in read(client, url, params_)[0]


@pytest.mark.parametrize(("name", "params", "add"), LISTS)
def test_the_administrators_own_write_shows_at_once(
    client, cast: Cast, name: str, params: dict[str, str], add: Callable[[Cast], str]
) -> None:
    url, params_ = reverse(name), query(cast, params)
    client.force_login(cast.admin)
    read(client, url, params_)
    added = add(cast)
    user_cards_expired(client)  # what every write request of theirs does
    assert added in read(client, url, params_)[0]


def test_another_administrator_gets_a_list_of_their_own(client, cast: Cast) -> None:
    url = reverse("schools:list")
    client.force_login(cast.admin)
    read(client, url, {})
    added = new_school(cast)
    client.force_login(member(Role.ADMINISTRATOR))
    assert added in read(client, url, {})[0]

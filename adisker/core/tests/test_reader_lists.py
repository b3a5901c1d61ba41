"""An administrator's lists of the whole country are kept for them alone, as their user cards
are: built again after their own next write, and showing other people's changes within the
minute."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
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


@dataclass
class AdminList:
    """One of the lists, as the administrator reads it, and how to add a row it shows."""

    client: Client
    url: str
    params: dict[str, int]
    add: Callable[[], str]

    def read(self) -> tuple[str, int]:
        """The page and the queries it took."""
        return read(self.client, self.url, self.params)


@pytest.fixture(params=LISTS, ids=[name for name, _params, _add in LISTS])
def admin_list(request, client, cast: Cast) -> AdminList:  # type: ignore[no-untyped-def]
    name, params, add = request.param
    client.force_login(cast.admin)
    query = {key: getattr(cast, value).pk for key, value in params.items()}
    return AdminList(client, reverse(name), query, lambda: add(cast))


def read(client, url: str, params: dict[str, int]) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_the_administrators_list_is_kept_for_a_minute(admin_list: AdminList) -> None:
    built = admin_list.read()[1]
    assert admin_list.read()[1] < built

    added = admin_list.add()
    with later(USER_CARDS_TIMEOUT - 5):
        assert added not in admin_list.read()[0]
    with later(USER_CARDS_TIMEOUT + 1):
        assert added in admin_list.read()[0]


def test_the_administrators_own_write_shows_at_once(admin_list: AdminList) -> None:
    admin_list.read()
    added = admin_list.add()
    user_cards_expired(admin_list.client)  # what every write request of theirs does
    assert added in admin_list.read()[0]


def test_another_administrator_gets_a_list_of_their_own(client, cast: Cast) -> None:
    url = reverse("schools:list")
    client.force_login(cast.admin)
    read(client, url, {})
    added = new_school(cast)
    client.force_login(member(Role.ADMINISTRATOR))
    assert added in read(client, url, {})[0]

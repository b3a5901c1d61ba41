"""The list of PLCs: who sees which, paging, search, and queries that do not grow with the data."""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.core.testing import listed as core_listed
from adisker.plc.models import Community, Stage
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db
URL = reverse("plc:list")
CARD_LINKS = "//h2[contains(@class, 'card-title')]/a"


def listed_in(response) -> list[Community]:  # type: ignore[no-untyped-def]
    return core_listed(response, Community, CARD_LINKS)


def counts_shown(response) -> dict[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Each card's members and cycles in progress: the last two numbers of its facts line."""
    found = {}
    for card in lxml.html.fromstring(response.content).xpath("//div[@class='card-body']"):
        numbers = re.findall(r"\d+", card.xpath("div[@class='small']")[0].text_content())
        found[card.xpath("h2/a")[0].text_content()] = (int(numbers[-2]), int(numbers[-1]))
    return found


def listed(client, user, **params) -> list[Community]:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return listed_in(response)


def queries_for(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("name", "sees"),
    [
        ("teacher_a", True),  # a member
        ("facilitator_a", True),
        ("deputy_a", True),
        ("director_a", True),
        ("methodologist_a", True),
        ("admin", True),
        ("head_a", False),  # same school, not a member
        ("teacher_b", False),
        ("deputy_b", False),
        ("methodologist_b", False),
    ],
)
def test_it_lists_a_school_plc_to_those_who_may_read_it(
    client, cast: Cast, name: str, sees: bool
) -> None:
    community = f.community(cast)
    assert (community in listed(client, cast.user(name))) is sees


def test_it_lists_an_inter_school_plc_to_the_district_and_its_schools(client, cast: Cast) -> None:
    community = f.community(cast, school=None, inter_school=f.association(cast))
    assert listed(client, cast.methodologist_a) == [community]
    assert listed(client, cast.deputy_a) == [community]
    assert listed(client, cast.methodologist_b) == []
    assert listed(client, cast.deputy_b) == []


def test_it_counts_members_and_cycles_in_progress(client, cast: Cast) -> None:
    community = f.community(cast, members=2)
    f.cycle(cast, plc=community)
    f.cycle(cast, plc=community, stage=Stage.CLOSED)
    f.community(cast, name="Бос")
    client.force_login(cast.deputy_a)
    assert counts_shown(client.get(URL)) == {community.name: (3, 1), "Бос": (1, 0)}


def test_it_pages_the_communities_by_name(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 2
    for name in ("В", "А", "Г", "Б", "Д"):
        f.community(cast, name=name)
    assert [c.name for c in listed(client, cast.deputy_a)] == ["А", "Б"]
    assert [c.name for c in listed(client, cast.deputy_a, page=3)] == ["Д"]
    response = client.get(URL, {"page": 2})
    assert response.context["page"].paginator.count == 5
    assert 'href="?page=3"' in response.content.decode()


def test_it_searches_by_name_and_by_school(client, cast: Cast) -> None:
    reading = f.community(cast, name="Reading circle")
    other = f.community(cast, name="Math lab", school=cast.school_a2)
    assert listed(client, cast.methodologist_a, q="reading") == [reading]
    assert listed(client, cast.methodologist_a, q=cast.school_a2.name_kk) == [other]
    client.force_login(cast.methodologist_a)
    response = client.get(URL, {"q": "nothing like it"})
    assert list(response.context["page"]) == []
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert gettext("Nothing found.") in response.content.decode()


def test_the_search_never_widens_what_the_user_sees(client, cast: Cast) -> None:
    f.community(cast, name="Reading circle")
    assert listed(client, cast.teacher_b, q="reading") == []


def test_htmx_gets_only_the_results(client, cast: Cast) -> None:
    f.community(cast, name="Reading circle")
    client.force_login(cast.deputy_a)
    response = client.get(URL, {"q": "reading"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "Reading circle" in html


@pytest.mark.parametrize("name", ["admin", "methodologist_a", "deputy_a", "teacher_a"])
def test_the_list_runs_the_same_queries_at_two_sizes(
    client, cast: Cast, settings, django_assert_num_queries, name: str
) -> None:
    settings.PAGE_SIZE = 5
    f.cycle(cast, plc=f.community(cast, members=1))
    client.force_login(cast.user(name))
    few = queries_for(client, URL)
    association = f.association(cast)
    for i in range(8):
        community = f.community(cast, name=f"PLC {i}", members=2)
        f.cycle(cast, plc=community)
        f.community(cast, name=f"Joint {i}", school=None, inter_school=association)
        f.community(
            cast,
            name=f"B {i}",
            school=cast.school_b,
            facilitator=StaffProfileFactory(school=cast.school_b),
        )
    with django_assert_num_queries(few):
        client.get(URL)

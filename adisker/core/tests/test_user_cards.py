"""The cards of the user's own things are read from the cache for a minute, and built again
at once after any write of the user."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.dashboard import USER_CARDS_SESSION_KEY, USER_CARDS_TIMEOUT
from adisker.core.testing import Cast, later, member
from adisker.council.tests.factories import council_of, meeting_with_decision
from adisker.diagnostics.tests.helpers import launch
from adisker.people.models import Role

# The decision's text, which only its owner's card lists.
MINE = "Жоспарды бекіту"
TO_ANSWER = "diagnostics/cards/to_answer.html"


def home(client) -> tuple[str, int, list]:  # type: ignore[no-untyped-def]
    """The cards' HTML, the page's queries and its cards."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    cards = response.context["cards"]
    page = response.content.decode()
    assert all(c.html in page for c in cards)  # as HTML, not escaped
    return "".join(c.html for c in cards), len(captured), cards


def test_the_second_visit_reads_the_users_cards_from_the_cache(client, cast: Cast) -> None:
    meeting_with_decision(council_of(cast.school_a), owner=cast.teacher_a.staff_profile)
    client.force_login(cast.teacher_a)
    first, first_queries, cards = home(client)
    assert MINE in first and all(c.context for c in cards)

    again, queries, cards = home(client)

    assert again == first
    assert not any(c.context for c in cards)
    # Session, user and roles: none of the cards' queries.
    assert queries == 3 < first_queries


def test_the_users_own_write_shows_on_the_next_visit(client, cast: Cast) -> None:
    _meeting, decision = meeting_with_decision(
        council_of(cast.school_a), owner=cast.teacher_a.staff_profile
    )
    client.force_login(cast.teacher_a)
    assert MINE in home(client)[0]
    version = client.session.get(USER_CARDS_SESSION_KEY)

    url = reverse("council:decision_follow_up", args=[decision.pk])
    assert client.post(url, {"done": "1", "outcome": "Жасалды"}).status_code == 302

    # In the session, which every worker reads, not only in this worker's cache.
    assert client.session[USER_CARDS_SESSION_KEY] != version
    assert MINE not in home(client)[0]


def test_someone_elses_write_reaches_the_cards_within_the_timeout(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert TO_ANSWER not in [c.template for c in home(client)[2]]
    launch("competence", cast.deputy_a, school=cast.school_a)

    with later(USER_CARDS_TIMEOUT - 5):
        assert TO_ANSWER not in [c.template for c in home(client)[2]]
    with later(USER_CARDS_TIMEOUT + 1):
        assert TO_ANSWER in [c.template for c in home(client)[2]]


def test_users_never_see_each_others_cards(client, cast: Cast) -> None:
    colleague = member(Role.TEACHER, school=cast.school_a)
    meeting_with_decision(council_of(cast.school_a), owner=cast.teacher_a.staff_profile)
    client.force_login(cast.teacher_a)
    assert MINE in home(client)[0]
    client.force_login(colleague)
    assert MINE not in home(client)[0]
    client.force_login(cast.teacher_b)
    assert MINE not in home(client)[0]


def test_a_signed_out_post_leaves_no_session_behind(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert client.post(reverse("logout")).status_code == 302
    assert USER_CARDS_SESSION_KEY not in client.session

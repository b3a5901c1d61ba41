"""No page's query count grows with the data: the home page and every menu page of each role's
login of `generate_scale`, on a small data set and on one with four times the staff.

The pages' own tests pin their counts on hand-made data; this one runs them on the synthetic
data set the load benchmark uses, with records, plans, meetings, events, PLCs and campaigns.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from adisker.core.navigation import items_for
from adisker.people.models import User
from bench.tests.test_generate_scale import generate

SCHOOLS = 8


def logins(output: str) -> dict[str, str]:
    """The role → login lines `generate_scale` prints at the end."""
    found = {}
    for line in output.splitlines():
        login, _space, role = line.strip().partition(" ")
        if line.startswith("  ") and User.objects.filter(username=login).exists():
            found[role.strip()] = login
    return found


def queries_per_page(per_school: int) -> dict[tuple[str, str], int]:
    """(role, URL) → queries, in a data set generated and rolled back for the measurement."""
    counts = {}
    with transaction.atomic():
        for role, login in logins(generate(schools=SCHOOLS, per_school=per_school)).items():
            user = User.objects.get(username=login)
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user, "adisker.people.backends.StaffBackend")
            for url in ["/", *(item.url for item in items_for(user))]:
                client.get(url, follow=True)  # the second request is counted, as under load
                # A menu item that redirects (My profile) is counted with the page it leads to.
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url, follow=True)
                assert response.status_code == 200, (role, url, response.redirect_chain)
                counts[role, url] = len(captured)
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_home_and_menu_pages_run_the_same_queries_on_four_times_the_data() -> None:
    small = queries_per_page(8)
    large = queries_per_page(32)
    assert len(small) > 30
    assert {page: n for page, n in large.items() if small.get(page) != n} == {}

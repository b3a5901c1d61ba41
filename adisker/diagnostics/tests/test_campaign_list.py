"""The list of campaigns: what each overseer sees of it, and every write on the next list."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from adisker.core.testing import Cast, listed
from adisker.diagnostics.models import Campaign

from .helpers import answer, instrument, invitation_of, launch, teacher

URL = reverse("diagnostics:index")


def rows(client) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each campaign's answered / invited and status, by its title, as shown."""
    response = client.get(URL)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return {
        row.xpath("td[1]/a")[0].text: tuple(
            row.xpath(f"td[{n}]")[0].text_content().strip() for n in (4, 5)
        )
        for row in page.xpath("//tbody/tr")
    }


def test_every_write_shows_on_the_next_list(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    for reader in (cast.deputy_a, cast.director_a, cast.methodologist_a):
        client.force_login(reader)
        assert listed(client.get(URL), Campaign) == [campaign]
    client.force_login(cast.deputy_b)
    assert listed(client.get(URL), Campaign) == []
    # Not asked, so the instrument's name is in nothing but the campaigns' list.
    client.force_login(cast.methodologist_a)
    open_status = rows(client)["competence campaign"][1]

    answer(invitation_of(campaign, cast.teacher_a), {})
    assert rows(client)["competence campaign"] == ("1 / 5", open_status)
    campaign.close()
    answered, status = rows(client)["competence campaign"]
    assert answered == "1 / 5" and status != open_status

    competence = instrument("competence")
    competence.name_kk = "Құзыреттілік диагностикасы (жаңа)"
    competence.save()
    assert competence.name_kk in client.get(URL).content.decode()
    campaign.delete()
    assert rows(client) == {}


def test_a_district_campaign_counts_the_answers_of_every_school_asked(client, cast: Cast) -> None:
    # The deputy of school A oversees the district's campaign, which school A2's teachers answer.
    other = teacher(cast.school_a2)
    campaign = launch("competence", cast.methodologist_a, district=cast.district_a)
    client.force_login(cast.deputy_a)
    invited = rows(client)["competence campaign"][0].split(" / ")[1]
    answer(invitation_of(campaign, other), {})
    assert rows(client)["competence campaign"][0] == f"1 / {invited}"
    # A campaign the methodologist launches later shows too.
    launch("innovation", cast.methodologist_a, district=cast.district_a)
    assert set(rows(client)) == {"competence campaign", "innovation campaign"}

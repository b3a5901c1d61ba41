"""The list of campaigns is rendered once for everyone who oversees the same schools and
districts, and rendered again as soon as anything it shows changes; a draft saved between
sections changes nothing it shows and renews nothing."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from adisker.core.testing import Cast, built_then_cached, listed
from adisker.diagnostics import services
from adisker.diagnostics.models import Campaign
from adisker.diagnostics.scoring import VersionStructure
from adisker.schools.models import School

from .helpers import answer, answers_for, instrument, invitation_of, launch, teacher

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


def test_the_list_is_read_from_the_cache_until_a_campaign_changes(client, cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    built, cached = built_then_cached(client, URL, cast.deputy_a, cast.director_a)
    assert listed(cached.response, Campaign) == listed(built.response, Campaign) == [campaign]
    assert cached.queries < built.queries - 2
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


def test_a_draft_saved_renews_no_summary_and_a_submission_does(cast: Cast) -> None:
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    invitation = invitation_of(campaign, cast.teacher_a)
    structure = VersionStructure.load(campaign.version)

    def version() -> int:
        return School.objects.get(pk=cast.school_a.pk).summary_version

    before = version()
    services.save_draft(invitation, answers_for(structure, {}))
    assert version() == before
    services.submit(invitation)
    assert version() != before

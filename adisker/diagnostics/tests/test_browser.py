"""A teacher answers on a phone-sized screen; the deputy director sees the school's chart."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Page

from adisker.core.testing import Cast
from adisker.core.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    CHROMIUM,
    browser,
    log_in,
    page,
)
from adisker.diagnostics.models import Response

from .helpers import answer, invitation_of, launch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_teacher_answers_on_a_phone_and_deputy_sees_the_chart(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    campaign = launch("competence", cast.deputy_a, school=cast.school_a)
    answer(invitation_of(campaign, cast.head_a), {"digital": 2}, default=4)
    invitation = invitation_of(campaign, cast.teacher_a)

    log_in(page, live_server.url, cast.teacher_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{invitation.get_absolute_url()}")
    assert page.viewport_size["width"] == 390
    sections = page.locator("form.answer-section")
    count = sections.count()
    assert count == 5
    # The first section: answered, autosaved, then the teacher leaves and comes back.
    first = sections.nth(0)
    for n in range(first.locator("fieldset").count()):
        first.locator("fieldset").nth(n).locator("label.btn").nth(3).click()
    page.wait_for_selector("#" + first.get_attribute("id") + "[data-saved=yes]")
    page.screenshot(path=ARTIFACTS / "diagnostics-answer-phone.png", full_page=False)
    page.reload()
    assert page.locator("form.answer-section").nth(0).locator("input:checked").count() == 4

    for s in range(1, count):
        section = page.locator("form.answer-section").nth(s)
        for n in range(section.locator("fieldset").count()):
            section.locator("fieldset").nth(n).locator("label.btn").nth(4).click()
        page.wait_for_selector("#" + section.get_attribute("id") + "[data-saved=yes]")
    # No sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#submit-answers")
    page.wait_for_url(f"{live_server.url}/diagnostics/")
    assert Response.objects.filter(respondent=cast.teacher_a).count() == 1
    page.screenshot(path=ARTIFACTS / "diagnostics-answered-phone.png", full_page=True)

    page.context.clear_cookies()
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/diagnostics/campaigns/{campaign.pk}/")
    page.screenshot(path=ARTIFACTS / "diagnostics-campaign-phone.png", full_page=True)
    page.goto(f"{live_server.url}/diagnostics/campaigns/{campaign.pk}/results/")
    page.screenshot(path=ARTIFACTS / "diagnostics-results-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    chart = page.locator("main svg[role=img]")
    assert chart.count() == 1
    assert chart.locator("rect").count() == 5
    assert "2" in page.inner_text("#results-table")
    page.screenshot(path=ARTIFACTS / "diagnostics-results-desktop.png", full_page=True)

"""The plan's htmx toggle in a real browser: the row and the totals change in place."""

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
from adisker.lib.dates import today
from adisker.records.models import PlannedCourse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_deputy_plans_a_course_with_one_click(live_server, cast: Cast, page: Page) -> None:  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/records/plan/")
    page.screenshot(path=ARTIFACTS / "plan-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    staff = cast.teacher_a.staff_profile
    year = today().year + 2
    row = f"#plan-row-{staff.pk}"
    totals = "#plan-totals th"
    assert page.locator(totals).nth(3).inner_text() == "0"
    page.click(f"{row} button[value='{year}']")
    page.wait_for_selector(f"{row} button[aria-pressed=true]")
    # Planned ahead, the teacher leaves this year's column for the planned one.
    assert page.locator(totals).nth(3).inner_text() == "1"
    assert page.locator(totals).nth(1).inner_text() == "4"
    assert PlannedCourse.objects.get().year == year
    page.screenshot(path=ARTIFACTS / "plan-desktop.png", full_page=True)

    page.click(f"{row} button[aria-pressed=true]")
    page.wait_for_selector(f"{row} button[aria-pressed=true]", state="detached")
    assert page.locator(totals).nth(3).inner_text() == "0"
    assert not PlannedCourse.objects.exists()

    page.goto(f"{live_server.url}/records/plan/district/")
    assert cast.school_a.name_kk in page.inner_text("main table")
    page.screenshot(path=ARTIFACTS / "district-plan-desktop.png", full_page=True)

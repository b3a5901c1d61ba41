"""A deputy creates an event on a phone and finds it in the month view."""

from __future__ import annotations

import shutil

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from adisker.core.testing import Cast
from adisker.core.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    CHROMIUM,
    browser,
    log_in,
    page,
)
from adisker.events.models import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_deputy_creates_an_event_and_sees_it_in_the_month_on_a_phone(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    day = timezone.localdate().replace(day=20)
    page.goto(f"{live_server.url}/events/new/?date={day.isoformat()}")
    page.fill("input[name=title]", "Ашық сабақ: физика, 9-сынып")
    page.select_option("select[name=form_of_work]", label="Ашық сабақ")
    page.fill("input[name=place]", "Физика кабинеті, 305")
    page.check(f"input[name=participants][value='{cast.teacher_a.staff_profile.pk}']")
    page.screenshot(path=ARTIFACTS / "event-form-phone.png", full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/events/" in url and url.rstrip("/").split("/")[-1].isdigit())
    page.screenshot(path=ARTIFACTS / "event-detail-phone.png", full_page=True)
    event = Event.objects.get()
    assert event.participants.get() == cast.teacher_a.staff_profile
    assert timezone.localtime(event.starts_at).date() == day

    page.goto(f"{live_server.url}/events/")
    # On a phone the grid gives way to a list of the days that have events.
    assert not page.is_visible("table.calendar-grid")
    item = page.locator("#calendar .list-group-item", has_text="Ашық сабақ: физика")
    assert item.is_visible()
    page.screenshot(path=ARTIFACTS / "events-month-phone.png", full_page=True)

    # htmx moves to the next month and back without a full reload.
    page.click("#calendar a[aria-label][href*='month']:not(:first-child)")
    page.wait_for_url(lambda url: "month=" in url)
    assert not page.locator("#calendar .list-group-item", has_text="Ашық сабақ").count()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/events/?year={day.year}&month={day.month}")
    assert page.locator("table.calendar-grid a", has_text="Ашық сабақ: физика").is_visible()
    page.screenshot(path=ARTIFACTS / "events-month-desktop.png", full_page=True)

"""A deputy creates an event on a phone and finds it in the month view."""

from __future__ import annotations

import datetime
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
from adisker.events.models import Event, Feedback
from adisker.events.tests.factories import add_event

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
    page.goto(f"{live_server.url}/events/list/")
    assert "Ашық сабақ: физика" in page.inner_text("#results")
    page.screenshot(path=ARTIFACTS / "events-list-desktop.png", full_page=True)


def test_a_participant_rates_a_past_event_on_a_phone(live_server, cast: Cast, page: Page) -> None:  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    event = add_event(
        school=cast.school_a,
        title="Семинар-практикум: кері байланыс",
        starts_in=datetime.timedelta(days=-2),
        participants=[cast.teacher_a.staff_profile, cast.facilitator_a.staff_profile],
        organiser=cast.deputy_a.staff_profile,
    )
    Feedback.objects.create(
        event=event, staff=cast.facilitator_a.staff_profile, rating=4, text="Пайдалы"
    )
    log_in(page, live_server.url, cast.teacher_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.click("#feedback ~ a.btn-primary")
    page.click("label[for$='rating_4']")  # the fifth button: 5
    page.fill("textarea[name=text]", "Рубрикаларды қолданамын.")
    page.screenshot(path=ARTIFACTS / "event-feedback-phone.png", full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: url.endswith("#feedback"))
    page.screenshot(path=ARTIFACTS / "event-rated-phone.png", full_page=True)
    mine = Feedback.objects.get(staff=cast.teacher_a.staff_profile)
    assert (mine.rating, mine.text) == (5, "Рубрикаларды қолданамын.")
    assert "4,5" in page.inner_text("main") or "4.5" in page.inner_text("main")

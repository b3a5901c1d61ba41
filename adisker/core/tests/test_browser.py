"""Real browser: Debian's Chromium driven by Playwright, never a downloaded browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

from adisker.core.testing import PASSWORD, Cast

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    # The live server needs committed data; serialized rollback restores the reference rows
    # that migrations wrote once the test's flush has emptied the tables.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread until it stops; the test's own
    # ORM calls are still plain synchronous code. Per test, so the loop is gone before the
    # database is flushed and before any other test runs.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="en-US")
    yield context.new_page()
    context.close()


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")


def test_deputy_logs_in_switches_language_and_sees_own_staff(
    live_server, cast: Cast, page: Page
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/accounts/login/")
    # The browser asks for English; the product still opens in Kazakh.
    assert page.get_attribute("html", "lang") == "kk"
    page.screenshot(path=ARTIFACTS / "login-kk-phone.png", full_page=True)

    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_attribute("html", "lang") == "kk"

    # On a phone the menu is folded behind the toggler.
    page.click(".navbar-toggler")
    # Waiting for the load state alone may read the page that was already loaded.
    with page.expect_navigation():
        page.click("button[name=language][value=ru]")
    assert page.get_attribute("html", "lang") == "ru"

    page.goto(f"{live_server.url}/staff/")
    rows = page.locator("#results tbody tr")
    shown = set(rows.all_inner_texts())
    assert len(shown) == 5
    assert all(cast.school_a.name_ru in row for row in shown)
    assert not any(cast.school_b.name_ru in row for row in shown)
    page.screenshot(path=ARTIFACTS / "staff-ru-phone.png", full_page=True)

    cast.deputy_a.refresh_from_db()
    assert cast.deputy_a.language == "ru"


def test_staff_search_updates_the_results_in_place(live_server, cast: Cast, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/staff/")
    target = cast.teacher_a.staff_profile
    page.fill("input[name=q]", target.last_name.lower())
    # htmx swaps #results and pushes the filter into the address bar, no full reload.
    page.wait_for_url(lambda url: "q=" in url)
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    assert target.full_name in page.inner_text("#results tbody")
    page.screenshot(path=ARTIFACTS / "staff-search-desktop.png", full_page=True)

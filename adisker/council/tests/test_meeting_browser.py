"""The deputy director builds a meeting in a real browser and exports its protocol."""

from __future__ import annotations

import datetime
import io
import shutil

import pytest
from docx import Document
from playwright.sync_api import Page

from adisker.core.testing import Cast
from adisker.core.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    CHROMIUM,
    browser,
    log_in,
    page,
)
from adisker.council.models import Meeting, ProtocolDecision
from adisker.council.tests.factories import council_of, plan_with_items
from adisker.lib.dates import today

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_deputy_builds_a_meeting_and_exports_the_protocol(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    deputy = cast.deputy_a.staff_profile
    teacher = cast.teacher_a.staff_profile
    council = council_of(cast.school_a, head=deputy, secretary=teacher)
    council.members.add(teacher)
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{council.get_absolute_url()}")
    page.click("a[href$='/meetings/new/']")
    page.fill("#id_held_on", today().isoformat())
    page.fill("#id_place", "Мәжіліс залы")
    page.click("main form button.btn-primary[type=submit]")
    page.wait_for_selector("h1:has-text('№1')")
    meeting = Meeting.objects.get()

    for title, heard in (
        ("Әдістемелік жұмыстың жылдық жоспарын бекіту", "Орынбасардың баяндамасы"),
        ("Тәлімгерлерді бекіту", "Тәлімгерлік жұптар ұсынылды"),
    ):
        page.click("a[href$='/agenda/new/']")
        page.fill("#id_title", title)
        page.fill("#id_heard", heard)
        page.click("main form button.btn-primary[type=submit]")
        page.wait_for_selector(f"h3:has-text('{title}')")

    page.locator("a[href$='/decisions/new/']").first.click()
    page.fill("#id_text", "Жылдық жоспар бекітілсін")
    page.select_option("#id_owner", str(teacher.pk))
    page.fill("#id_due_on", (today() + datetime.timedelta(days=7)).isoformat())
    page.click("main form button.btn-primary[type=submit]")
    page.wait_for_selector("text=Жылдық жоспар бекітілсін")
    decision = ProtocolDecision.objects.get()
    assert (decision.owner, decision.agenda_item.order) == (teacher, 1)
    page.screenshot(path=ARTIFACTS / "council-meeting-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=ARTIFACTS / "council-meeting-desktop.png", full_page=True)

    page.click("button.dropdown-toggle")
    with page.expect_download() as download_info:
        page.click(f"a[href$='/meeting/{meeting.pk}/docx/?language=kk']")
    with open(download_info.value.path(), "rb") as file:
        content = file.read()
    document = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in (
        "ХАТТАМА №1",
        "КҮН ТӘРТІБІ",
        "1. Әдістемелік жұмыстың жылдық жоспарын бекіту",
        "2. Тәлімгерлерді бекіту",
        "ТЫҢДАЛДЫ:",
        "ШЕШІМ:",
        "1.1. Жылдық жоспар бекітілсін",
        teacher.short_name,
    ):
        assert expected in text, expected
    (ARTIFACTS / "council-protocol.docx").write_bytes(content)


def test_the_plan_and_the_school_page_on_a_phone(live_server, cast: Cast, page: Page) -> None:  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    plan = plan_with_items(cast.school_a, count=3)
    item = plan.items.first()
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/council/school/{cast.school_a.pk}/")
    page.screenshot(path=ARTIFACTS / "council-school-phone.png", full_page=True)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    # The status changes in place (htmx) once evidence is given.
    page.select_option(f"#status-{item.pk}", "done")
    page.fill(f"#evidence-{item.pk}", "Хаттама №2")
    with page.expect_response(lambda response: "/status/" in response.url):
        page.click(f"#item-{item.pk} button[type=submit]")
    page.screenshot(path=ARTIFACTS / "council-plan-phone.png", full_page=True)
    item.refresh_from_db()
    assert (item.status, item.evidence) == ("done", "Хаттама №2")

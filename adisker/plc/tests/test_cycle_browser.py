"""A whole Lesson Study cycle in a real browser, on a phone-sized screen."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Browser, Page

from adisker.core.testing import Cast
from adisker.core.tests.test_browser import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    CHROMIUM,
    PHONE,
    browser,
    log_in,
    page,
)
from adisker.lib.dates import today
from adisker.plc.models import (
    Community,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    PupilResult,
    Stage,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def observe(tab: Page, pupil: str, notes: str) -> None:
    tab.click("a[href$='/lessons/1/observe/']")
    tab.select_option("select[name=pupil]", str(FocusPupil.objects.get(code=pupil).pk))
    tab.fill("textarea[name=notes]", notes)
    tab.click("main form button[type=submit]")
    tab.wait_for_selector("#evidence")


def test_a_plc_runs_a_lesson_study_cycle_and_exports_the_report(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
    browser: Browser,  # noqa: F811
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    base = live_server.url
    teacher, head = cast.teacher_a.staff_profile, cast.head_a.staff_profile
    log_in(page, base, cast.facilitator_a.username)
    page.wait_for_url(f"{base}/")

    # The PLC.
    page.goto(f"{base}/plc/new/")
    page.fill("input[name=name]", "5-сынып КБАҚ")
    page.check(f"input[name=members][value='{teacher.pk}']")
    page.check(f"input[name=members][value='{head.pk}']")
    page.fill("textarea[name=focus]", "Мәтіннен дәлел табу")
    page.fill("input[name=meeting_schedule]", "Әр екінші сейсенбі, 15:00")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#members")
    community = Community.objects.get()

    # The cycle, its question and its focus pupils.
    page.click(f"a[href='/plc/{community.pk}/cycles/new/']")
    page.fill("input[name=title]", "Дәлелмен жауап беру")
    page.fill("textarea[name=research_question]", "Оқушылар мәтіннен дәлелді қалай табады?")
    page.fill("input[name=target_class]", "5 Ә")
    page.click("main form button[type=submit]")
    page.click("#advance")
    page.wait_for_selector("#id_code")
    for code, level in (("A", "high"), ("B", "middle"), ("C", "low")):
        page.fill("#id_code", code)
        page.select_option("#id_attainment", level)
        page.click("form[action$='/pupils/'] button[type=submit]")
        page.wait_for_load_state()
    page.click("#advance")

    # The research lesson, planned together.
    page.click("a[href$='/lessons/1/']")
    page.select_option("select[name=teacher]", str(teacher.pk))
    page.fill("input[name=topic]", "Абай. Қара сөздер")
    page.fill("textarea[name=plan]", "1. Мәтінді оқу\n2. Жұпта дәлел іздеу")
    page.fill("textarea[name=expected_responses]", "A: екі дәлел; B: бір дәлел; C: сұрақ қояды")
    page.fill("input[name=taught_on]", today().isoformat())
    page.click("main form button[type=submit]")
    page.click("#advance")
    cycle = InquiryCycle.objects.get()
    assert cycle.stage == Stage.TAUGHT

    # Two observers, each with a form.
    observe(page, "A", "10:05 дәлелді тез тапты\n10:14 серігіне түсіндірді")
    other = browser.new_context(viewport=PHONE, locale="en-US").new_page()
    log_in(other, base, cast.teacher_a.username)
    other.wait_for_url(f"{base}/")
    other.goto(f"{base}{cycle.get_absolute_url()}")
    observe(other, "C", "10:07 сұрақ қойды")
    assert (
        LessonObservation.objects.filter(lesson__cycle=cycle).values("observer").distinct().count()
        == 2
    )

    # Results before and after.
    page.reload()
    page.fill("textarea[name=lines]", "A 60 85\nB 45 70\nC 20 55\nD 50 60")
    page.click("form[action$='/results/'] button[type=submit]")
    page.wait_for_selector("#class-change")
    assert page.inner_text("#class-change").strip() == "+23,7"
    assert PupilResult.objects.filter(cycle=cycle).count() == 8
    page.screenshot(path=ARTIFACTS / "plc-cycle-phone.png", full_page=True)

    # The report.
    with page.expect_download() as download:
        page.click("#report-kk")
    content = Path(download.value.path()).read_bytes()
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "дәлелді тез тапты" in text and "сұрақ қойды" in text
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}{community.get_absolute_url()}")
    page.screenshot(path=ARTIFACTS / "plc-community-desktop.png", full_page=True)


def test_practice_search_and_the_visit_matrix_on_a_phone(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
) -> None:
    from adisker.plc.models import ObservationVisit, Practice

    Practice.objects.create(
        author=cast.teacher_a.staff_profile,
        title="Екі жұлдыз, бір тілек",
        approach="Қалыптастырушы бағалау",
        description="Оқушылар бір-біріне кері байланыс береді.",
        tags="бағалау",
    )
    visit = ObservationVisit.schedule(
        observer=cast.head_a.staff_profile, observed=cast.teacher_a.staff_profile, on=today()
    )
    visit.complete(answers=[], feedback="Жақсы")
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/plc/practice/")
    page.fill("input[name=q]", "ЖҰЛДЫЗ")
    page.wait_for_url(lambda url: "q=" in url)
    assert "Екі жұлдыз" in page.inner_text("#results")
    page.screenshot(path=ARTIFACTS / "plc-practice-phone.png", full_page=True)
    page.goto(f"{live_server.url}/plc/visits/school/{cast.school_a.pk}/")
    assert page.locator("#matrix tbody tr").count() == 5
    assert page.locator("#below").is_visible()
    page.screenshot(path=ARTIFACTS / "plc-matrix-phone.png", full_page=True)

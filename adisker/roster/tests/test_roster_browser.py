"""A messy real list imported in a real browser: a subject answered in the preview, and the
teachers' five-year statuses computed from the imported course dates."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from adisker.core.testing import Cast
from adisker.core.tests.test_browser import (  # noqa: F401  (fixtures, and the marks)
    ARTIFACTS,
    browser,
    log_in,
    page,
    pytestmark,
)
from adisker.people.models import StaffProfile
from adisker.records.models import QualificationCourse
from adisker.roster.tests.rosters import real_iins, real_list, xlsx


def test_deputy_resolves_tarikh_imports_and_sees_the_five_year_statuses(
    live_server,
    cast: Cast,
    page: Page,  # noqa: F811
    settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = tmp_path / "media"
    iins = real_iins()
    staff_list = tmp_path / "Педагогтер тізімі.xlsx"
    staff_list.write_bytes(xlsx(real_list(iins)).getvalue())
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, cast.deputy_a.username)
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/staff/import/")
    page.set_input_files("input[name=file]", str(staff_list))
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_selector("#questions select")
    assert page.locator("#rows tbody tr").count() == 6
    assert "15" in page.inner_text("#notices")
    page.screenshot(path=ARTIFACTS / "roster-preview-desktop.png", full_page=True)
    assert not StaffProfile.objects.filter(iin__in=iins).exists()

    page.select_option("#questions select", label="Дүниежүзі тарихы")
    page.click("#questions ~ div button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/?school={cast.school_a.pk}")
    assert "Құсайынова Гүлнұр Нұрлановна" in page.inner_text("main")
    page.screenshot(path=ARTIFACTS / "roster-imported-desktop.png", full_page=True)
    maria = StaffProfile.objects.get(iin=iins[2])
    assert list(maria.subjects.values_list("code", flat=True)) == ["world-history"]
    assert QualificationCourse.objects.filter(staff__iin__in=iins, imported=True).count() == 3

    statuses = {}
    for iin in iins[:4]:
        staff = StaffProfile.objects.get(iin=iin)
        page.goto(f"{live_server.url}{staff.get_record_url()}")
        course_card = page.locator(".card").first
        statuses[iin] = course_card.get_attribute("class")
    page.goto(f"{live_server.url}{StaffProfile.objects.get(iin=iins[1]).get_record_url()}")
    page.screenshot(path=ARTIFACTS / "roster-overdue-record-desktop.png", full_page=True)
    # Courses a year ago, seven years ago (a year only), a year ago; none on record.
    assert ["border-success" in statuses[iins[0]], "border-danger" in statuses[iins[1]]] == [
        True,
        True,
    ]
    assert "border-success" in statuses[iins[2]]
    assert "border-secondary" in statuses[iins[3]]

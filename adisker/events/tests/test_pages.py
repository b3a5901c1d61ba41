"""The month and list pages: what they show, htmx partials, and constant queries."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.events.calendar import DAY_LIMIT
from adisker.events.tests.factories import Joint, add_event

ALMATY = ZoneInfo("Asia/Almaty")


def queries_for(client, url: str, params=None) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def month_shown(response) -> dict[datetime.date, list[int]]:  # type: ignore[no-untyped-def]
    """The events each day of the month's grid links to, read from the page as a user sees
    it."""
    grid = lxml.html.fromstring(response.content).xpath(
        "//table[contains(@class, 'calendar-grid')]"
    )
    return {
        datetime.date.fromisoformat(cell.get("data-date")): [
            int(link.get("href").strip("/").split("/")[-1]) for link in cell.xpath(".//a[@title]")
        ]
        for cell in grid[0].xpath(".//td")
    }


def phone_days(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The day headings of the list a phone shows instead of the grid."""
    page = lxml.html.fromstring(response.content)
    return [h.text_content() for h in page.xpath("//div[@class='d-md-none']/h3")]


def local(year: int, month: int, day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=ALMATY)


def test_the_month_shows_each_event_on_its_local_day(client, cast: Cast) -> None:
    # 00:30 on 1 December in Almaty is still 30 November in UTC; the calendar shows local days.
    event = add_event(
        school=cast.school_a,
        starts_at=local(2026, 12, 1, 0) + datetime.timedelta(minutes=30),
        ends_at=local(2026, 12, 2, 17),
    )
    client.force_login(cast.teacher_a)
    response = client.get(reverse("events:calendar"), {"year": "2026", "month": "12"})
    days = month_shown(response)
    assert days[datetime.date(2026, 12, 1)] == [event.pk]
    assert days[datetime.date(2026, 12, 2)] == [event.pk]
    assert days[datetime.date(2026, 11, 30)] == []
    assert len(phone_days(response)) == 2
    assert min(days).weekday() == 0  # Monday first


def test_a_busy_day_shows_the_first_few_and_links_to_the_rest(client, cast: Cast) -> None:
    busy = [
        add_event(
            school=cast.school_a,
            title=f"Ашық сабақ {hour}",
            starts_at=local(2026, 12, 3, hour),
            ends_at=local(2026, 12, 3, hour) + datetime.timedelta(minutes=45),
        )
        for hour in range(9, 9 + DAY_LIMIT + 2)
    ]
    client.force_login(cast.teacher_a)
    response = client.get(reverse("events:calendar"), {"year": "2026", "month": "12"})
    assert month_shown(response)[datetime.date(2026, 12, 3)] == [e.pk for e in busy[:DAY_LIMIT]]
    more = lxml.html.fromstring(response.content).xpath(
        "//td[@data-date='2026-12-03']//a[contains(@href, 'starts_from=2026-12-03')]"
    )
    # "2 more" in every language: the number of events left out of the day's cell.
    assert [re.findall(r"\d+", link.text_content()) for link in more] == [["2"]]
    assert "starts_from=2026-12-03&amp;starts_until=2026-12-03" in response.content.decode()


def test_month_navigation_returns_only_the_calendar_to_htmx(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(
        reverse("events:calendar"), {"year": "2027", "month": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="calendar">')
    assert "<nav" not in html
    assert "year=2027&amp;month=2" in html
    assert "year=2026&amp;month=12" in html


def test_a_nonsense_month_falls_back_to_the_current_one(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("events:calendar"), {"year": "x", "month": "13"})
    assert timezone.localdate() in month_shown(response)


def test_the_list_filters_and_paginates(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 2
    for n in range(3):
        add_event(
            school=cast.school_a, title=f"Семинар {n}", starts_in=datetime.timedelta(days=n + 1)
        )
    past = add_event(school=cast.school_a, title="Өткен", starts_in=datetime.timedelta(days=-5))
    mine = add_event(
        school=cast.school_a,
        title="Әдістемелік ӨНЕР",
        participants=[cast.teacher_a.staff_profile],
    )
    client.force_login(cast.teacher_a)
    url = reverse("events:list")
    response = client.get(url)
    assert response.context["page"].paginator.count == 5
    assert len(response.context["page"].object_list) == 2
    assert list(client.get(url, {"when": "past"}).context["page"]) == [past]
    assert list(client.get(url, {"q": "өнер"}).context["page"]) == [mine]
    assert list(client.get(url, {"mine": "yes"}).context["page"]) == [mine]
    response = client.get(url, {"when": "upcoming", "page": "2"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="results">')
    assert len(response.context["page"].object_list) == 2


def add_events(cast: Cast, joint: Joint, n: int) -> None:
    for i in range(n):
        staff = StaffProfileFactory(school=cast.school_a)
        add_event(
            school=cast.school_a,
            starts_in=datetime.timedelta(days=i % 20),
            participants=[staff, cast.teacher_a.staff_profile],
        )
        add_event(inter_school=joint.association, starts_in=datetime.timedelta(days=i % 20))


def test_the_month_list_and_event_pages_run_constant_queries(client, cast: Cast, settings) -> None:
    settings.PAGE_SIZE = 100
    joint = Joint(cast)
    today = timezone.localdate()
    month = {"year": today.year, "month": today.month}
    client.force_login(cast.teacher_a)
    add_events(cast, joint, 2)
    event = add_event(school=cast.school_a, participants=[cast.teacher_a.staff_profile])
    pages = [
        (reverse("events:calendar"), month),
        (reverse("events:list"), {}),
        (reverse("events:list"), {"mine": "yes", "when": "upcoming"}),
        (event.get_absolute_url(), {}),
        (reverse("home"), {}),
    ]
    few = [queries_for(client, url, params) for url, params in pages]
    add_events(cast, joint, 20)
    for staff in StaffProfileFactory.create_batch(5, school=cast.school_a):
        event.participations.create(staff=staff)
    many = [queries_for(client, url, params) for url, params in pages]
    assert few == many


def test_someone_who_sees_several_districts_chooses_one_districts_month(client, cast: Cast) -> None:
    starts, ends = local(2026, 12, 3, 15), local(2026, 12, 3, 17)
    times = {"starts_at": starts, "ends_at": ends}
    ours = add_event(school=cast.school_a2, title="Аудан А", **times)
    joint = add_event(inter_school=Joint(cast).association, title="Бірлестік", **times)
    theirs = add_event(school=cast.school_b, title="Аудан Б", **times)
    client.force_login(cast.admin)
    url, month = reverse("events:calendar"), {"year": "2026", "month": "12"}

    def shown(**params: object) -> set[object]:
        response = client.get(url, {**month, **params})
        assert response.status_code == 200
        return {pk for events in month_shown(response).values() for pk in events}

    page = client.get(url, month).content.decode()
    assert 'id="choose-district"' in page and shown() == set()
    assert shown(district=cast.district_a.pk) == {ours.pk, joint.pk}
    assert shown(district=cast.district_b.pk) == {theirs.pk}
    html = client.get(url, {**month, "district": cast.district_b.pk}).content.decode()
    assert f"month=1&amp;district={cast.district_b.pk}" in html
    # One district's methodologist has nothing to choose, and cannot ask for another's.
    client.force_login(cast.methodologist_a)
    assert shown(district=cast.district_b.pk) == {ours.pk, joint.pk}
    assert client.get(url, month).context["districts"] is None


def test_the_list_of_several_districts_events_is_one_districts_or_a_search(
    client, cast: Cast
) -> None:
    ours = add_event(school=cast.school_a, title="Ашық сабақ А")
    theirs = add_event(school=cast.school_b, title="Ашық сабақ Б")
    url = reverse("events:list")
    client.force_login(cast.admin)
    response = client.get(url)
    assert 'id="choose-district"' in response.content.decode()
    assert list(response.context["page"]) == []
    assert list(client.get(url, {"district": cast.district_b.pk}).context["page"]) == [theirs]
    assert set(client.get(url, {"q": "ашық сабақ"}).context["page"]) == {ours, theirs}
    client.force_login(cast.methodologist_a)
    response = client.get(url)
    assert "district" not in response.context["filter"].form.fields
    assert list(response.context["page"]) == [ours]

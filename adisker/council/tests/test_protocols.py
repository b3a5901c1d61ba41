"""Meetings, protocol numbering, decisions followed up as tasks, the protocol document."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from adisker.core.testing import Cast
from adisker.council.models import AgendaItem, Association, Meeting, ProtocolDecision
from adisker.council.services import add_agenda_item, schedule_meeting
from adisker.council.tests.factories import council_of, meeting_with_decision, structure_of
from adisker.lib.dates import today
from adisker.schools.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_it_numbers_protocols_per_structure_and_year(cast: Cast) -> None:
    council = council_of(cast.school_a)
    association = structure_of(cast.school_a)
    numbers = [schedule_meeting(association=council, held_on=today()).number for _ in range(3)]
    assert numbers == [1, 2, 3]
    # Another structure has its own numbering.
    assert schedule_meeting(association=association, held_on=today()).number == 1
    # Next year's council starts again at No. 1.
    next_year = AcademicYear.objects.create(start_year=council.academic_year.start_year + 1)
    next_council = Association.objects.create(
        school=cast.school_a, academic_year=next_year, kind="council", name="Кеңес"
    )
    assert schedule_meeting(association=next_council, held_on=today()).number == 1


def test_it_numbers_a_meeting_made_through_the_page(client, cast: Cast) -> None:
    council = council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    schedule_meeting(association=council, held_on=today())
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("council:meeting_create", args=[council.pk]),
        {
            "held_on": today().isoformat(),
            "place": "Кабинет 12",
            "attendees": [cast.deputy_a.staff_profile.pk],
        },
    )
    meeting = Meeting.objects.get(number=2)
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()
    assert list(meeting.attendees.all()) == [cast.deputy_a.staff_profile]


def test_it_refuses_a_meeting_date_outside_the_year(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    client.force_login(cast.deputy_a)
    late = council.academic_year.ends_on + datetime.timedelta(days=1)
    response = client.post(
        reverse("council:meeting_create", args=[council.pk]), {"held_on": late.isoformat()}
    )
    assert response.status_code == 200
    assert "held_on" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_it_turns_a_decision_into_a_task_followed_up(client, cast: Cast) -> None:
    council = council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    teacher = cast.teacher_a.staff_profile
    client.force_login(cast.deputy_a)
    first = schedule_meeting(association=council, held_on=today())
    client.post(
        reverse("council:agenda_create", args=[first.pk]),
        {"title": "Ашық сабақтар кестесі", "heard": "Орынбасардың баяндамасы"},
    )
    item = AgendaItem.objects.get()
    due = today() + datetime.timedelta(days=7)
    response = client.post(
        reverse("council:decision_create", args=[item.pk]),
        {"text": "Кестені құру", "owner": teacher.pk, "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    decision = ProtocolDecision.objects.get()
    assert (decision.owner, decision.due_on, decision.done_on) == (teacher, due, None)

    # The owner sees it on their home page.
    client.force_login(cast.teacher_a)
    cards = client.get(reverse("home")).context["cards"]
    card = next(c for c in cards if c.template == "council/cards/open_decisions.html")
    assert card.context["mine"] == [decision]

    # The next meeting brings it up.
    second = schedule_meeting(association=council, held_on=today())
    response = client.get(reverse("council:meeting", args=[second.pk]))
    assert list(response.context["follow_up"]) == [decision]
    assert not client.get(reverse("council:meeting", args=[first.pk])).context["follow_up"]

    # The owner records what was done; it leaves the card and the next meeting's list.
    response = client.post(
        reverse("council:decision_follow_up", args=[decision.pk]),
        {"done": "1", "outcome": "Кесте ілінді"},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.done_on, decision.outcome) == (today(), "Кесте ілінді")
    assert not client.get(reverse("council:meeting", args=[second.pk])).context["follow_up"]
    cards = client.get(reverse("home")).context["cards"]
    assert "council/cards/open_decisions.html" not in [c.template for c in cards]


def test_it_shows_the_school_managers_open_decisions_by_owner(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    meeting_with_decision(
        council, owner=cast.teacher_a.staff_profile, due_on=today() - datetime.timedelta(days=1)
    )
    client.force_login(cast.director_a)
    cards = client.get(reverse("home")).context["cards"]
    card = next(c for c in cards if c.template == "council/cards/open_decisions.html")
    ((name, count, overdue),) = card.context["by_owner"]
    assert (count, overdue) == (1, 1)
    assert name.startswith(cast.teacher_a.staff_profile.last_name)


def test_it_refuses_a_follow_up_by_someone_else(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    _meeting, decision = meeting_with_decision(council, owner=cast.deputy_a.staff_profile)
    url = reverse("council:decision_follow_up", args=[decision.pk])
    client.force_login(cast.teacher_a)
    assert client.post(url, {"done": "1", "outcome": "x"}).status_code == 403
    client.force_login(cast.teacher_b)
    assert client.post(url, {"done": "1", "outcome": "x"}).status_code == 404
    client.force_login(cast.deputy_a)
    assert client.get(url).status_code == 405
    decision.refresh_from_db()
    assert decision.done_on is None


def test_it_asks_what_was_done_and_can_reopen(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    meeting, decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    url = reverse("council:decision_follow_up", args=[decision.pk])
    client.force_login(cast.deputy_a)
    client.post(url, {"done": "1", "outcome": " "})
    decision.refresh_from_db()
    assert decision.done_on is None
    response = client.post(url, {"done": "1", "outcome": "Орындалды", "next": "//evil.example"})
    assert response["Location"] == meeting.get_absolute_url()
    response = client.post(url, {"done": "1", "outcome": "Орындалды", "next": "/\\evil.example"})
    assert response["Location"] == meeting.get_absolute_url()
    decision.refresh_from_db()
    assert decision.done_on == today()
    response = client.post(url, {})
    assert response.url == meeting.get_absolute_url()
    decision.refresh_from_db()
    assert decision.done_on is None


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher_a", 403), ("director_a", 403), ("teacher_b", 404), ("methodologist_a", 403)],
)
def test_it_refuses_meeting_edits_without_the_role(
    client, cast: Cast, name: str, status: int
) -> None:
    council = council_of(cast.school_a)
    meeting, decision = meeting_with_decision(council, owner=cast.deputy_a.staff_profile)
    item = decision.agenda_item
    client.force_login(cast.user(name))
    posts = [
        (reverse("council:meeting_create", args=[council.pk]), {"held_on": today().isoformat()}),
        (reverse("council:meeting_edit", args=[meeting.pk]), {"held_on": today().isoformat()}),
        (reverse("council:agenda_create", args=[meeting.pk]), {"title": "X"}),
        (reverse("council:agenda_edit", args=[item.pk]), {"title": "X"}),
        (reverse("council:decision_create", args=[item.pk]), {"text": "X"}),
        (reverse("council:decision_edit", args=[decision.pk]), {"text": "X"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == status, url
    assert Meeting.objects.count() == 1
    assert AgendaItem.objects.get().title == item.title
    assert ProtocolDecision.objects.get().text == decision.text


def test_it_lets_the_head_run_their_own_association(client, cast: Cast) -> None:
    head = cast.head_a.staff_profile
    mine = structure_of(cast.school_a, head=head)
    other = structure_of(cast.school_a, name="Гуманитарлық ӘБ")
    client.force_login(cast.head_a)
    url = reverse("council:meeting_create", args=[mine.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"held_on": today().isoformat()}).status_code == 302
    assert (
        client.post(
            reverse("council:meeting_create", args=[other.pk]), {"held_on": today().isoformat()}
        ).status_code
        == 403
    )
    # The composition stays with the deputy director.
    assert client.get(reverse("council:structure_edit", args=[mine.pk])).status_code == 403
    assert list(Meeting.objects.values_list("association", flat=True)) == [mine.pk]


def test_it_edits_meeting_agenda_and_decision(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    meeting, decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    item = decision.agenda_item
    client.force_login(cast.deputy_a)
    for url in (
        reverse("council:meeting_edit", args=[meeting.pk]),
        reverse("council:agenda_edit", args=[item.pk]),
        reverse("council:decision_edit", args=[decision.pk]),
        reverse("council:decision_create", args=[item.pk]),
        reverse("council:agenda_create", args=[meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url
    client.post(
        reverse("council:meeting_edit", args=[meeting.pk]),
        {"held_on": today().isoformat(), "place": "Мәжіліс залы", "invited": "Аудан әдіскері"},
    )
    client.post(
        reverse("council:agenda_edit", args=[item.pk]),
        {"title": "Жаңа тақырып", "heard": "Баяндама", "spoke": "Мұғалімдер"},
    )
    response = client.post(
        reverse("council:decision_edit", args=[decision.pk]),
        {"text": "Жаңа шешім", "owner": cast.teacher_a.staff_profile.pk},
    )
    assert "due_on" in response.context["form"].errors
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert (meeting.place, item.title, item.spoke) == ("Мәжіліс залы", "Жаңа тақырып", "Мұғалімдер")
    decision.refresh_from_db()
    assert decision.text == "Жоспарды бекіту"


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", ["ХАТТАМА №1", "КҮН ТӘРТІБІ", "ТЫҢДАЛДЫ", "ШЕШІМ", "Қатысқандар: 1", "Хатшы"]),
        (
            "ru",
            ["ПРОТОКОЛ №1", "ПОВЕСТКА ДНЯ", "СЛУШАЛИ", "РЕШИЛИ", "Присутствовали: 1", "Секретарь"],
        ),
    ],
)
def test_it_exports_the_protocol(client, cast: Cast, language: str, words: list[str]) -> None:
    council = council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    council.members.add(cast.teacher_a.staff_profile)
    meeting, decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    meeting.attendees.add(cast.deputy_a.staff_profile)
    client.force_login(cast.teacher_a)
    response = client.get(
        reverse("council:protocol_docx", args=[meeting.pk]), {"language": language}
    )
    assert response.status_code == 200
    text = _docx_text(response.content)
    for word in [
        *words,
        "Жылдық жоспарды бекіту",
        decision.text,
        getattr(cast.school_a, f"name_{language}"),
    ]:
        assert word in text, word
    client.force_login(cast.teacher_b)
    assert client.get(reverse("council:protocol_docx", args=[meeting.pk])).status_code == 404


def test_meeting_page_runs_constant_queries(client, cast: Cast, django_assert_num_queries) -> None:
    council = council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    _meeting, decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    later = schedule_meeting(association=council, held_on=today())
    client.force_login(cast.deputy_a)
    url = reverse("council:meeting", args=[later.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        ProtocolDecision.objects.create(
            agenda_item=decision.agenda_item,
            text=f"Шешім {number}",
            owner=cast.head_a.staff_profile,
        )
        add_agenda_item(meeting=later, title=f"Мәселе {number}", speaker=cast.head_a.staff_profile)
    later.attendees.add(cast.teacher_a.staff_profile, cast.deputy_a.staff_profile)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["follow_up"]) == 5


def test_it_deletes_agenda_items_and_decisions_for_editors_only(client, cast: Cast) -> None:
    council = council_of(cast.school_a)
    meeting, decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    second = add_agenda_item(meeting=meeting, title="Әртүрлі")
    client.force_login(cast.teacher_a)
    assert client.post(reverse("council:decision_delete", args=[decision.pk])).status_code == 403
    assert client.post(reverse("council:agenda_delete", args=[second.pk])).status_code == 403
    assert ProtocolDecision.objects.count() == 1
    client.force_login(cast.deputy_a)
    response = client.get(reverse("council:decision_edit", args=[decision.pk]))
    assert response.context["delete_url"] == reverse("council:decision_delete", args=[decision.pk])
    response = client.post(reverse("council:decision_delete", args=[decision.pk]))
    assert response.url == meeting.get_absolute_url()
    assert not ProtocolDecision.objects.exists()
    client.post(reverse("council:agenda_delete", args=[decision.agenda_item_id]))
    second.refresh_from_db()
    assert (meeting.agenda_items.count(), second.order) == (1, 1)


def test_meeting_page_reads_its_own_decisions_in_constant_queries(
    client, cast: Cast, django_assert_num_queries
) -> None:
    council = council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    meeting, _decision = meeting_with_decision(council, owner=cast.teacher_a.staff_profile)
    client.force_login(cast.deputy_a)
    url = reverse("council:meeting", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5):
        item = add_agenda_item(meeting=meeting, title=f"Мәселе {number}")
        for owner in (cast.teacher_a, cast.head_a):
            ProtocolDecision.objects.create(
                agenda_item=item, text=f"Шешім {number}", owner=owner.staff_profile
            )
        council.members.add(cast.head_a.staff_profile)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert sum(len(i.decision_list) for i in response.context["agenda"]) == 11
    assert "Шешім 4" in response.content.decode()

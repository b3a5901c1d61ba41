"""The stage rules of an inquiry / Lesson Study cycle and the cycle pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from adisker.core.testing import Cast
from adisker.plc.models import InquiryCycle, LessonObservation, ResearchLesson, Stage, StageChange
from adisker.plc.tests import factories as f

pytestmark = pytest.mark.django_db


def advance(found: InquiryCycle, cast: Cast) -> None:
    found = InquiryCycle.objects.get(pk=found.pk)
    found.advance(by=cast.teacher_a, to=found.next_stage)


def test_it_walks_a_complete_cycle_through_every_stage(cast: Cast) -> None:
    found = f.cycle(cast)
    advance(found, cast)
    pupils = f.pupils(found)
    advance(found, cast)
    first = f.lesson(found, f.staff(cast.teacher_a))
    advance(found, cast)
    first.taught_on = first.taught_on or found.created_at.date()
    first.save()
    f.observation(first, f.staff(cast.facilitator_a), pupils[0])
    advance(found, cast)
    found.discussion_notes = "B топта үндемеді"
    found.save(update_fields=["discussion_notes"])
    advance(found, cast)
    f.lesson(found, f.staff(cast.teacher_a), round_number=2, taught=True)
    advance(found, cast)
    found.report = "Дәлел табу 20 пайызға өсті"
    found.save(update_fields=["report"])
    f.results(found, {"A": (60, 80), "B": (40, 70), "C": (20, 50)})
    advance(found, cast)
    found.refresh_from_db()
    assert found.stage == Stage.CLOSED
    assert list(StageChange.objects.filter(cycle=found).values_list("stage", flat=True)) == [
        Stage.FOCUS_PUPILS,
        Stage.PLANNING,
        Stage.TAUGHT,
        Stage.DISCUSSION,
        Stage.RETAUGHT,
        Stage.REPORT,
        Stage.CLOSED,
    ]
    assert {c.by for c in StageChange.objects.filter(cycle=found)} == {cast.teacher_a}


def test_it_needs_three_pupils_of_different_attainment(cast: Cast) -> None:
    found = f.cycle(cast, stage=Stage.FOCUS_PUPILS)
    found.focus_pupils.create(code="A", attainment="high")
    found.focus_pupils.create(code="B", attainment="middle")
    with pytest.raises(ValidationError):
        advance(found, cast)
    assert InquiryCycle.objects.get(pk=found.pk).stage == Stage.FOCUS_PUPILS
    assert not StageChange.objects.exists()


def test_it_needs_the_expected_responses_in_the_plan(cast: Cast) -> None:
    found = f.cycle(cast, stage=Stage.PLANNING)
    lesson = f.lesson(found, f.staff(cast.teacher_a))
    lesson.expected_responses = ""
    lesson.save()
    with pytest.raises(ValidationError):
        advance(found, cast)


def test_it_needs_an_observation_before_the_discussion(cast: Cast) -> None:
    found = f.cycle(cast, stage=Stage.TAUGHT)
    f.pupils(found)
    f.lesson(found, f.staff(cast.teacher_a), taught=True)
    with translation.override("en"):
        assert "at least one observation form" in found.missing_for_next_stage()
    with pytest.raises(ValidationError):
        advance(found, cast)


def test_it_refuses_to_skip_a_stage_or_repeat_a_stale_click(cast: Cast) -> None:
    found = f.cycle(cast)
    with pytest.raises(ValidationError):
        found.advance(by=cast.teacher_a, to=Stage.PLANNING)
    found.advance(by=cast.teacher_a, to=Stage.FOCUS_PUPILS)
    stale = InquiryCycle.objects.get(pk=found.pk)
    stale.stage = Stage.QUESTION  # the page the user saw
    with pytest.raises(ValidationError):
        stale.advance(by=cast.teacher_a, to=Stage.FOCUS_PUPILS)
    assert StageChange.objects.count() == 1


def test_a_member_moves_the_cycle_on_from_its_page(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    url = reverse("plc:cycle_advance", args=[found.pk])
    response = client.post(url, {"to": Stage.FOCUS_PUPILS})
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.stage == Stage.FOCUS_PUPILS
    # Not ready for the next one: the stage stays and the user is told why.
    response = client.post(url, {"to": Stage.PLANNING}, follow=True)
    assert "үш оқушы" in response.content.decode()  # the stage's rule, in Kazakh
    found.refresh_from_db()
    assert found.stage == Stage.FOCUS_PUPILS


def test_advance_is_post_only_and_refused_to_readers(client, cast: Cast) -> None:
    found = f.cycle(cast)
    url = reverse("plc:cycle_advance", args=[found.pk])
    client.force_login(cast.teacher_a)
    assert client.get(url).status_code == 405
    client.force_login(cast.director_a)
    assert client.post(url, {"to": Stage.FOCUS_PUPILS}).status_code == 403
    client.force_login(cast.teacher_b)
    assert client.post(url, {"to": Stage.FOCUS_PUPILS}).status_code == 404
    found.refresh_from_db()
    assert found.stage == Stage.QUESTION


def test_members_create_and_edit_a_cycle(client, cast: Cast) -> None:
    plc = f.community(cast)
    client.force_login(cast.teacher_a)
    url = reverse("plc:cycle_create", args=[plc.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Сұрақ қою", "research_question": "Қалай?", "target_class": "7 Б"}
    )
    found = InquiryCycle.objects.get()
    assert response.url == found.get_absolute_url()
    edit = reverse("plc:cycle_edit", args=[found.pk])
    assert client.get(edit).status_code == 200
    data = {"title": "Сұрақ қою 2", "research_question": "Қалай?", "target_class": "7 Б"}
    client.post(edit, data)
    found.refresh_from_db()
    assert found.title == "Сұрақ қою 2"
    client.force_login(cast.deputy_a)
    assert client.get(reverse("plc:cycle", args=[found.pk])).status_code == 200
    assert client.get(edit).status_code == 403


def test_members_plan_lessons_and_file_observation_forms(client, cast: Cast) -> None:
    found = f.cycle(cast, stage=Stage.PLANNING)
    pupils = f.pupils(found)
    client.force_login(cast.teacher_a)
    url = reverse("plc:lesson", args=[found.pk, 1])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "teacher": f.staff(cast.teacher_a).pk,
            "topic": "Абай",
            "plan": "1. Кіріспе",
            "expected_responses": "A: дәлел",
        },
    )
    lesson = ResearchLesson.objects.get(cycle=found, round=1)
    # The revised lesson starts from the first plan.
    second = client.get(reverse("plc:lesson", args=[found.pk, 2]))
    assert second.context["form"].initial["plan"] == "1. Кіріспе"
    assert client.get(reverse("plc:lesson", args=[found.pk, 3])).status_code == 404

    observe = reverse("plc:observe", args=[found.pk, 1])
    assert client.get(observe).status_code == 200
    response = client.post(
        observe, {"pupil": pupils[2].pk, "notes": "10:05 сұрақ қойды\n10:12 жауап берді"}
    )
    assert response.status_code == 302
    observation = LessonObservation.objects.get(lesson=lesson)
    assert [n.text for n in observation.notes.all()] == ["сұрақ қойды", "жауап берді"]
    bad = client.post(observe, {"pupil": pupils[2].pk, "notes": "сұрақ қойды"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["notes"]


def test_it_adds_focus_pupils_by_code(client, cast: Cast) -> None:
    found = f.cycle(cast, stage=Stage.FOCUS_PUPILS)
    client.force_login(cast.teacher_a)
    url = reverse("plc:pupil_add", args=[found.pk])
    client.post(url, {"code": "П1", "attainment": "high"})
    client.post(url, {"code": "П2", "attainment": "high"})  # the level is taken
    client.post(url, {"code": "Айгүл Сейітова", "attainment": "low"})
    assert list(found.focus_pupils.values_list("code", flat=True)) == ["П1"]


def test_it_saves_the_discussion_and_the_report(client, cast: Cast) -> None:
    found = f.cycle(cast)
    client.force_login(cast.teacher_a)
    client.post(
        reverse("plc:cycle_texts", args=[found.pk]),
        {"discussion_notes": "Талқылау", "report": "Қорытынды"},
    )
    found.refresh_from_db()
    assert (found.discussion_notes, found.report) == ("Талқылау", "Қорытынды")


def test_cycle_page_runs_constant_queries(client, cast: Cast) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from adisker.core.testing import StaffProfileFactory

    found = f.cycle(cast)
    pupils = f.pupils(found)
    lesson = f.lesson(found, f.staff(cast.teacher_a), taught=True)
    f.observation(lesson, f.staff(cast.facilitator_a), pupils[0])
    f.results(found, {"A": (10, 20)})
    client.force_login(cast.teacher_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(found.get_absolute_url()).status_code == 200
        return len(captured)

    few = count()
    second = f.lesson(found, f.staff(cast.teacher_a), round_number=2, taught=True)
    for index in range(6):
        observer = StaffProfileFactory(school=cast.school_a)
        f.observation(second, observer, pupils[index % 3])
        f.results(found, {f"П{index}": (30, 40)})
    found.stage_changes.create(stage=Stage.FOCUS_PUPILS, by=cast.teacher_a)
    found.stage_changes.create(stage=Stage.PLANNING, by=cast.facilitator_a)
    assert count() == few

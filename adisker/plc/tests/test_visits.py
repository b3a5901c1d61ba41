"""Mutual lesson observation: scheduling, forms, who reads the feedback, the visit matrix."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory
from adisker.lib.dates import today
from adisker.plc.models import (
    FEEDBACK_PRIVATE_DAYS,
    ObservationRule,
    ObservationTemplate,
    ObservationVisit,
    half_year_of,
)
from adisker.plc.selectors import visit_matrix
from adisker.plc.tests import factories as f
from adisker.plc.views import SCHOOL_LINKS

pytestmark = pytest.mark.django_db


def visit(
    cast: Cast, *, done: bool = True, on: datetime.date | None = None, observer=None, observed=None
) -> ObservationVisit:  # type: ignore[no-untyped-def]
    found = ObservationVisit.schedule(
        observer=observer or f.staff(cast.head_a),
        observed=observed or f.staff(cast.teacher_a),
        on=on or today(),
        template=ObservationTemplate.objects.filter(school=None).first(),
    )
    if done:
        found.complete(answers=[{"question": "Q", "answer": "A"}], feedback="Сұрақтарыңыз терең")
    return found


def test_the_shared_templates_are_reference_data_in_three_languages() -> None:
    template = ObservationTemplate.objects.filter(school=None).first()
    assert template.name_kk and template.name_ru and template.name_en
    assert len(template.questions) >= 3


def test_schedule_refuses_oneself_and_another_school(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        ObservationVisit.schedule(
            observer=f.staff(cast.teacher_a), observed=f.staff(cast.teacher_a), on=today()
        )
    with pytest.raises(ValidationError):
        ObservationVisit.schedule(
            observer=f.staff(cast.teacher_a), observed=f.staff(cast.teacher_b), on=today()
        )
    assert not ObservationVisit.objects.exists()


def test_the_observed_teacher_reads_the_feedback_first(client, cast: Cast) -> None:
    found = visit(cast)
    url = found.get_absolute_url()
    client.force_login(cast.deputy_a)
    page = client.get(url)
    assert page.context["feedback_visible"] is False
    assert "Сұрақтарыңыз терең" not in page.content.decode()
    client.force_login(cast.teacher_a)
    page = client.get(url)
    assert "Сұрақтарыңыз терең" in page.content.decode()
    found.refresh_from_db()
    assert found.feedback_read_at is not None
    client.force_login(cast.deputy_a)
    assert "Сұрақтарыңыз терең" in client.get(url).content.decode()


def test_the_deputy_reads_unopened_feedback_after_a_week(cast: Cast) -> None:
    found = visit(cast)
    assert not found.feedback_visible_to(cast.deputy_a)
    found.completed_at = timezone.now() - datetime.timedelta(days=FEEDBACK_PRIVATE_DAYS)
    assert found.feedback_visible_to(cast.deputy_a)
    assert found.feedback_visible_to(cast.director_a)


def test_other_teachers_never_read_the_feedback(client, cast: Cast) -> None:
    found = visit(cast)
    found.feedback_read_at = timezone.now()
    found.save()
    assert found.feedback_visible_to(cast.head_a)  # the observer wrote it
    assert not found.feedback_visible_to(cast.facilitator_a)
    for user in (cast.facilitator_a, cast.teacher_b, cast.deputy_b, cast.methodologist_b):
        client.force_login(user)
        assert client.get(found.get_absolute_url()).status_code == 404
    # The district's methodologist sees that the visit happened, not what was said.
    client.force_login(cast.methodologist_a)
    page = client.get(found.get_absolute_url())
    assert page.status_code == 200
    assert "Сұрақтарыңыз терең" not in page.content.decode()


def test_only_the_observer_files_the_form(client, cast: Cast) -> None:
    found = visit(cast, done=False)
    client.force_login(cast.teacher_a)
    response = client.post(found.get_absolute_url(), {"feedback": "x"})
    assert response.status_code == 403
    client.force_login(cast.head_a)
    page = client.get(found.get_absolute_url())
    questions = found.template.questions
    assert [
        page.context["form"].fields[f"answer_{i}"].label for i in range(len(questions))
    ] == questions
    data = {f"answer_{i}": f"жауап {i}" for i in range(len(questions))}
    assert client.post(found.get_absolute_url(), {**data}).status_code == 200  # feedback required
    response = client.post(found.get_absolute_url(), {**data, "feedback": "Жақсы сабақ"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.is_done and found.feedback == "Жақсы сабақ"
    assert found.answers[0] == {"question": questions[0], "answer": "жауап 0"}


def test_the_deputy_schedules_visits_and_a_teacher_their_own(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("plc:visit_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "observer": f.staff(cast.head_a).pk,
            "observed": f.staff(cast.teacher_a).pk,
            "visit_on": "2026-12-02",
        },
    )
    assert response.status_code == 302
    assert ObservationVisit.objects.get().created_by == cast.deputy_a
    client.force_login(cast.teacher_a)
    response = client.post(
        url,
        {
            "observer": f.staff(cast.head_a).pk,
            "observed": f.staff(cast.facilitator_a).pk,
            "visit_on": "2026-12-02",
        },
    )
    assert response.status_code == 200  # a teacher can only be the observer
    response = client.post(
        url,
        {
            "observer": f.staff(cast.teacher_a).pk,
            "observed": f.staff(cast.teacher_a).pk,
            "visit_on": "2026-12-02",
        },
    )
    assert response.status_code == 200
    assert ObservationVisit.objects.count() == 1
    client.force_login(cast.methodologist_a)
    assert client.get(url).status_code == 403


def test_visit_list_shows_my_visits_and_the_schools_i_oversee(client, cast: Cast) -> None:
    mine = visit(cast)
    client.force_login(cast.teacher_b)
    assert list(client.get(reverse("plc:visits")).context["visits"]) == []
    client.force_login(cast.teacher_a)
    page = client.get(reverse("plc:visits"))
    assert list(page.context["visits"]) == [mine]
    assert page.context["schools"] == []
    client.force_login(cast.deputy_a)
    assert client.get(reverse("plc:visits")).context["schools"] == [cast.school_a]


def test_half_years() -> None:
    assert half_year_of(datetime.date(2026, 10, 5)) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 12, 31),
    )
    assert half_year_of(datetime.date(2027, 3, 5)) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 8, 31),
    )


def test_the_matrix_shows_who_is_below_the_rule(cast: Cast) -> None:
    on = datetime.date(2026, 10, 5)
    start, end = half_year_of(on)
    teacher, head, facilitator = (
        f.staff(u) for u in (cast.teacher_a, cast.head_a, cast.facilitator_a)
    )
    visit(cast, on=on, observer=head, observed=teacher)
    visit(cast, on=on, observer=facilitator, observed=teacher)
    visit(cast, on=on, observer=teacher, observed=head)
    visit(cast, on=on, observer=facilitator, observed=head, done=False)  # planned only
    visit(cast, on=datetime.date(2026, 3, 1), observer=facilitator, observed=head)  # last half-year
    staff, rows, required = visit_matrix(cast.school_a, start, end)
    assert required == 2
    by_person = {row.staff: row for row in rows}
    assert by_person[teacher].received == 2 and not by_person[teacher].below
    assert by_person[head].received == 1 and by_person[head].below
    assert by_person[teacher].cells[staff.index(head)] == 1
    assert by_person[facilitator].made == 1  # the planned one and last half-year's do not count
    ObservationRule.objects.create(school=cast.school_a, visits_per_half_year=1)
    _staff, rows, _required = visit_matrix(cast.school_a, start, end)
    assert [row.staff for row in rows if row.below] == [
        p for p in staff if p not in (teacher, head)
    ]


def test_matrix_page_sets_the_rule_and_is_refused_to_teachers_and_other_schools(
    client, cast: Cast
) -> None:
    url = reverse("plc:visit_matrix", args=[cast.school_a.pk])
    client.force_login(cast.teacher_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.deputy_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.director_a)
    assert client.get(url).status_code == 200
    assert client.post(url, {"visits_per_half_year": 3}).status_code == 403
    client.force_login(cast.deputy_a)
    assert client.post(url, {"visits_per_half_year": 3}).status_code == 302
    assert ObservationRule.objects.get(school=cast.school_a).visits_per_half_year == 3
    page = client.get(url)
    assert page.context["required"] == 3
    assert len(page.context["below"]) == 5


def test_matrix_page_runs_constant_queries(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("plc:visit_matrix", args=[cast.school_a.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    visit(cast)
    few = count()
    extra = [StaffProfileFactory(school=cast.school_a) for _ in range(45)]
    for person in extra[:20]:
        visit(cast, observer=person, observed=extra[-1])
    assert count() == few


def test_a_large_schools_matrix_comes_a_page_of_rows_at_a_time(
    client, cast: Cast, settings
) -> None:
    settings.PAGE_SIZE = 10
    extra = [StaffProfileFactory(school=cast.school_a) for _ in range(20)]
    visit(cast, observer=extra[0], observed=extra[-1])
    client.force_login(cast.deputy_a)
    url = reverse("plc:visit_matrix", args=[cast.school_a.pk])
    staff = client.get(url).context["staff"]
    assert len(staff) == 25
    last = client.get(url, {"page": 3})
    html = last.content.decode()
    assert [row.staff for row in last.context["page"]] == staff[20:]
    # Rows keep their number in the whole list; columns are still every teacher.
    assert f"21. {staff[20].short_name}" in html
    assert len(last.context["below"]) == 25
    where = staff.index(extra[-1])
    page = client.get(url, {"page": where // 10 + 1})
    observed = next(row for row in page.context["page"] if row.staff == extra[-1])
    assert observed.received == 1 and observed.cells[staff.index(extra[0])] == 1
    assert page.content.decode().count("<td>1</td>") == 1


def test_the_deputy_makes_and_edits_the_schools_templates(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("plc:template_create", args=[cast.school_a.pk])
    assert client.get(url).status_code == 200
    data = {
        "name_kk": "Біздің парақ",
        "name_ru": "Наш лист",
        "questions_kk": "Бір?\nЕкі?",
        "questions_ru": "Один?\nДва?",
    }
    assert client.post(url, data).status_code == 302
    template = ObservationTemplate.objects.get(school=cast.school_a)
    assert template.questions == ["Бір?", "Екі?"]
    edit = reverse("plc:template_edit", args=[template.pk])
    client.post(edit, {**data, "questions_kk": "Үш?"})
    template.refresh_from_db()
    assert template.questions == ["Үш?"]
    client.force_login(cast.teacher_a)
    assert client.get(edit).status_code == 403
    assert client.get(url).status_code == 404
    client.force_login(cast.deputy_b)
    assert client.get(edit).status_code == 404
    shared = ObservationTemplate.objects.filter(school=None).first()
    client.force_login(cast.deputy_a)
    assert client.get(reverse("plc:template_edit", args=[shared.pk])).status_code == 404


def test_the_visit_list_links_a_few_schools_and_searches_the_others(client, cast: Cast) -> None:
    for _ in range(SCHOOL_LINKS):
        SchoolFactory(district=cast.district_a)
    client.force_login(cast.methodologist_a)
    url = reverse("plc:visits")
    response = client.get(url)
    assert len(response.context["schools"]) == SCHOOL_LINKS
    assert response.context["school_search"]
    response = client.get(url, {"school": cast.school_a2.name_ru})
    assert response.context["schools"] == [cast.school_a2]
    client.force_login(cast.deputy_a)
    response = client.get(url, {"school": cast.school_b.name_ru})
    assert response.context["schools"] == []

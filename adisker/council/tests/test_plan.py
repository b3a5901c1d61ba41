"""The annual plan: start, copy, items, status with evidence, approval, document."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from adisker.core.testing import Cast
from adisker.council.models import AnnualPlan, Association, FormOfWork, PlanItem
from adisker.council.services import add_plan_item, copy_plan, plan_for
from adisker.council.tests.factories import plan_with_items, structure_of, this_year
from adisker.lib.dates import today
from adisker.schools.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_forms_of_work_are_seeded_in_three_languages() -> None:
    lesson_study = FormOfWork.objects.get(code="lesson_study")
    assert lesson_study.name_kk and lesson_study.name_ru and lesson_study.name_en
    assert FormOfWork.objects.filter(code__in=["seminar", "master_class", "mentoring"]).count() == 3


def test_it_copies_last_years_plan(cast: Cast) -> None:
    year = this_year()
    last_year, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    old_association = Association.objects.create(
        school=cast.school_a, academic_year=last_year, kind="subject", name="Математика ӘБ"
    )
    new_association = Association.objects.create(
        school=cast.school_a, academic_year=year, kind="subject", name="Математика ӘБ"
    )
    source = plan_for(academic_year=last_year, school=cast.school_a)
    source.goals, source.tasks = "Мақсат", "1. Міндет"
    source.save()
    done = add_plan_item(
        plan=source,
        title="Lesson Study",
        form_of_work="lesson_study",
        planned_on=datetime.date(last_year.start_year, 10, 15),
        responsible=cast.teacher_a.staff_profile,
        association=old_association,
    )
    done.status, done.evidence = PlanItem.Status.DONE, "Хаттама №2"
    done.save()
    add_plan_item(
        plan=source,
        title="Педагогикалық оқулар",
        form_of_work="pedagogical_readings",
        planned_month=3,
    )

    plan = copy_plan(source=source, academic_year=year)

    assert (plan.goals, plan.tasks, plan.academic_year) == ("Мақсат", "1. Міндет", year)
    first, second = plan.items.order_by("pk")
    assert first.planned_on == datetime.date(year.start_year, 10, 15)
    assert (first.status, first.evidence, first.association) == ("planned", "", new_association)
    assert first.responsible == cast.teacher_a.staff_profile
    assert (second.planned_on, second.planned_month) == (None, 3)
    assert source.items.count() == 2


def test_it_starts_a_plan_as_a_copy_through_the_page(client, cast: Cast) -> None:
    year = this_year()
    last_year, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    source = plan_for(academic_year=last_year, school=cast.school_a)
    add_plan_item(plan=source, title="Семинар", form_of_work="seminar", planned_month=11)
    client.force_login(cast.deputy_a)
    url = reverse("council:plan_start")
    response = client.post(url, {"school": cast.school_a.pk, "year": year.start_year, "copy": "1"})
    plan = AnnualPlan.objects.get(academic_year=year)
    assert response.url == plan.get_absolute_url()
    assert plan.items.get().title == "Семинар"
    # A second start goes to the plan and duplicates nothing.
    client.post(url, {"school": cast.school_a.pk, "year": year.start_year, "copy": "1"})
    assert plan.items.count() == 1
    client.post(url, {"school": cast.school_a2.pk, "year": year.start_year})
    assert AnnualPlan.objects.count() == 2
    assert client.post(url, {"year": year.start_year}).status_code == 404
    client.force_login(cast.teacher_a)
    assert (
        client.post(url, {"school": cast.school_a.pk, "year": year.start_year - 3}).status_code
        == 403
    )
    assert AnnualPlan.objects.count() == 2


def test_it_adds_and_edits_items_and_keeps_what_was_typed(client, cast: Cast) -> None:
    plan = plan_for(academic_year=this_year(), school=cast.school_a)
    seminar = FormOfWork.objects.get(code="seminar")
    client.force_login(cast.deputy_a)
    url = reverse("council:item_create", args=[plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Коучинг", "form_of_work": seminar.pk, "status": "planned"}
    )
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Коучинг"
    assert "planned_month" in response.context["form"].errors
    response = client.post(
        url,
        {
            "title": "Коучинг",
            "form_of_work": seminar.pk,
            "planned_on": today().isoformat(),
            "responsible": cast.teacher_a.staff_profile.pk,
            "audience": "Жас мұғалімдер",
            "status": "planned",
        },
    )
    item = PlanItem.objects.get()
    assert response.status_code == 302
    assert (item.planned_month, item.audience) == (today().month, "Жас мұғалімдер")
    edit = reverse("council:item_edit", args=[item.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {
            "title": "Коучинг-сессия",
            "form_of_work": seminar.pk,
            "planned_month": 2,
            "status": "moved",
        },
    )
    item.refresh_from_db()
    assert (item.title, item.planned_on, item.planned_month, item.status) == (
        "Коучинг-сессия",
        None,
        2,
        "moved",
    )


def test_it_records_status_with_evidence_in_place(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    item = plan.items.get()
    client.force_login(cast.deputy_a)
    url = reverse("council:item_status", args=[item.pk])
    response = client.post(url, {"status": "done", "evidence": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "planned"
    response = client.post(
        url, {"status": "done", "evidence": "Хаттама №3", "counter": "1"}, HTTP_HX_REQUEST="true"
    )
    assert f'id="item-{item.pk}"' in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.evidence) == ("done", "Хаттама №3")
    response = client.post(url, {"status": "cancelled", "evidence": "Карантин"})
    assert response.status_code == 302
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher_a", 403), ("director_a", 403), ("teacher_b", 404), ("head_a", 403)],
)
def test_it_refuses_plan_edits_without_the_role(client, cast: Cast, name: str, status: int) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    item = plan.items.get()
    client.force_login(cast.user(name))
    for url, data in [
        (reverse("council:item_status", args=[item.pk]), {"status": "done", "evidence": "x"}),
        (reverse("council:item_edit", args=[item.pk]), {"title": "x"}),
        (reverse("council:item_create", args=[plan.pk]), {"title": "x"}),
        (reverse("council:plan_edit", args=[plan.pk]), {"goals": "x"}),
    ]:
        assert client.post(url, data).status_code == status, url
    item.refresh_from_db()
    plan.refresh_from_db()
    assert (item.status, item.title, plan.goals, plan.items.count()) == (
        "planned",
        "Семинар 0",
        "",
        1,
    )


def test_an_association_head_plans_their_own_questions(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    mine = structure_of(cast.school_a, head=cast.head_a.staff_profile)
    client.force_login(cast.head_a)
    url = reverse("council:item_create", args=[plan.pk])
    response = client.get(url, {"association": mine.pk})
    assert list(response.context["form"].fields["association"].queryset) == [mine]
    response = client.post(
        url,
        {
            "title": "Ашық сабақтар апталығы",
            "form_of_work": FormOfWork.objects.get(code="open_lesson").pk,
            "planned_month": 12,
            "association": mine.pk,
            "status": "planned",
        },
    )
    assert response.status_code == 302
    assert PlanItem.objects.get(association=mine).title == "Ашық сабақтар апталығы"
    # The association's page lists the question as its own plan.
    response = client.get(reverse("council:association", args=[mine.pk]))
    assert [i.title for i in response.context["items"]] == ["Ашық сабақтар апталығы"]


def test_the_director_approves_the_plan(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    url = reverse("council:plan_approve", args=[plan.pk])
    client.force_login(cast.deputy_a)
    assert client.post(url).status_code == 403
    client.force_login(cast.director_a)
    assert client.get(reverse("council:plan", args=[plan.pk])).context["can_approve"]
    assert client.post(url).status_code == 302
    plan.refresh_from_db()
    assert (plan.approved_on, plan.approved_by) == (today(), cast.director_a)


def test_it_edits_the_goal_and_tasks(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=0)
    client.force_login(cast.deputy_a)
    url = reverse("council:plan_edit", args=[plan.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"goals": "Сапалы білім", "tasks": "1. Бір\n2. Екі"})
    plan.refresh_from_db()
    assert (plan.goals, plan.tasks) == ("Сапалы білім", "1. Бір\n2. Екі")


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", ["БЕКІТЕМІН", "ЖЫЛДЫҚ ЖОСПАРЫ"]), ("ru", ["УТВЕРЖДАЮ", "ГОДОВОЙ ПЛАН"])],
)
def test_it_exports_the_plan(client, cast: Cast, language: str, words: list[str]) -> None:
    plan = plan_with_items(cast.school_a, count=2)
    client.force_login(cast.teacher_a)
    response = client.get(reverse("council:plan_docx", args=[plan.pk]), {"language": language})
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for word in words:
        assert word in text
    table = document.tables[-1]
    assert len(table.rows) == 3
    assert table.rows[1].cells[1].text == "Семинар 0"
    client.force_login(cast.teacher_b)
    assert client.get(reverse("council:plan_docx", args=[plan.pk])).status_code == 404


def test_plan_page_runs_constant_queries(client, cast: Cast, django_assert_num_queries) -> None:
    plan = plan_with_items(cast.school_a, count=2)
    client.force_login(cast.deputy_a)
    url = reverse("council:plan", args=[plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(6):
        add_plan_item(
            plan=plan,
            title=f"Қосымша {number}",
            form_of_work="master_class",
            planned_month=5,
            responsible=cast.teacher_a.staff_profile,
            association=structure_of(cast.school_a, name=f"ӘБ {number}"),
        )
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["items"]) == 8
    assert response.context["progress"]["month_total"] == 2


def test_it_deletes_a_plan_item_for_editors_only(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    item = plan.items.get()
    url = reverse("council:item_delete", args=[item.pk])
    client.force_login(cast.director_a)
    assert client.post(url).status_code == 403
    client.force_login(cast.deputy_b)
    assert client.post(url).status_code == 404
    assert plan.items.exists()
    client.force_login(cast.deputy_a)
    assert client.get(url).status_code == 405
    assert client.post(url).url == plan.get_absolute_url()
    assert not plan.items.exists()


def test_a_head_adds_questions_and_edits_only_their_structures_items(client, cast: Cast) -> None:
    plan = plan_with_items(cast.school_a, count=1)
    mine = structure_of(cast.school_a, name="Менің ӘБ", head=cast.teacher_a.staff_profile)
    other = structure_of(cast.school_a, name="Басқа ӘБ")
    for association in (mine, other):
        add_plan_item(
            plan=plan,
            title=association.name,
            form_of_work="seminar",
            planned_month=5,
            association=association,
        )
    client.force_login(cast.teacher_a)
    response = client.get(reverse("council:plan", args=[plan.pk]))
    assert response.context["can_add"]
    assert not response.context["can_edit"]
    editable = {i.title for i in response.context["items"] if i.editable}
    assert editable == {"Менің ӘБ"}
    client.force_login(cast.head_a)
    response = client.get(reverse("council:plan", args=[plan.pk]))
    assert not response.context["can_add"]
    assert not any(i.editable for i in response.context["items"])

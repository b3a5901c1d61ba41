"""Council composition, structures, themes, development topics, mentoring, visibility."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.council.composition import composition_warnings
from adisker.council.models import (
    AnnualPlan,
    Association,
    DevelopmentTopic,
    MentoringPair,
    MethodologicalTheme,
)
from adisker.council.services import (
    add_agenda_item,
    add_mentoring_pair,
    add_plan_item,
    plan_for,
    schedule_meeting,
)
from adisker.council.tests.factories import council_of, structure_of, this_year
from adisker.lib.dates import today
from adisker.records.models import SelfEducationTopic
from adisker.schools.models import InterSchoolAssociation, Subject

pytestmark = pytest.mark.django_db


def subject(code: str) -> Subject:
    return Subject.objects.get_or_create(
        code=code, defaults={"name_kk": code, "name_ru": code, "name_en": code}
    )[0]


def test_it_warns_about_subject_areas_with_nobody_on_the_council(cast: Cast) -> None:
    maths, history = subject("maths"), subject("history")
    mathematician = StaffProfileFactory(school=cast.school_a)
    mathematician.subjects.add(maths)
    historian = StaffProfileFactory(school=cast.school_a)
    historian.subjects.add(history)
    council = council_of(cast.school_a, head=mathematician)
    gaps = composition_warnings(list(council.members.all()), [council], cast.school_a)
    assert [g.area for g in gaps] == ["history"]
    science = structure_of(cast.school_a, name="Жаратылыстану")
    science.subjects.add(maths)
    humanities = structure_of(cast.school_a, name="Гуманитарлық", head=historian)
    gaps = composition_warnings(
        list(council.members.all()), [council, science, humanities], cast.school_a
    )
    assert [g.area for g in gaps] == ["Гуманитарлық"]


def test_the_school_page_shows_the_composition(client, cast: Cast) -> None:
    head = cast.deputy_a.staff_profile
    council = council_of(cast.school_a, head=head, formation_decision="Педкеңес хаттамасы №1")
    structure_of(cast.school_a)
    client.force_login(cast.teacher_a)
    response = client.get(reverse("council:school", args=[cast.school_a.pk]))
    assert response.status_code == 200
    assert response.context["council"] == council
    assert [r["staff"] for r in response.context["council_rows"]] == [head]
    assert "Педкеңес хаттамасы №1" in response.content.decode()
    assert not response.context["can_edit"]
    client.force_login(cast.teacher_b)
    assert client.get(reverse("council:school", args=[cast.school_a.pk])).status_code == 404
    assert (
        client.get(reverse("council:school", args=[cast.school_a.pk]), {"year": "x"}).status_code
        == 404
    )


def test_the_school_page_runs_constant_queries(
    client, cast: Cast, django_assert_num_queries
) -> None:
    council_of(cast.school_a, head=cast.deputy_a.staff_profile)
    structure_of(cast.school_a, name="Бастауыш ӘБ")
    client.force_login(cast.deputy_a)
    url = reverse("council:school", args=[cast.school_a.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    council = Association.objects.get(kind="council")
    for number in range(4):
        staff = StaffProfileFactory(school=cast.school_a)
        staff.subjects.add(subject(f"s{number}"))
        council.members.add(staff)
        structure_of(cast.school_a, name=f"ӘБ {number}", head=staff)
        add_mentoring_pair(
            school=cast.school_a,
            academic_year=this_year(),
            mentor=staff,
            mentee=cast.teacher_a.staff_profile,
        )
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["council_rows"]) == 5
    assert len(response.context["pairs"]) == 4


def test_the_index_goes_to_ones_school_or_lists_the_districts(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    response = client.get(reverse("council:index"))
    assert response.url == reverse("council:school", args=[cast.school_a.pk])
    client.force_login(cast.methodologist_a)
    response = client.get(reverse("council:index"))
    assert set(response.context["page"]) == {cast.school_a, cast.school_a2}


def test_the_deputy_forms_and_edits_structures(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    url = reverse("council:structure_create", args=[cast.school_a.pk])
    assert client.get(url, {"kind": "council"}).status_code == 200
    head, secretary = cast.deputy_a.staff_profile, cast.teacher_a.staff_profile
    data = {
        "kind": "council",
        "name": "Әдістемелік кеңес",
        "head": head.pk,
        "secretary": secretary.pk,
        "formed_on": this_year().starts_on.isoformat(),
        "formation_decision": "Педкеңес №1",
    }
    response = client.post(url, data)
    council = Association.objects.get()
    assert response.url == council.get_absolute_url()
    assert set(council.members.all()) == {head, secretary}
    # A second council in the same year is refused.
    response = client.post(url, data)
    assert "kind" in response.context["form"].errors
    assert Association.objects.count() == 1
    edit = reverse("council:structure_edit", args=[council.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {**data, "name": "ӘК", "members": [cast.head_a.staff_profile.pk]})
    council.refresh_from_db()
    assert council.name == "ӘК"
    assert set(council.members.all()) == {head, secretary, cast.head_a.staff_profile}
    response = client.get(reverse("council:association", args=[council.pk]))
    assert response.context["can_compose"]


@pytest.mark.parametrize(
    ("name", "status"),
    [("teacher_a", 403), ("director_a", 403), ("head_a", 403), ("deputy_b", 404)],
)
def test_it_refuses_council_edits_without_the_role(
    client, cast: Cast, name: str, status: int
) -> None:
    council = council_of(cast.school_a)
    theme = MethodologicalTheme.objects.create(
        school=cast.school_a, title="Тақырып", start_year=2024, end_year=2028
    )
    topic = DevelopmentTopic.objects.create(
        school=cast.school_a, academic_year=this_year(), title="Т"
    )
    pair = add_mentoring_pair(
        school=cast.school_a,
        academic_year=this_year(),
        mentor=cast.head_a.staff_profile,
        mentee=cast.teacher_a.staff_profile,
    )
    client.force_login(cast.user(name))
    school = cast.school_a.pk
    for url, data in [
        (reverse("council:structure_create", args=[school]), {"kind": "subject", "name": "X"}),
        (reverse("council:structure_edit", args=[council.pk]), {"kind": "council", "name": "X"}),
        (
            reverse("council:theme_create", args=[school]),
            {"title": "X", "start_year": 2025, "end_year": 2026},
        ),
        (
            reverse("council:theme_edit", args=[theme.pk]),
            {"title": "X", "start_year": 2025, "end_year": 2026},
        ),
        (reverse("council:topic_create", args=[school]), {"title": "X"}),
        (reverse("council:topic_edit", args=[topic.pk]), {"title": "X"}),
        (reverse("council:pair_create", args=[school]), {}),
        (reverse("council:pair_delete", args=[pair.pk]), {}),
    ]:
        assert client.post(url, data).status_code == status, url
    assert Association.objects.get().name == council.name
    assert MethodologicalTheme.objects.get().title == "Тақырып"
    assert DevelopmentTopic.objects.get().title == "Т"
    assert MentoringPair.objects.count() == 1


def test_the_deputy_sets_theme_topics_and_mentoring(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    school = cast.school_a.pk
    start = this_year().start_year
    url = reverse("council:theme_create", args=[school])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Функционалдық сауаттылық", "start_year": start, "end_year": start - 1}
    )
    assert "end_year" in response.context["form"].errors
    client.post(
        url, {"title": "Функционалдық сауаттылық", "start_year": start, "end_year": start + 4}
    )
    theme = MethodologicalTheme.objects.get()
    edit = reverse("council:theme_edit", args=[theme.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"title": "Жаңа тақырып", "start_year": start, "end_year": start + 3})
    theme.refresh_from_db()
    assert (theme.title, theme.end_year) == ("Жаңа тақырып", start + 3)

    own = SelfEducationTopic.objects.create(
        staff=cast.teacher_a.staff_profile, academic_year=this_year(), topic="Критериалды бағалау"
    )
    url = reverse("council:topic_create", args=[school])
    assert client.get(url).status_code == 200
    client.post(url + f"?year={start}", {"title": "Бағалау", "self_education_topics": [own.pk]})
    topic = DevelopmentTopic.objects.get()
    assert list(topic.self_education_topics.all()) == [own]
    assert list(own.development_topics.all()) == [topic]
    edit = reverse("council:topic_edit", args=[topic.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"title": "Бағалау сауаттылығы"})
    topic.refresh_from_db()
    assert (topic.title, topic.self_education_topics.count()) == ("Бағалау сауаттылығы", 0)

    url = reverse("council:pair_create", args=[school])
    assert client.get(url).status_code == 200
    mentor, mentee = cast.head_a.staff_profile, cast.teacher_a.staff_profile
    response = client.post(url, {"mentor": mentor.pk, "mentee": mentor.pk})
    assert "mentee" in response.context["form"].errors
    client.post(url, {"mentor": mentor.pk, "mentee": mentee.pk, "goals": "Сабақты жоспарлау"})
    pair = MentoringPair.objects.get()
    assert (pair.mentor, pair.mentee, pair.school) == (mentor, mentee, cast.school_a)
    client.post(reverse("council:pair_delete", args=[pair.pk]))
    assert not MentoringPair.objects.exists()


@pytest.fixture
def joint(cast: Cast) -> InterSchoolAssociation:
    inter = InterSchoolAssociation.objects.create(
        district=cast.district_a, base_school=cast.school_a2, name_kk="Тірек МӘБ", name_ru="МШМО"
    )
    inter.member_schools.add(cast.school_a)
    return inter


def test_a_member_school_sees_the_joint_association_and_an_unrelated_one_does_not(
    client, cast: Cast, joint: InterSchoolAssociation
) -> None:
    body = structure_of(inter_school=joint, kind="inter_school", name="Бастауыш МӘБ")
    plan = plan_for(academic_year=this_year(), inter_school=joint)
    item = add_plan_item(
        plan=plan, title="Бірлескен семинар", form_of_work="seminar", planned_month=10
    )
    own_plan = plan_for(academic_year=this_year(), school=cast.school_a)
    client.force_login(cast.teacher_a)
    assert client.get(reverse("council:joint", args=[joint.pk])).status_code == 200
    assert client.get(reverse("council:association", args=[body.pk])).status_code == 200
    assert client.get(reverse("council:plan", args=[plan.pk])).status_code == 200
    school_page = client.get(reverse("council:school", args=[cast.school_a.pk]))
    assert list(school_page.context["joint_structures"]) == [body]
    # The joint plan shows in the school's own plan.
    assert client.get(reverse("council:plan", args=[own_plan.pk])).context["joint_items"] == [item]
    assert set(AnnualPlan.objects.visible_to(cast.teacher_a)) == {plan, own_plan}

    client.force_login(cast.teacher_b)
    for url in (
        reverse("council:joint", args=[joint.pk]),
        reverse("council:association", args=[body.pk]),
        reverse("council:plan", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 404
    assert not AnnualPlan.objects.visible_to(cast.teacher_b).exists()
    assert not Association.objects.visible_to(cast.teacher_b).exists()


def test_the_district_methodologist_runs_the_joint_association(
    client, cast: Cast, joint: InterSchoolAssociation
) -> None:
    member = StaffProfileFactory(school=cast.school_a)
    client.force_login(cast.methodologist_a)
    url = reverse("council:joint_structure_create", args=[joint.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "inter_school", "name": "Математика МӘБ", "members": [member.pk]}
    )
    body = Association.objects.get()
    assert response.url == body.get_absolute_url()
    assert (body.inter_school, body.school, list(body.members.all())) == (joint, None, [member])
    response = client.post(reverse("council:plan_start"), {"joint": joint.pk})
    plan = AnnualPlan.objects.get(inter_school=joint)
    assert response.url == plan.get_absolute_url()
    # The deputy of a member school reads it but does not run it.
    client.force_login(cast.deputy_a)
    assert client.post(url, {"kind": "inter_school", "name": "X"}).status_code == 403
    assert client.post(reverse("council:plan_approve", args=[plan.pk])).status_code == 403
    client.force_login(cast.methodologist_b)
    assert client.get(reverse("council:joint", args=[joint.pk])).status_code == 404
    assert Association.objects.count() == 1


def test_the_structure_page_runs_constant_queries(
    client, cast: Cast, django_assert_num_queries
) -> None:
    association = structure_of(cast.school_a, head=cast.deputy_a.staff_profile)
    plan = plan_for(academic_year=this_year(), school=cast.school_a)
    client.force_login(cast.deputy_a)
    url = reverse("council:association", args=[association.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        staff = StaffProfileFactory(school=cast.school_a)
        staff.subjects.add(subject(f"s{number}"))
        association.members.add(staff)
        add_plan_item(
            plan=plan,
            title=f"Мәселе {number}",
            form_of_work="seminar",
            planned_month=5,
            responsible=staff,
            association=association,
        )
        meeting = schedule_meeting(association=association, held_on=today())
        add_agenda_item(meeting=meeting, title=f"Күн тәртібі {number}")
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["member_rows"]) == 5
    assert [m.agenda_count for m in response.context["meetings"]] == [1, 1, 1, 1]


def test_the_joint_page_runs_constant_queries(
    client, cast: Cast, joint: InterSchoolAssociation, django_assert_num_queries
) -> None:
    structure_of(inter_school=joint, kind="inter_school", name="МӘБ")
    client.force_login(cast.methodologist_a)
    url = reverse("council:joint", args=[joint.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(3):
        body = structure_of(inter_school=joint, kind="inter_school", name=f"МӘБ {number}")
        body.members.add(cast.teacher_a.staff_profile, StaffProfileFactory(school=cast.school_a2))
        schedule_meeting(association=body, held_on=today())
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert [s.meeting_count for s in response.context["structures"]] == [0, 1, 1, 1]
    assert [len(s.members.all()) for s in response.context["structures"]] == [0, 2, 2, 2]

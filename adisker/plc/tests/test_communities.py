"""PLCs: who creates, edits and reads them, within a school and across an association."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.plc.models import Community, Meeting, MeetingAssignment
from adisker.plc.selectors import leadership_of
from adisker.plc.tests import factories as f
from adisker.schools.models import AcademicYear

pytestmark = pytest.mark.django_db


def test_a_community_belongs_to_a_school_or_an_association_never_both(cast: Cast) -> None:
    with pytest.raises(IntegrityError):
        f.community(cast, inter_school=f.association(cast))


def test_a_community_needs_a_school_or_an_association(cast: Cast) -> None:
    with pytest.raises(IntegrityError):
        f.community(cast, school=None)


def test_the_facilitator_creates_a_school_plc(client, cast: Cast) -> None:
    client.force_login(cast.facilitator_a)
    url = reverse("plc:create")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["facilitator"] == f.staff(cast.facilitator_a)
    response = client.post(
        url,
        {
            "name": "Математика КБАҚ",
            "facilitator": f.staff(cast.facilitator_a).pk,
            "members": [f.staff(cast.teacher_a).pk, f.staff(cast.head_a).pk],
            "focus": "Мектептің әдістемелік тақырыбы: функционалдық сауаттылық",
            "minutes_per_meeting": 60,
        },
    )
    community = Community.objects.get()
    assert response.url == community.get_absolute_url()
    assert community.school == cast.school_a
    assert community.created_by == cast.facilitator_a
    assert set(community.members.all()) == {f.staff(cast.teacher_a), f.staff(cast.head_a)}


def test_it_refuses_members_from_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("plc:create"),
        {
            "name": "X",
            "facilitator": f.staff(cast.facilitator_a).pk,
            "members": [f.staff(cast.teacher_b).pk],
            "focus": "Y",
            "minutes_per_meeting": 60,
        },
    )
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not Community.objects.exists()


def test_teachers_may_not_create_a_plc(client, cast: Cast) -> None:
    client.force_login(cast.teacher_a)
    assert client.get(reverse("plc:create")).status_code == 403


def test_the_methodologist_chooses_an_association_and_creates_an_inter_school_plc(
    client, cast: Cast
) -> None:
    association = f.association(cast)
    other = f.association(cast)
    client.force_login(cast.methodologist_a)
    page = client.get(reverse("plc:create"))
    assert list(page.context["associations"]) == [association, other]
    url = f"{reverse('plc:create')}?association={association.pk}"
    teacher_a2 = StaffProfileFactory(school=cast.school_a2)
    response = client.post(
        url,
        {
            "name": "ШЖМ бастауыш",
            "facilitator": f.staff(cast.teacher_a).pk,
            "members": [teacher_a2.pk],
            "focus": "Біріктірілген сынып",
            "minutes_per_meeting": 90,
        },
    )
    assert response.status_code == 302
    community = Community.objects.get()
    assert community.inter_school == association and community.school is None
    assert client.get(f"{reverse('plc:create')}?association=999").status_code == 404
    client.force_login(cast.methodologist_b)
    assert client.get(url).status_code == 403


def test_inter_school_plc_is_seen_across_its_schools_and_no_further(client, cast: Cast) -> None:
    teacher_a2 = StaffProfileFactory(school=cast.school_a2)
    community = Community.objects.create(
        name="ШЖМ",
        inter_school=f.association(cast),
        academic_year=AcademicYear.objects.current(),
        facilitator=f.staff(cast.teacher_a),
        focus="Z",
    )
    community.members.add(teacher_a2)
    url = community.get_absolute_url()
    for user in (cast.teacher_a, cast.deputy_a, cast.director_a, cast.methodologist_a, cast.admin):
        client.force_login(user)
        assert client.get(url).status_code == 200, user
    for user in (cast.teacher_b, cast.deputy_b, cast.methodologist_b, cast.head_a):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # The member from the small school sees it through their membership.
    assert list(Community.objects.of_staff(teacher_a2)) == [community]


def test_school_plc_is_hidden_from_other_schools_and_non_members(client, cast: Cast) -> None:
    community = f.community(cast)
    url = community.get_absolute_url()
    client.force_login(cast.teacher_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.methodologist_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.head_a)  # same school, not a member
    assert client.get(url).status_code == 404
    client.force_login(cast.methodologist_a)
    assert client.get(url).status_code == 200
    client.force_login(cast.teacher_b)
    assert community.get_absolute_url() not in client.get(reverse("plc:list")).content.decode()


def test_who_may_edit_the_community(client, cast: Cast) -> None:
    community = f.community(cast)
    url = reverse("plc:edit", args=[community.pk])
    data = {
        "name": "Жаңа атауы",
        "facilitator": f.staff(cast.facilitator_a).pk,
        "members": [f.staff(cast.teacher_a).pk],
        "focus": "F",
        "minutes_per_meeting": 45,
    }
    client.force_login(cast.teacher_a)  # a member edits meetings and cycles, not the PLC itself
    assert client.get(url).status_code == 403
    client.force_login(cast.director_a)
    assert client.post(url, data).status_code == 403
    client.force_login(cast.deputy_a)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    community.refresh_from_db()
    assert (community.name, community.minutes_per_meeting) == ("Жаңа атауы", 45)


def test_members_record_meetings_with_rotating_roles(client, cast: Cast) -> None:
    community = f.community(cast)
    client.force_login(cast.teacher_a)
    url = reverse("plc:meeting_create", args=[community.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "held_on": "2026-12-01",
            "topic": "Зерттеу сұрағы",
            "notes": "Келісілді",
            "role_facilitator": f.staff(cast.teacher_a).pk,
            "role_note_taker": f.staff(cast.facilitator_a).pk,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    edit = reverse("plc:meeting_edit", args=[community.pk, meeting.pk])
    assert (
        client.get(edit).context["form"]["role_facilitator"].initial == f.staff(cast.teacher_a).pk
    )
    client.post(
        edit,
        {
            "held_on": "2026-12-01",
            "topic": "Зерттеу сұрағы",
            "role_timekeeper": f.staff(cast.teacher_a).pk,
        },
    )
    assert list(MeetingAssignment.objects.values_list("role", flat=True)) == ["timekeeper"]
    rows = leadership_of(community, community.participants())
    assert [row.total for row in rows] == [0, 1]
    client.force_login(cast.deputy_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.teacher_b)
    assert client.get(edit).status_code == 404


def test_a_non_participant_may_not_hold_a_meeting_role(client, cast: Cast) -> None:
    community = f.community(cast)
    client.force_login(cast.teacher_a)
    response = client.post(
        reverse("plc:meeting_create", args=[community.pk]),
        {"held_on": "2026-12-01", "topic": "T", "role_facilitator": f.staff(cast.head_a).pk},
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("name", ["community_detail", "community_list"])
def test_pages_run_constant_queries_for_5_and_50_members(client, cast: Cast, name: str) -> None:
    small = f.community(cast, members=3)
    large = f.community(cast, members=48, name="Үлкен")
    for community in (small, large):
        for day in (1, 2, 3):
            meeting = Meeting.objects.create(
                community=community, held_on=f"2026-12-0{day}", topic="T"
            )
            for role, person in zip(
                ["facilitator", "note_taker"], community.participants()[day:], strict=False
            ):
                MeetingAssignment.objects.create(meeting=meeting, role=role, staff=person)
        cycle = f.cycle(cast, plc=community)
        f.pupils(cycle)
    client.force_login(cast.deputy_a)

    def count(community: Community) -> int:
        url = community.get_absolute_url() if name == "community_detail" else reverse("plc:list")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert count(small) == count(large)
    assert (len(small.participants()), len(large.participants())) == (5, 50)


def test_the_focus_ties_to_the_schools_methodological_theme(client, cast: Cast) -> None:
    from adisker.council.models import MethodologicalTheme

    theme = MethodologicalTheme.objects.create(
        school=cast.school_a, title="Функционалдық сауаттылық", start_year=2025, end_year=2029
    )
    MethodologicalTheme.objects.create(
        school=cast.school_b, title="Басқа", start_year=2025, end_year=2029
    )
    community = f.community(cast)
    client.force_login(cast.deputy_a)
    url = reverse("plc:edit", args=[community.pk])
    assert list(client.get(url).context["form"].fields["theme"].queryset) == [theme]
    data = {
        "name": community.name,
        "facilitator": f.staff(cast.facilitator_a).pk,
        "theme": theme.pk,
        "focus": "F",
        "minutes_per_meeting": 60,
    }
    assert client.post(url, data).status_code == 302
    community.refresh_from_db()
    assert community.theme == theme
    assert "Функционалдық сауаттылық" in client.get(community.get_absolute_url()).content.decode()

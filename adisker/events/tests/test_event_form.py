"""Creating and editing events: hosts, validation, participants, the plan and the heads."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from adisker.core.testing import Cast
from adisker.council.models import Association, FormOfWork
from adisker.council.services import add_plan_item, plan_for
from adisker.events.models import Event, Participation
from adisker.events.tests.factories import Joint, add_event
from adisker.schools.models import AcademicYear


def form_data(**changes: object) -> dict[str, object]:
    return {
        "title": "Ашық сабақ: 7-сынып, алгебра",
        "form_of_work": FormOfWork.objects.get(code="open_lesson").pk,
        "starts_at": "2026-12-03T14:30",
        "ends_at": "2026-12-03T15:15",
        "place": "214 кабинет",
        "online_url": "",
        **changes,
    }


def test_deputy_creates_an_event_with_participants(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    organiser = cast.head_a.staff_profile
    teachers = [cast.teacher_a.staff_profile.pk, cast.facilitator_a.staff_profile.pk]
    response = client.post(
        reverse("events:create"),
        form_data(organiser=organiser.pk, participants=teachers),
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.school == cast.school_a
    assert event.inter_school is None
    assert event.organiser == organiser
    assert sorted(event.participations.values_list("staff_id", flat=True)) == sorted(teachers)
    # Asia/Almaty, UTC+5: the time typed is local time.
    assert event.starts_at == datetime.datetime(2026, 12, 3, 9, 30, tzinfo=datetime.UTC)
    assert event.history.get().history_user == cast.deputy_a


def test_the_form_opens_on_the_day_clicked_with_the_deputy_as_organiser(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.get(reverse("events:create"), {"date": "2026-12-10"})
    form = response.context["form"]
    assert form.initial["organiser"] == cast.deputy_a.staff_profile.pk
    assert timezone.localtime(form.initial["starts_at"]).isoformat() == "2026-12-10T15:00:00+05:00"


def test_it_keeps_what_was_typed_and_explains_the_errors(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("events:create"),
        form_data(
            place="",
            ends_at="2026-12-03T13:00",
            organiser=cast.teacher_b.staff_profile.pk,
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"place", "ends_at", "organiser"}
    assert "Ашық сабақ: 7-сынып, алгебра" in response.content.decode()
    assert not Event.objects.exists()


def test_an_online_link_replaces_the_place(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("events:create"),
        form_data(
            place="",
            online_url="https://zoom.us/j/123",
            organiser=cast.deputy_a.staff_profile.pk,
        ),
    )
    assert response.status_code == 302
    assert Event.objects.get().online_url == "https://zoom.us/j/123"


def test_it_refuses_participants_from_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_a)
    response = client.post(
        reverse("events:create"),
        form_data(
            organiser=cast.deputy_a.staff_profile.pk,
            participants=[cast.teacher_b.staff_profile.pk],
        ),
    )
    assert "participants" in response.context["form"].errors
    assert not Event.objects.exists()


def test_teachers_and_directors_cannot_create_events(client, cast: Cast) -> None:
    for name in ("teacher_a", "director_a", "facilitator_a"):
        client.force_login(cast.user(name))
        assert client.get(reverse("events:create")).status_code == 403
        response = client.post(
            reverse("events:create"), form_data(organiser=cast.teacher_a.staff_profile.pk)
        )
        assert response.status_code == 403
    assert not Event.objects.exists()


def test_a_deputy_cannot_create_for_another_school(client, cast: Cast) -> None:
    client.force_login(cast.deputy_b)
    response = client.post(
        f"{reverse('events:create')}?host=school-{cast.school_a.pk}",
        form_data(organiser=cast.teacher_a.staff_profile.pk, host=f"school-{cast.school_a.pk}"),
    )
    # Not one of the deputy's hosts: the page asks whose event it is instead.
    assert response.status_code == 200
    assert [h.key for h in response.context["hosts"]] == [f"school-{cast.school_b.pk}"]
    assert not Event.objects.exists()


def test_the_methodologist_creates_a_joint_event_with_staff_of_member_schools(
    client, cast: Cast
) -> None:
    joint = Joint(cast)
    client.force_login(cast.methodologist_a)
    response = client.get(reverse("events:create"))
    assert response.status_code == 200
    key = f"inter-{joint.association.pk}"
    member_staff = joint.member_teacher.staff_profile
    response = client.post(
        reverse("events:create"),
        form_data(
            host=key, organiser=cast.teacher_a.staff_profile.pk, participants=[member_staff.pk]
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.inter_school == joint.association
    assert event.school is None
    assert list(event.participants.all()) == [member_staff]
    # Staff of a school outside the association cannot take part.
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        form_data(
            organiser=cast.teacher_a.staff_profile.pk,
            participants=[joint.outsider_teacher.staff_profile.pk],
        ),
    )
    assert "participants" in response.context["form"].errors


def test_editing_keeps_the_attendance_of_those_who_stay(client, cast: Cast) -> None:
    stays, goes = cast.teacher_a.staff_profile, cast.facilitator_a.staff_profile
    event = add_event(school=cast.school_a, participants=[stays, goes])
    Participation.objects.filter(event=event).update(attended=True)
    client.force_login(cast.deputy_a)
    response = client.get(reverse("events:edit", args=[event.pk]))
    assert set(response.context["form"].initial["participants"]) == {stays.pk, goes.pk}
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        form_data(organiser=cast.deputy_a.staff_profile.pk, participants=[stays.pk]),
    )
    assert response.status_code == 302
    assert list(event.participations.values_list("staff_id", "attended")) == [(stays.pk, True)]


def test_an_event_from_the_plan_is_prefilled(client, cast: Cast) -> None:
    year = AcademicYear.objects.current()
    plan = plan_for(academic_year=year, school=cast.school_a)
    item = add_plan_item(
        plan=plan,
        title="Шеберлік сыныбы: критериалды бағалау",
        form_of_work="master_class",
        planned_on=datetime.date(2026, 12, 15),
        responsible=cast.head_a.staff_profile,
    )
    client.force_login(cast.deputy_a)
    response = client.get(reverse("events:create"), {"plan_item": item.pk})
    initial = response.context["form"].initial
    assert initial["title"] == item.title
    assert initial["form_of_work"] == FormOfWork.objects.get(code="master_class").pk
    assert initial["organiser"] == cast.head_a.staff_profile.pk
    assert timezone.localtime(initial["starts_at"]).date() == datetime.date(2026, 12, 15)
    response = client.post(
        reverse("events:create"),
        form_data(plan_item=item.pk, title=item.title, organiser=cast.head_a.staff_profile.pk),
    )
    assert response.status_code == 302
    assert Event.objects.get().plan_item == item

    # Another school's deputy cannot even see the plan item.
    client.force_login(cast.deputy_b)
    assert client.get(reverse("events:create"), {"plan_item": item.pk}).status_code == 404


def test_a_head_plans_and_edits_the_events_of_their_association(client, cast: Cast) -> None:
    year = AcademicYear.objects.current()
    structure = Association.objects.create(
        school=cast.school_a,
        academic_year=year,
        kind=Association.Kind.SUBJECT,
        name="Математика ӘБ",
        head=cast.head_a.staff_profile,
    )
    client.force_login(cast.head_a)
    response = client.get(reverse("events:create"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["structure"].queryset) == [structure]
    response = client.post(
        reverse("events:create"),
        form_data(host=f"school-{cast.school_a.pk}", organiser=cast.head_a.staff_profile.pk),
    )
    assert "structure" in response.context["form"].errors
    response = client.post(
        reverse("events:create"),
        form_data(
            host=f"school-{cast.school_a.pk}",
            organiser=cast.head_a.staff_profile.pk,
            structure=structure.pk,
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.structure == structure
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 200
    # Another event of the school, not of the association, stays read-only for the head.
    other = add_event(school=cast.school_a)
    assert client.get(reverse("events:edit", args=[other.pk])).status_code == 403

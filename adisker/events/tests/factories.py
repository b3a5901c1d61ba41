"""Events and an inter-school association for the calendar's tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from adisker.core.testing import Cast, SchoolFactory, StaffProfileFactory, member
from adisker.council.models import FormOfWork
from adisker.events.models import Event, Participation
from adisker.people.models import Role, StaffProfile, User
from adisker.schools.models import InterSchoolAssociation


def add_event(
    *,
    school=None,  # type: ignore[no-untyped-def]
    inter_school: InterSchoolAssociation | None = None,
    starts_in: datetime.timedelta = datetime.timedelta(days=3),
    participants: list[StaffProfile] = (),  # type: ignore[assignment]
    **changes: object,
) -> Event:
    starts = timezone.now().replace(microsecond=0) + starts_in
    if "organiser" not in changes:
        # A colleague who holds no role, so the organiser's rights never muddle a test.
        changes["organiser"] = StaffProfileFactory(
            school=school if school is not None else inter_school.base_school
        )
    values: dict[str, object] = {
        "title": "Семинар: формативті бағалау",
        "form_of_work": FormOfWork.objects.get(code="seminar"),
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": "Мәжіліс залы",
        **changes,
    }
    event = Event.objects.create(school=school, inter_school=inter_school, **values)
    for staff in participants:
        Participation.objects.create(event=event, staff=staff)
    return event


class Joint:
    """An inter-school association of district A around school A with school A2 as member,
    a teacher of school A2, and a teacher of a third school of district A that is not a
    member."""

    def __init__(self, cast: Cast) -> None:
        self.association = InterSchoolAssociation.objects.create(
            district=cast.district_a,
            base_school=cast.school_a,
            name_kk="Тірек мектеп бірлестігі",
            name_ru="Объединение опорной школы",
        )
        self.association.member_schools.add(cast.school_a2)
        self.member_teacher: User = member(Role.TEACHER, school=cast.school_a2)
        outsider_school = SchoolFactory(district=cast.district_a)
        self.outsider_teacher: User = member(Role.TEACHER, school=outsider_school)

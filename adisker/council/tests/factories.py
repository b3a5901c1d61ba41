from __future__ import annotations

import datetime

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.council.models import AnnualPlan, Association, Meeting, ProtocolDecision
from adisker.council.services import add_agenda_item, add_plan_item, plan_for, schedule_meeting
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


def this_year() -> AcademicYear:
    return AcademicYear.objects.current()


def a_day_this_year() -> datetime.date:
    """A date inside the current academic year, not in the future's next year."""
    return today()


def council_of(
    school: School, *, head: StaffProfile | None = None, **fields: object
) -> Association:
    council = Association.objects.create(
        school=school,
        academic_year=this_year(),
        kind=Association.Kind.COUNCIL,
        name="Әдістемелік кеңес",
        head=head,
        **fields,
    )
    if head is not None:
        council.members.add(head)
    return council


def structure_of(
    school: School | None = None,
    *,
    inter_school: InterSchoolAssociation | None = None,
    kind: str = Association.Kind.SUBJECT,
    head: StaffProfile | None = None,
    name: str = "Жаратылыстану ӘБ",
) -> Association:
    association = Association.objects.create(
        school=school,
        inter_school=inter_school,
        academic_year=this_year(),
        kind=kind,
        name=name,
        head=head,
    )
    if head is not None:
        association.members.add(head)
    return association


def plan_with_items(school: School, count: int = 2, **plan_fields: object) -> AnnualPlan:
    plan = plan_for(academic_year=this_year(), school=school)
    for number in range(count):
        add_plan_item(
            plan=plan,
            title=f"Семинар {number}",
            form_of_work="seminar",
            planned_on=today(),
            responsible=StaffProfileFactory(school=school),
            expected_result="Әдістемелік ұсынымдар",
        )
    return plan


def meeting_with_decision(
    association: Association, *, owner: StaffProfile, due_on: datetime.date | None = None
) -> tuple[Meeting, ProtocolDecision]:
    meeting = schedule_meeting(association=association, held_on=today())
    item = add_agenda_item(meeting=meeting, title="Жылдық жоспарды бекіту", heard="Баяндама")
    decision = ProtocolDecision.objects.create(
        agenda_item=item, text="Жоспарды бекіту", owner=owner, due_on=due_on or today()
    )
    return meeting, decision


def joint_structure_headed_at_school_a2(cast: Cast, last_name: str) -> StaffProfile:
    """A structure of school A2's inter-school association, of which school A is a member,
    headed by a teacher of school A2 called `last_name`: the head."""
    inter = InterSchoolAssociation.objects.create(
        district=cast.district_a, base_school=cast.school_a2, name_kk="Бірлестік", name_ru="Объед."
    )
    inter.member_schools.add(cast.school_a)
    head = StaffProfileFactory(school=cast.school_a2, last_name=last_name)
    structure_of(inter_school=inter, head=head, name="Бірлескен ӘБ")
    return head

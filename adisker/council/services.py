"""Writes that other modules (events, diagnostics) and the council's pages share."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    FormOfWork,
    Meeting,
    MentoringPair,
    PlanItem,
)
from adisker.people.models import StaffProfile
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


def plan_for(
    *,
    academic_year: AcademicYear,
    school: School | None = None,
    inter_school: InterSchoolAssociation | None = None,
) -> AnnualPlan:
    """The owner's plan for the year, created empty when there is none yet."""
    if (school is None) == (inter_school is None):
        raise ValueError("Give a school or an inter-school association.")
    plan, _created = AnnualPlan.objects.get_or_create(
        school=school, inter_school=inter_school, academic_year=academic_year
    )
    return plan


def add_plan_item(
    *,
    plan: AnnualPlan,
    title: str,
    form_of_work: FormOfWork | str,
    planned_on: datetime.date | None = None,
    planned_month: int | None = None,
    responsible: StaffProfile | None = None,
    audience: str = "",
    expected_result: str = "",
    association: Association | None = None,
) -> PlanItem:
    """Adds one line to an annual plan. `form_of_work` may be a FormOfWork or its code
    ("seminar", "open_lesson", "mentoring", "lesson_study", ...)."""
    if isinstance(form_of_work, str):
        form_of_work = FormOfWork.objects.get(code=form_of_work)
    if planned_on is not None and planned_month is None:
        planned_month = planned_on.month
    return PlanItem.objects.create(
        plan=plan,
        title=title,
        form_of_work=form_of_work,
        planned_on=planned_on,
        planned_month=planned_month,
        responsible=responsible,
        audience=audience,
        expected_result=expected_result,
        association=association,
    )


def add_mentoring_pair(
    *,
    school: School,
    academic_year: AcademicYear,
    mentor: StaffProfile,
    mentee: StaffProfile,
    goals: str = "",
) -> MentoringPair:
    """A mentor-mentee pair for the year; an existing pair is returned unchanged."""
    pair, _created = MentoringPair.objects.get_or_create(
        academic_year=academic_year,
        mentor=mentor,
        mentee=mentee,
        defaults={"school": school, "goals": goals},
    )
    return pair


@transaction.atomic
def copy_plan(*, source: AnnualPlan, academic_year: AcademicYear) -> AnnualPlan:
    """Starts the owner's plan for `academic_year` from `source`: goals, tasks, theme and every
    item, moved by the difference in years, with status back to planned and no evidence.
    Items tied to last year's structures are tied to this year's structure of the same kind and
    name when there is one."""
    plan = plan_for(
        academic_year=academic_year, school=source.school, inter_school=source.inter_school
    )
    shift = academic_year.start_year - source.academic_year.start_year
    plan.goals = plan.goals or source.goals
    plan.tasks = plan.tasks or source.tasks
    if plan.theme_id is None and source.theme and source.theme.end_year >= academic_year.start_year:
        plan.theme = source.theme
    plan.save(update_fields=["goals", "tasks", "theme"])
    this_year = {
        (a.kind, a.name): a
        for a in Association.objects.filter(
            school=source.school, inter_school=source.inter_school, academic_year=academic_year
        )
    }
    items = []
    for item in source.items.select_related("association").order_by("pk"):
        association = None
        if item.association is not None:
            association = this_year.get((item.association.kind, item.association.name))
        items.append(
            PlanItem(
                plan=plan,
                title=item.title,
                form_of_work_id=item.form_of_work_id,
                planned_on=_shift_date(item.planned_on, shift),
                planned_month=item.planned_month,
                responsible_id=item.responsible_id,
                audience=item.audience,
                expected_result=item.expected_result,
                association=association,
            )
        )
    PlanItem.objects.bulk_create(items)
    return plan


def _shift_date(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def schedule_meeting(
    *, association: Association, held_on: datetime.date, place: str = "", **fields: object
) -> Meeting:
    """A new meeting with the next protocol number of the structure's year. Two people adding
    a meeting at once would pick the same number; the unique constraint refuses the second,
    which then takes the number after."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Meeting.objects.create(
                    association=association,
                    number=association.next_meeting_number(),
                    held_on=held_on,
                    place=place,
                    **fields,
                )
        except IntegrityError:
            continue
    raise IntegrityError("Could not number the protocol.")


def add_agenda_item(*, meeting: Meeting, title: str, **fields: object) -> AgendaItem:
    order = meeting.agenda_items.count() + 1
    return AgendaItem.objects.create(meeting=meeting, title=title, order=order, **fields)


@transaction.atomic
def delete_agenda_item(*, item: AgendaItem) -> None:
    """Delete a question of the agenda; the remaining ones keep consecutive numbers."""
    meeting = item.meeting
    item.delete()
    for order, remaining in enumerate(meeting.agenda_items.select_for_update(), start=1):
        if remaining.order != order:
            remaining.order = order
            remaining.save(update_fields=["order"])

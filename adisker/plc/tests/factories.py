from __future__ import annotations

import datetime
from decimal import Decimal

from adisker.core.testing import Cast, StaffProfileFactory
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.plc.models import (
    Attainment,
    Community,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    ObservationNote,
    PupilResult,
    ResearchLesson,
    ResultPhase,
)
from adisker.schools.models import AcademicYear, InterSchoolAssociation


def staff(user) -> StaffProfile:  # type: ignore[no-untyped-def]
    return user.staff_profile


def community(cast: Cast, *, members: int = 0, **kwargs) -> Community:  # type: ignore[no-untyped-def]
    values = {
        "name": "Бастауыш сынып КБАҚ",
        "school": cast.school_a,
        "academic_year": AcademicYear.objects.current(),
        "facilitator": staff(cast.facilitator_a),
        "focus": "Оқушылардың функционалдық сауаттылығы",
        **kwargs,
    }
    found = Community.objects.create(**values)
    found.members.add(staff(cast.teacher_a))
    for _ in range(members):
        found.members.add(StaffProfileFactory(school=found.school or cast.school_a))
    return found


def association(cast: Cast) -> InterSchoolAssociation:
    found = InterSchoolAssociation.objects.create(
        district=cast.district_a,
        base_school=cast.school_a,
        name_kk="Тірек мектеп бірлестігі",
        name_ru="Объединение опорной школы",
    )
    found.member_schools.add(cast.school_a2)
    return found


def cycle(cast: Cast, plc: Community | None = None, **kwargs) -> InquiryCycle:  # type: ignore[no-untyped-def]
    values = {
        "title": "Мәтінмен жұмыс",
        "research_question": "Оқушылар мәтіннен дәлелді қалай табады?",
        "target_class": "5 Ә",
        **kwargs,
    }
    return InquiryCycle.objects.create(community=plc or community(cast), **values)


def pupils(found: InquiryCycle) -> list[FocusPupil]:
    return [
        FocusPupil.objects.create(cycle=found, code=code, attainment=level)
        for code, level in (("A", Attainment.HIGH), ("B", Attainment.MIDDLE), ("C", Attainment.LOW))
    ]


def lesson(
    found: InquiryCycle, teacher: StaffProfile, *, round_number: int = 1, taught: bool = False
) -> ResearchLesson:
    return ResearchLesson.objects.create(
        cycle=found,
        round=round_number,
        teacher=teacher,
        topic="Абай өлеңдері",
        plan="1. Кіріспе\n2. Топтық жұмыс",
        expected_responses="A дәлел табады; C сұрақ қояды",
        taught_on=today() if taught else None,
    )


def observation(
    found: ResearchLesson, observer: StaffProfile, pupil: FocusPupil
) -> LessonObservation:
    made = LessonObservation.objects.create(lesson=found, observer=observer, pupil=pupil)
    ObservationNote.objects.create(
        observation=made, at=datetime.time(10, 5), text="серіктесіне түсіндіреді"
    )
    return made


def results(found: InquiryCycle, rows: dict[str, tuple[int, int]]) -> None:
    for code, (before, after) in rows.items():
        PupilResult.objects.create(
            cycle=found, code=code, phase=ResultPhase.BEFORE, score=Decimal(before)
        )
        PupilResult.objects.create(
            cycle=found, code=code, phase=ResultPhase.AFTER, score=Decimal(after)
        )

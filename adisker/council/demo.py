"""Demo methodological work: the gymnasium's council, associations, mentoring, topics, this
year's plan with meetings and protocols; the base school's last-year plan waiting to be copied;
the inter-school association's working body, joint plan and a meeting.

Idempotent: everything is found by its natural key, so a second run writes nothing.
"""

from __future__ import annotations

import datetime

from adisker.core.demo import DemoData
from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    DevelopmentTopic,
    FormOfWork,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    PlanItem,
    ProtocolDecision,
)
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.records.models import SelfEducationTopic
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School

THEME = "Оқушылардың функционалдық сауаттылығын дамыту арқылы білім сапасын арттыру"
GOAL = (
    "Педагогтардың кәсіби құзыреттілігін арттыру арқылы оқушылардың функционалдық "
    "сауаттылығын дамыту"
)
TASKS = (
    "1. Мұғалімдердің өздігінен білім алуын мектептің әдістемелік тақырыбымен байланыстыру.\n"
    "2. Lesson Study және кәсіби қоғамдастықтар арқылы сабақ сапасын жақсарту.\n"
    "3. Жас мұғалімдерге тәлімгерлік қолдау көрсету.\n"
    "4. Озат іс-тәжірибені жинақтап, таратуды ұйымдастыру."
)
# (title, form, month-offset from September, day, responsible index, audience, result, body)
PLAN = (
    ("Әдістемелік кеңестің жылдық жоспарын бекіту", "council_meeting", 0, 2, "deputy",
     "Кеңес мүшелері", "Жоспар бекітілді", "council"),
    ("Өздігінен білім алу тақырыптарын бекіту", "council_meeting", 0, 25, "deputy",
     "Барлық педагогтар", "Тақырыптар тізімі", "council"),
    ("«Критериалды бағалау: тапсырма құрастыру» семинар-практикумы", "workshop", 1, 16, "head",
     "Пән мұғалімдері", "Бағалау тапсырмаларының жинағы", "subject"),
    ("Жас мұғалімдерге арналған ашық сабақтар апталығы", "open_lesson", 2, 12, "teacher",
     "Жас мұғалімдер", "Сабақ талдаулары", "young"),
    ("«Функционалдық сауаттылық» шеберлік сыныбы", "master_class", 2, 26, "head",
     "Пән мұғалімдері", "Әдістемелік ұсынымдар", "subject"),
    ("Lesson Study циклі: зерттеу сабағын жоспарлау", "lesson_study", 3, 10, "facilitator",
     "Lesson Study тобы", "Зерттеу сабағының жоспары", None),
    ("Тоқсан қорытындысы бойынша әдістемелік кеңес отырысы", "council_meeting", 3, 27,
     "deputy", "Кеңес мүшелері", "Шешімдер", "council"),
    ("«Заманауи сабақ» педагогикалық оқулары", "pedagogical_readings", 5, 20, "deputy",
     "Барлық педагогтар", "Баяндамалар жинағы", None),
    ("Дөңгелек үстел: «Оқушы жетістігін бағалау»", "round_table", 6, 14, "head",
     "Пән мұғалімдері", "Ұсынымдар", "subject"),
    ("Өздігінен білім алу тақырыптары бойынша шығармашылық есептер", "creative_report", 7, 18,
     "teacher", "Барлық педагогтар", "Тәжірибе жинағы", None),
    ("Жылдың қорытынды әдістемелік кеңесі", "council_meeting", 8, 22, "deputy",
     "Кеңес мүшелері", "Жылдық талдау", "council"),
)  # fmt: skip
JOINT_PLAN = (
    ("Шағын жинақты мектептер мұғалімдеріне арналған семинар: біріктірілген сынып сабағы",
     "seminar", 1, 22),
    ("Тірек мектепте ашық сабақтар күні", "open_lesson", 3, 5),
    ("Мектепаралық дөңгелек үстел: бағалау тәжірибесі", "round_table", 6, 12),
)  # fmt: skip


def load(data: DemoData) -> None:
    year = AcademicYear.objects.current()
    gymnasium, base = data.schools[0], data.schools[1]
    users = data.users
    people = {
        name: users[name].staff_profile
        for name in ("deputy", "teacher", "head", "facilitator", "director", "deputy2", "teacher2")
    }
    _gymnasium(data, gymnasium, year, people)
    _base_school_last_year(base, year, data.staff[base.pk])
    _joint(data.association, year, people, data)


def plan_day(year: AcademicYear, month_offset: int, day: int) -> datetime.date:
    """The day of a plan line given as months after September and a day of the month."""
    month = (8 + month_offset) % 12 + 1
    calendar_year = year.start_year + (1 if month < 9 else 0)
    return datetime.date(calendar_year, month, min(day, 28))


def _structure(owner: dict, year: AcademicYear, kind: str, name: str, **fields) -> Association:  # type: ignore[type-arg, no-untyped-def]
    association, _created = Association.objects.get_or_create(
        **owner, academic_year=year, kind=kind, name=name, defaults=fields
    )
    return association


def _most_experienced_of_each_subject(staff: list[StaffProfile], count: int) -> list[StaffProfile]:
    chosen, covered = [], set()
    ordered = sorted(staff, key=lambda s: s.experience_started_on or datetime.date.max)
    for member in ordered:
        subjects = {s.pk for s in member.subjects.all()}
        if subjects and not subjects & covered:
            chosen.append(member)
            covered |= subjects
        if len(chosen) == count:
            break
    return chosen


def _gymnasium(
    data: DemoData, school: School, year: AcademicYear, people: dict[str, StaffProfile]
) -> None:
    staff = list(StaffProfile.objects.filter(school=school).prefetch_related("subjects"))
    owner = {"school": school, "inter_school": None}
    theme, _ = MethodologicalTheme.objects.get_or_create(
        school=school,
        title=THEME,
        defaults={"start_year": year.start_year - 1, "end_year": year.start_year + 3},
    )
    council = _structure(
        owner,
        year,
        Association.Kind.COUNCIL,
        "Әдістемелік кеңес",
        head=people["deputy"],
        secretary=people["teacher"],
        formed_on=datetime.date(year.start_year, 8, 28),
        formation_decision="Педагогикалық кеңестің 28 тамыздағы №1 хаттамасы (ашық дауыс беру)",
    )
    if not council.members.exists():
        experienced = _most_experienced_of_each_subject(staff, 6)
        council.members.add(people["deputy"], people["teacher"], people["head"], *experienced)
    subject = _structure(
        owner,
        year,
        Association.Kind.SUBJECT,
        "Жаратылыстану-математика пәндерінің әдістемелік бірлестігі",
        head=people["head"],
        secretary=people["facilitator"],
        tasks="Критериалды бағалау тапсырмаларын құрастыру; функционалдық сауаттылық.",
    )
    if not subject.members.exists():
        science = {"algebra", "geometry", "mathematics", "physics", "chemistry", "biology"}
        subject.members.add(
            people["head"],
            people["facilitator"],
            *[s for s in staff if {x.code for x in s.subjects.all()} & science][:8],
        )
        subject.subjects.add(*{x for s in subject.members.all() for x in s.subjects.all()})
    young = _structure(
        owner,
        year,
        Association.Kind.YOUNG_TEACHER,
        "Жас мұғалім мектебі",
        head=people["deputy"],
    )
    newest = sorted(
        (s for s in staff if s.pk not in {p.pk for p in people.values()}),
        key=lambda s: s.experience_started_on or datetime.date.min,
        reverse=True,
    )[:2]
    mentors = [people["teacher"], people["head"]]
    for mentor, mentee in zip(mentors, newest, strict=False):
        _pair, created = MentoringPair.objects.get_or_create(
            academic_year=year,
            mentor=mentor,
            mentee=mentee,
            defaults={"school": school, "goals": "Сабақты жоспарлау және бағалау"},
        )
        if created:
            young.members.add(mentor, mentee)
    for title, description in (
        ("Функционалдық сауаттылықты дамыту", "Оқу, математикалық және жаратылыстану сауаттылығы"),
        ("Критериалды бағалау", "Бағалау критерийлері мен дескрипторларын құрастыру"),
    ):
        topic, created = DevelopmentTopic.objects.get_or_create(
            school=school, academic_year=year, title=title, defaults={"description": description}
        )
        if created:
            word = "сауаттылығ" if "сауаттылық" in title else "бағала"
            topic.self_education_topics.add(
                *SelfEducationTopic.objects.filter(
                    staff__school=school, academic_year=year, topic__icontains=word
                )[:6]
            )

    plan, created = AnnualPlan.objects.get_or_create(
        school=school,
        academic_year=year,
        defaults={"theme": theme, "goals": GOAL, "tasks": TASKS},
    )
    if created:
        plan.approved_on = datetime.date(year.start_year, 9, 1)
        plan.approved_by = data.users["director"]
        plan.save(update_fields=["approved_on", "approved_by"])
    bodies = {"council": council, "subject": subject, "young": young}
    forms = {f.code: f for f in FormOfWork.objects.all()}
    on = today()
    for title, form, offset, day, who, audience, result, body in PLAN:
        planned_on = plan_day(year, offset, day)
        done = planned_on < on
        PlanItem.objects.get_or_create(
            plan=plan,
            title=title,
            defaults={
                "form_of_work": forms[form],
                "planned_on": planned_on,
                "planned_month": planned_on.month,
                "responsible": people[who],
                "audience": audience,
                "expected_result": result,
                "association": bodies.get(body) if body else None,
                "status": PlanItem.Status.DONE if done else PlanItem.Status.PLANNED,
                "evidence": "Хаттама, материалдар мектеп сайтында" if done else "",
            },
        )
    # This month always has something to show on the home card.
    PlanItem.objects.get_or_create(
        plan=plan,
        title="Өзара сабаққа қатысу кестесі бойынша сабақтарды талдау",
        defaults={
            "form_of_work": forms["mutual_observation"],
            "planned_on": on if year.contains(on) else None,
            "planned_month": on.month,
            "responsible": people["head"],
            "audience": "Пән мұғалімдері",
            "expected_result": "Сабақ талдау парақтары",
            "association": subject,
        },
    )
    _council_meetings(council, year, people, on)
    _association_meeting(subject, year, people, on)


def _meeting(association: Association, number: int, held_on: datetime.date, **fields) -> Meeting:  # type: ignore[no-untyped-def]
    meeting, created = Meeting.objects.get_or_create(
        association=association, number=number, defaults={"held_on": held_on, **fields}
    )
    if created:
        meeting.attendees.set(association.members.all())
    return meeting


def _agenda(
    meeting: Meeting, order: int, title: str, speaker: StaffProfile, heard: str, spoke: str = ""
) -> AgendaItem:
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting,
        order=order,
        defaults={"title": title, "speaker": speaker, "heard": heard, "spoke": spoke},
    )
    return item


def _decision(
    item: AgendaItem,
    text: str,
    owner: StaffProfile,
    due_on: datetime.date,
    *,
    done: bool = False,
) -> None:
    ProtocolDecision.objects.get_or_create(
        agenda_item=item,
        text=text,
        defaults={
            "owner": owner,
            "due_on": due_on,
            "done_on": due_on if done else None,
            "outcome": "Орындалды" if done else "",
        },
    )


def _council_meetings(
    council: Association, year: AcademicYear, people: dict[str, StaffProfile], on: datetime.date
) -> None:
    first_day = datetime.date(year.start_year, 9, 2)
    first = _meeting(council, 1, first_day, place="Мәжіліс залы")
    item = _agenda(
        first,
        1,
        "Әдістемелік жұмыстың жылдық жоспарын бекіту туралы",
        people["deputy"],
        "Директордың орынбасары жылдық жоспардың жобасын, мақсаты мен міндеттерін таныстырды.",
        "Бірлестік жетекшісі жоспарға ашық сабақтар апталығын қосуды ұсынды.",
    )
    _decision(
        item,
        "Әдістемелік жұмыстың жылдық жоспары бекітілсін.",
        people["deputy"],
        first_day,
        done=True,
    )
    item = _agenda(
        first,
        2,
        "Жас мұғалімдерге тәлімгер бекіту туралы",
        people["teacher"],
        "Тәлімгерлік жұптардың құрамы ұсынылды.",
    )
    _decision(
        item,
        "Тәлімгерлер жас мұғалімдермен бірге жеке даму жоспарын құрсын.",
        people["teacher"],
        first_day + datetime.timedelta(days=21),
        done=True,
    )
    second_day = min(
        max(first_day + datetime.timedelta(days=40), on - datetime.timedelta(days=14)), year.ends_on
    )
    second = _meeting(
        council,
        2,
        second_day,
        place="Мәжіліс залы",
        invited="Аудандық әдістемелік кабинеттің әдіскері",
    )
    item = _agenda(
        second,
        1,
        "Өздігінен білім алу тақырыптарының мектептің әдістемелік тақырыбымен байланысы",
        people["head"],
        "Бірлестік жетекшісі мұғалімдердің тақырыптарын талдады.",
        "Мұғалімдер тақырыптарды кәсіби даму тақырыптарына сәйкестендіруді ұсынды.",
    )
    _decision(
        item,
        "Тақырыбы әдістемелік тақырыппен байланыспаған мұғалімдермен жеке кеңес өткізілсін.",
        people["head"],
        second_day + datetime.timedelta(days=30),
    )
    item = _agenda(
        second,
        2,
        "Lesson Study циклін ұйымдастыру",
        people["facilitator"],
        "КБАҚ фасилитаторы зерттеу сабағының кестесін ұсынды.",
    )
    _decision(
        item,
        "Зерттеу сабағының жоспары мен бақылау парақтары дайындалсын.",
        people["teacher"],
        on + datetime.timedelta(days=10) if year.contains(on) else year.ends_on,
    )


def _association_meeting(
    association: Association, year: AcademicYear, people: dict[str, StaffProfile], on: datetime.date
) -> None:
    day = datetime.date(year.start_year, 9, 10)
    meeting = _meeting(association, 1, day, place="Физика кабинеті")
    item = _agenda(
        meeting,
        1,
        "Бірлестіктің жылдық жұмыс жоспарын талқылау",
        people["head"],
        "Бірлестік жетекшісі әдістемелік кеңес берген мәселелерді таныстырды.",
    )
    _decision(item, "Бірлестіктің жоспары қабылдансын.", people["head"], day, done=True)


def _base_school_last_year(school: School, year: AcademicYear, staff: list[StaffProfile]) -> None:
    """Last year's plan only, so that deputy2 can start this year's by copying it."""
    last_year, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    plan, created = AnnualPlan.objects.get_or_create(
        school=school, academic_year=last_year, defaults={"goals": GOAL, "tasks": TASKS}
    )
    if not created:
        return
    forms = {f.code: f for f in FormOfWork.objects.all()}
    for index, (title, form, offset, day, *_rest) in enumerate(PLAN[:6]):
        planned_on = plan_day(last_year, offset, day)
        PlanItem.objects.create(
            plan=plan,
            title=title,
            form_of_work=forms[form],
            planned_on=planned_on,
            planned_month=planned_on.month,
            responsible=staff[index % len(staff)] if staff else None,
            status=PlanItem.Status.DONE,
            evidence="Хаттама",
        )


def _joint(
    inter: InterSchoolAssociation,
    year: AcademicYear,
    people: dict[str, StaffProfile],
    data: DemoData,
) -> None:
    owner = {"school": None, "inter_school": inter}
    body = _structure(
        owner,
        year,
        Association.Kind.INTER_SCHOOL,
        "Бастауыш сынып мұғалімдерінің мектепаралық әдістемелік бірлестігі",
        head=people["deputy2"],
        secretary=people["teacher2"],
    )
    if not body.members.exists():
        members = [people["deputy2"], people["teacher2"]]
        for school in inter.member_schools.all():
            members += data.staff.get(school.pk, [])[:2]
        body.members.add(*members)
    plan, _ = AnnualPlan.objects.get_or_create(
        inter_school=inter,
        academic_year=year,
        defaults={"goals": "Шағын жинақты мектептер мұғалімдерінің кәсіби өсуін қолдау"},
    )
    forms = {f.code: f for f in FormOfWork.objects.all()}
    on = today()
    for title, form, offset, day in JOINT_PLAN:
        planned_on = plan_day(year, offset, day)
        PlanItem.objects.get_or_create(
            plan=plan,
            title=title,
            defaults={
                "form_of_work": forms[form],
                "planned_on": planned_on,
                "planned_month": planned_on.month,
                "responsible": people["deputy2"],
                "audience": "Мүше мектептердің мұғалімдері",
                "association": body,
                "status": PlanItem.Status.DONE if planned_on < on else PlanItem.Status.PLANNED,
                "evidence": "Хаттама" if planned_on < on else "",
            },
        )
    day = datetime.date(year.start_year, 9, 15)
    meeting = _meeting(body, 1, day, place=inter.base_school.name_kk)
    item = _agenda(
        meeting,
        1,
        "Мектепаралық бірлестіктің бірлескен жоспарын бекіту",
        people["deputy2"],
        "Тірек мектептің директор орынбасары бірлескен жоспардың жобасын ұсынды.",
    )
    _decision(item, "Бірлескен жоспар бекітілсін.", people["deputy2"], day, done=True)

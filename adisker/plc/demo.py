"""Demo PLCs: a gymnasium PLC with a finished Lesson Study cycle and one in progress, an
inter-school PLC of the small-class schools, mutual lesson visits and shared practice.

Idempotent: each object is found by its natural key, and a PLC found already keeps what it has.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from adisker.core.demo import DemoData
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.plc.models import (
    Attainment,
    Community,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    Meeting,
    MeetingAssignment,
    ObservationNote,
    ObservationTemplate,
    ObservationVisit,
    Practice,
    PracticeAdaptation,
    PracticeComment,
    PracticeEndorsement,
    PupilResult,
    ResearchLesson,
    ResultPhase,
    Stage,
    StageChange,
    half_year_of,
)
from adisker.schools.models import AcademicYear

ROLES = ("facilitator", "note_taker", "timekeeper")
SCORES_BEFORE = {"A": 72, "B": 55, "C": 31, "D": 64, "E": 48, "F": 59, "G": 40, "H": 67}
GAIN = {"A": 10, "B": 18, "C": 24, "D": 7, "E": 15, "F": 9, "G": 20, "H": 6}


def load(data: DemoData) -> None:
    users = data.users
    gymnasium = data.schools[0]
    profile = {
        name: users[name].staff_profile
        for name in ("teacher", "head", "facilitator", "deputy", "teacher2", "deputy2")
    }
    gym_staff = data.staff[gymnasium.pk]
    members = [profile["teacher"], profile["head"], *gym_staff[5:8]]
    plc = school_plc(gymnasium, profile["facilitator"], members)
    if plc is not None:
        meetings(plc)
        finished_cycle(plc, profile, users["facilitator"])
        cycle_in_progress(plc, profile, users["teacher"])
    small = [p for school in data.schools[2:] for p in data.staff[school.pk][:2]]
    inter_school_plc(data, profile["teacher2"], small)
    visits(gym_staff, profile, users["deputy"])
    practices(profile, users["deputy"])


def school_plc(school, facilitator: StaffProfile, members: list[StaffProfile]) -> Community | None:  # type: ignore[no-untyped-def]
    plc, created = Community.objects.get_or_create(
        name="Функционалдық оқу сауаттылығы КБАҚ",
        school=school,
        defaults={
            "academic_year": AcademicYear.objects.current(),
            "facilitator": facilitator,
            "focus": "Мектептің әдістемелік тақырыбы: «Функционалдық сауаттылықты дамыту». "
            "Диагностика 5–7 сынып оқушылары мәтіннен дәлел табуда қиналатынын көрсетті.",
            "norms": "Уақытты сақтаймыз. Оқушыны емес, оқуды бақылаймыз. Әр пікір құнды.",
            "meeting_schedule": "Әр екінші сейсенбі, 15:00",
            "minutes_per_meeting": 60,
        },
    )
    if not created:
        return None
    plc.members.set(members)
    return plc


def meetings(plc: Community) -> None:
    people = plc.participants()
    topics = (
        (-42, "Норманы келісу, басты мәселені таңдау"),
        (-28, "Зерттеу сабағын бірлесіп жоспарлау"),
        (-14, "Сабақтан кейінгі талқылау"),
        (7, "Екінші циклдің зерттеу сұрағы"),
    )
    for index, (days, topic) in enumerate(topics):
        meeting = Meeting.objects.create(
            community=plc,
            held_on=today() + datetime.timedelta(days=days),
            topic=topic,
            notes="Келісілді: келесі отырысқа дейін әр мүше бір бақылау парағын толтырады."
            if days < 0
            else "",
        )
        for offset, role in enumerate(ROLES):
            MeetingAssignment.objects.create(
                meeting=meeting, role=role, staff=people[(index + offset) % len(people)]
            )


def _pupils(cycle: InquiryCycle) -> list[FocusPupil]:
    return [
        FocusPupil.objects.create(cycle=cycle, code=code, attainment=level)
        for code, level in (("A", Attainment.HIGH), ("B", Attainment.MIDDLE), ("C", Attainment.LOW))
    ]


def finished_cycle(plc: Community, profile: dict[str, StaffProfile], by) -> None:  # type: ignore[no-untyped-def]
    cycle = InquiryCycle.objects.create(
        community=plc,
        title="Мәтіннен дәлел табу",
        research_question=(
            "5 Ә сынып оқушылары көркем мәтіннен өз пікірін дәлелдейтін үзінді таба ала ма?"
        ),
        target_class="5 Ә",
        stage=Stage.CLOSED,
        discussion_notes="C оқушысы жұпта белсенді болды, бірақ жеке тапсырмада тоқтап қалды. "
        "Келесі сабақта дәлел іздеуге тірек сұрақтар береміз.",
        report="Тірек сұрақтар мен жұптық жұмыс дәлел табуды жақсартты: сыныптың орташа нәтижесі "
        "13 пайызға, C оқушысының нәтижесі 24 пайызға өсті.",
    )
    pupils = _pupils(cycle)
    for number, days in ((1, -21), (2, -10)):
        lesson = ResearchLesson.objects.create(
            cycle=cycle,
            round=number,
            teacher=profile["teacher"],
            topic="Абай. Қара сөздер",
            plan=(
                "1. Мақсатпен таныстыру (3 мин)\n2. Мәтінді оқу (10 мин)\n"
                "3. Жұпта дәлел іздеу (12 мин)\n4. Талқылау (10 мин)"
            ),
            expected_responses=(
                "A: екі дәлел табады\nB: бір дәлел табады, түсіндіруге көмек керек\n"
                "C: жұбының көмегімен үзінді көрсетеді"
            ),
            taught_on=today() + datetime.timedelta(days=days),
        )
        for observer, pupil in ((profile["facilitator"], pupils[0]), (profile["head"], pupils[2])):
            observation = LessonObservation.objects.create(
                lesson=lesson, observer=observer, pupil=pupil, summary="Дәлелді жұпта табады."
            )
            for at, text in (
                (datetime.time(10, 5), "тапсырманы оқып, сұрақ қойды"),
                (datetime.time(10, 17), "серігіне үзіндіні көрсетті"),
            ):
                ObservationNote.objects.create(observation=observation, at=at, text=text)
    for code, before in SCORES_BEFORE.items():
        PupilResult.objects.create(
            cycle=cycle, code=code, phase=ResultPhase.BEFORE, score=Decimal(before)
        )
        PupilResult.objects.create(
            cycle=cycle, code=code, phase=ResultPhase.AFTER, score=Decimal(before + GAIN[code])
        )
    start = timezone.now() - datetime.timedelta(days=45)
    for index, (stage, _label) in enumerate(Stage.choices[1:], start=1):
        StageChange.objects.create(
            cycle=cycle, stage=stage, by=by, at=start + datetime.timedelta(days=5 * index)
        )


def cycle_in_progress(plc: Community, profile: dict[str, StaffProfile], by) -> None:  # type: ignore[no-untyped-def]
    cycle = InquiryCycle.objects.create(
        community=plc,
        title="Сұрақ қою дағдысы",
        research_question="7 Б сынып оқушылары зерттеу сұрағын өздері құра ала ма?",
        target_class="7 Б",
        stage=Stage.PLANNING,
    )
    _pupils(cycle)
    for stage in (Stage.FOCUS_PUPILS, Stage.PLANNING):
        StageChange.objects.create(cycle=cycle, stage=stage, by=by)
    for code in ("A", "B", "C", "D", "E"):
        PupilResult.objects.create(
            cycle=cycle,
            code=code,
            phase=ResultPhase.BEFORE,
            score=Decimal(40 + 5 * len(code) + ord(code) % 7 * 4),
        )


def inter_school_plc(
    data: DemoData, facilitator: StaffProfile, members: list[StaffProfile]
) -> None:
    plc, created = Community.objects.get_or_create(
        name="Шағын жинақты мектептер: біріктірілген сыныпта оқыту",
        inter_school=data.association,
        defaults={
            "academic_year": AcademicYear.objects.current(),
            "facilitator": facilitator,
            "focus": "Біріктірілген сыныпта әр жас тобының оқуын қамтамасыз ету.",
            "meeting_schedule": "Айына бір рет, тірек мектепте, сенбі 10:00",
            "minutes_per_meeting": 120,
        },
    )
    if created:
        plc.members.set(members)
        Meeting.objects.create(
            community=plc,
            held_on=today() + datetime.timedelta(days=12),
            topic="Біріктірілген сыныптағы сабақ жоспары",
        )


def visits(staff: list[StaffProfile], profile: dict[str, StaffProfile], by) -> None:  # type: ignore[no-untyped-def]
    if ObservationVisit.objects.filter(school=profile["teacher"].school).exists():
        return
    template = ObservationTemplate.objects.filter(school=None).order_by("pk").first()
    start, _end = half_year_of(today())
    day = max(start, today() - datetime.timedelta(days=40))
    teachers = staff[2:12]
    # Each teacher visits the next two: most receive two visits, the last few fewer.
    for index, observer in enumerate(teachers[:-2]):
        for step in (1, 2):
            observed = teachers[index + step]
            if observed.pk == observer.pk:
                continue
            visit = ObservationVisit.schedule(
                observer=observer,
                observed=observed,
                on=min(day + datetime.timedelta(days=index), today()),
                by=by,
                template=template,
                lesson="6 А, қазақ әдебиеті",
            )
            answers = [
                {"question": q, "answer": "Иә, мақсат тақтада, оқушылар өз сөзімен айтты."}
                for q in (template.questions if template else [])
            ]
            visit.complete(
                answers=answers,
                feedback="Топтық жұмыстағы рөлдер нақты болды. Кері байланысқа уақыт аз қалды.",
            )
            if step == 1:
                visit.feedback_read_at = timezone.now()
                visit.save(update_fields=["feedback_read_at"])
    ObservationVisit.schedule(
        observer=profile["teacher"],
        observed=profile["head"],
        on=today() + datetime.timedelta(days=3),
        by=by,
        template=template,
        lesson="8 В, алгебра",
    )
    ObservationVisit.schedule(
        observer=profile["facilitator"],
        observed=profile["teacher"],
        on=today() + datetime.timedelta(days=5),
        by=by,
        template=template,
        lesson="5 Ә, қазақ тілі",
    )


PRACTICES = (
    (
        "teacher",
        "«Екі жұлдыз, бір тілек»: әріптестік кері байланыс",
        "Қалыптастырушы бағалау",
        5,
        "Оқушылар бір-бірінің жұмысына екі жетістік пен бір ұсыныс жазады. "
        "Критерийлер алдын ала келісіледі.",
        "бағалау, кері байланыс",
    ),
    (
        "teacher",
        "Мәтінмен жұмыстағы тірек сұрақтар",
        "Функционалдық сауаттылық",
        6,
        "Әр абзацқа «Кім? Не істеді? Неге? Қалай білдің?» сұрақтары қойылады; "
        "оқушы жауабын мәтіннен дәлелдейді.",
        "оқу сауаттылығы, мәтін",
    ),
    (
        "head",
        "Математикадағы «ара ұясы» (jigsaw)",
        "Топтық жұмыс",
        8,
        "Әр топ бір тәсілді меңгеріп, басқа топтарға үйретеді. Соңында бәрі ортақ есепті шығарады.",
        "топтық жұмыс, математика",
    ),
    (
        "teacher2",
        "Біріктірілген сыныпта өзара оқыту",
        "Өзара оқыту",
        3,
        "Жоғары сынып оқушысы кіші сыныпқа тапсырманы түсіндіреді; "
        "мұғалім екі топпен кезекпен жұмыс істейді.",
        "шағын жинақты мектеп, өзара оқыту",
    ),
)


def practices(profile: dict[str, StaffProfile], deputy) -> None:  # type: ignore[no-untyped-def]
    for author, title, approach, grade, description, tags in PRACTICES:
        practice, created = Practice.objects.get_or_create(
            author=profile[author],
            title=title,
            defaults={
                "approach": approach,
                "grade": grade,
                "description": description,
                "tags": tags,
            },
        )
        if not created:
            continue
        for colleague in ("head", "facilitator", "deputy", "teacher"):
            if (
                profile[colleague].pk != practice.author_id
                and profile[colleague].school_id == practice.school_id
            ):
                PracticeEndorsement.objects.create(practice=practice, staff=profile[colleague])
        if author == "teacher":
            PracticeAdaptation.objects.create(
                practice=practice,
                staff=profile["head"],
                how="8 сыныпта есеп шығаруға бейімдедім.",
                outcome=PracticeAdaptation.Outcome.WORKED,
                notes="Әлсіз оқушылар да пікір жазды.",
            )
            PracticeComment.objects.create(
                practice=practice,
                staff=profile["facilitator"],
                text="Рақмет! Келесі КБАҚ отырысында көрсетіп беріңізші.",
            )
            if practice.grade == 5:
                practice.toggle_featured(by=deputy)

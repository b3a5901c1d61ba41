"""Demo professional records: courses over ten years, attestations, follow-ups, topics.

The mix is chosen so that every status of the five-year rule shows up in each school (most
teachers up to date, some due this year, some overdue, a few with no course at all) and the
deputy director finds a few courses waiting for confirmation.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

from adisker.core.demo import DemoData
from adisker.lib.dates import today
from adisker.people.models import Role, RoleMembership, StaffProfile, User
from adisker.records.cycle import add_years
from adisker.records.models import (
    Achievement,
    Attestation,
    CourseFollowUp,
    EducationEntry,
    PlannedCourse,
    PositionEntry,
    QualificationCourse,
    SelfEducationTopic,
)
from adisker.schools.models import AcademicYear

# Where the teacher's last course stands, with its weight in the mix.
LAST_COURSE = {"recent": 70, "due": 10, "overdue": 12, "none": 8}
PROVIDERS = (
    "«Өрлеу» біліктілікті арттыру ұлттық орталығы» АҚ",
    "«Назарбаев Зияткерлік мектептері» ДББҰ Педагогикалық шеберлік орталығы",
    "Абай атындағы Қазақ ұлттық педагогикалық университеті",
    "«Talap» КеАҚ",
)
COURSES = (
    "Жаңартылған білім беру мазмұны аясында пән бойынша біліктілікті арттыру",
    "Критериалды бағалау: теориясы мен практикасы",
    "Lesson Study: сабақты бірлесіп зерттеу",
    "Инклюзивті білім беру жағдайында оқыту",
    "Функционалдық сауаттылықты дамыту",
    "Цифрлық білім беру ресурстарын сабақта қолдану",
    "Кәсіби білім алушы қоғамдастықтар: мектептегі әдістемелік жұмыс",
)
TOPICS = (
    "Оқушылардың функционалдық сауаттылығын арттыру жолдары",
    "Критериалды бағалау арқылы оқу сапасын арттыру",
    "Сабақта сын тұрғысынан ойлауды дамыту",
    "Саралап оқыту — әр оқушының табысы",
    "Цифрлық құралдар арқылы оқушылардың белсенділігін арттыру",
    "Жобалық оқыту арқылы зерттеушілік дағдыларды қалыптастыру",
)
TOPIC_PLAN = (
    "1. Әдебиетті зерделеу.\n2. Сабақта сынақтан өткізу.\n3. Тәжірибені әріптестерге ұсыну."
)
ACHIEVEMENTS = (
    (Achievement.Kind.OPEN_LESSON, "Ашық сабақ: «Топтық жұмыс арқылы оқу»"),
    (Achievement.Kind.SEMINAR, "Аудандық семинар: критериалды бағалау тәжірибесі"),
    (Achievement.Kind.MASTER_CLASS, "Шеберлік сыныбы: рефлексия әдістері"),
    (Achievement.Kind.PUBLICATION, "«Қазақстан мектебі» журналындағы мақала"),
    (Achievement.Kind.AWARD, "Аудан әкімдігінің Алғыс хаты"),
)


def load(data: DemoData) -> None:
    on = today()
    year = AcademicYear.objects.current()
    deputies = deputies_by_school(data)
    # Read from the database: the profiles handed over predate the logins given to them.
    with_login = set(
        StaffProfile.objects.filter(school__in=data.schools, user__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for school in data.schools:
        rng = data.rng(f"records-{school.bin}")
        for profile in data.staff[school.pk]:
            add_record(
                profile,
                rng,
                on=on,
                year=year,
                deputy=deputies.get(school.pk),
                has_login=profile.pk in with_login,
            )


def deputies_by_school(data: DemoData) -> dict[int, User]:
    memberships = RoleMembership.objects.filter(
        role=Role.DEPUTY_DIRECTOR, school__in=data.schools
    ).select_related("user")
    return {m.school_id: m.user for m in memberships}


def add_record(
    profile: StaffProfile,
    rng: random.Random,
    *,
    on: datetime.date,
    year: AcademicYear,
    deputy: User | None,
    has_login: bool,
) -> None:
    period = settings.QUALIFICATION_COURSE_PERIOD_YEARS
    standing = rng.choices(list(LAST_COURSE), weights=list(LAST_COURSE.values()))[0]
    if has_login:
        # The demo logins show a full record: someone due this year, the others up to date.
        standing = "due" if standing != "recent" else standing
    add_career(profile)
    # When the next course falls due: later than this year, this year, or already past.
    left_this_year = (datetime.date(on.year, 12, 31) - on).days
    days_to_due = {
        "recent": rng.randint(left_this_year + 1, 365 * period - 40),
        "due": rng.randint(0, left_this_year),
        "overdue": -rng.randint(30, 365 * 3),
    }.get(standing)
    if days_to_due is not None:
        finished = add_years(on + datetime.timedelta(days=days_to_due), -period)
        # The one before, a period earlier, where the teacher was already working then.
        earlier = add_years(finished, -period) - datetime.timedelta(days=rng.randint(0, 90))
        ends = [finished, earlier]
        started_work = profile.experience_started_on or datetime.date(2000, 9, 1)
        for index, end in enumerate(e for e in ends if e > started_work):
            # The newest course of one teacher in six still waits for the deputy's check.
            pending = index == 0 and deputy is not None and rng.random() < 1 / 6
            add_course(profile, rng, end, confirmed=not pending, by=deputy, on=on)
    add_attestation(profile, rng, on=on, deputy=deputy)
    if rng.random() < 0.8:
        SelfEducationTopic.objects.get_or_create(
            staff=profile,
            academic_year=year,
            defaults={"topic": rng.choice(TOPICS), "plan": TOPIC_PLAN},
        )
    for kind, title in rng.sample(ACHIEVEMENTS, rng.randint(0, 2)):
        Achievement.objects.get_or_create(
            staff=profile,
            kind=kind,
            title=title,
            defaults={
                "held_on": on - datetime.timedelta(days=rng.randint(30, 900)),
                "level": rng.choice(Achievement.Level.values[:3]),
            },
        )
    planned_year = on.year + rng.randint(0, 1)
    if standing != "recent" and rng.random() < 0.6 and not profile.planned_courses.exists():
        PlannedCourse.objects.create(staff=profile, year=planned_year)


def add_career(profile: StaffProfile) -> None:
    """The diploma and the current post, from what the staff list already says."""
    started = profile.experience_started_on
    if started is None:
        return
    institution, _comma, speciality = profile.education_details.partition(", ")
    level = EducationEntry.Level
    vocational = profile.education == StaffProfile.Education.VOCATIONAL
    EducationEntry.objects.get_or_create(
        staff=profile,
        institution=institution,
        defaults={
            "level": level.VOCATIONAL if vocational else level.BACHELOR,
            "speciality": speciality or institution,
            "graduated_in": started.year,
        },
    )
    PositionEntry.objects.get_or_create(
        staff=profile,
        organisation=profile.school.name_kk,
        defaults={"position": profile.position.name_kk, "started_on": started},
    )


def confirmation(confirmed: bool, by: User | None) -> dict[str, object]:
    """Schools without a deputy's login carry entries confirmed on paper before Adisker."""
    if not confirmed:
        return {}
    return {"confirmed_by": by, "confirmed_at": timezone.now()}


def add_course(
    profile: StaffProfile,
    rng: random.Random,
    finished: datetime.date,
    *,
    confirmed: bool,
    by: User | None,
    on: datetime.date,
) -> None:
    title = rng.choice(COURSES)
    hours = rng.choice((36, 72, 80, 120))
    # Found again by its certificate, so that a run on a later day adds nothing.
    course, created = QualificationCourse.objects.get_or_create(
        staff=profile,
        certificate_number=f"№ {rng.randint(10000, 99999)}",
        defaults={
            "finished_on": finished,
            "provider": rng.choice(PROVIDERS),
            "title": title,
            "hours": hours,
            "format": rng.choice(QualificationCourse.Format.values),
            "started_on": finished - datetime.timedelta(days=hours // 8 + rng.randint(0, 14)),
            **confirmation(confirmed, by),
        },
    )
    # Drawn whether or not it is written, so that a rerun draws the same numbers after it.
    shared = rng.random() < 0.6
    follow_up = {
        "kind": rng.choice(CourseFollowUp.Kind.values),
        "held_on": finished + datetime.timedelta(days=rng.randint(14, 60)),
        "description": f"«{title}» курсының негізгі идеяларымен әріптестерді таныстырдым.",
    }
    if created and shared and finished < on - datetime.timedelta(days=30):
        CourseFollowUp.objects.create(course=course, **follow_up)


def add_attestation(
    profile: StaffProfile, rng: random.Random, *, on: datetime.date, deputy: User | None
) -> None:
    if profile.category is None or profile.category.code == "pedagogue":
        return
    days = rng.randint(60, 365 * settings.ATTESTATION_PERIOD_YEARS)
    assigned = on - datetime.timedelta(days=days)
    Attestation.objects.get_or_create(
        staff=profile,
        category=profile.category,
        defaults={
            "assigned_on": assigned,
            "valid_until": Attestation.default_valid_until(assigned),
            "order_number": f"№ {rng.randint(1, 400)}-ж",
            **confirmation(True, deputy),
        },
    )

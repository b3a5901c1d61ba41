"""Demo calendar: the gymnasium's seminars, open lessons and master classes, and the joint
events of the inter-school association, some past with attendance and feedback, some to come.

Dates are counted from the day of the first load, so the calendar always has something recent
and something coming; events are found again by owner and title, so a second run writes nothing.
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from adisker.core.demo import DemoData
from adisker.council.models import Association, FormOfWork, PlanItem
from adisker.events.models import Event, EventMaterial, Feedback, Participation
from adisker.lib.dates import today
from adisker.people.models import StaffProfile

# title, form of work, days from today, hour, minutes, place, online link, organiser login
GYMNASIUM = (
    ("Семинар-практикум: формативті бағалау және кері байланыс", "workshop", -20, 15, 90,
     "Мәжіліс залы", "", "deputy"),
    ("Ашық сабақ: 8-сынып, химия, «Зат массасының сақталу заңы»", "open_lesson", -6, 10, 45,
     "Химия кабинеті, 214", "", "head"),
    ("Шеберлік сыныбы: сабақта критериалды бағалау рубрикалары", "master_class", 3, 15, 60,
     "Мәжіліс залы", "", "facilitator"),
    ("Дөңгелек үстел: жас мұғалімдердің алғашқы тоқсаны", "round_table", 9, 16, 60,
     "", "https://meet.jit.si/adisker-demo-gymnasium", "deputy"),
    ("Педагогикалық оқулар: өздігінен білім алу тақырыптары", "pedagogical_readings", 24, 14, 120,
     "Акт залы", "", "deputy"),
)  # fmt: skip
JOINT = (
    ("Мектепаралық семинар: біріктірілген сынып сабағын жоспарлау", "seminar", -12, 11, 120,
     "Тірек мектеп, 12 кабинет", ""),
    ("Тірек мектепте ашық сабақтар күні", "open_lesson", 6, 10, 180, "Тірек мектеп", ""),
    ("Мектепаралық дөңгелек үстел: бағалау тәжірибесі", "round_table", 20, 15, 90,
     "", "https://meet.jit.si/adisker-demo-joint"),
)  # fmt: skip
FEEDBACK = (
    (5, "Рубрикаларды өз сабағымда бірден қолданамын."),
    (4, "Пайдалы болды, бірақ практикаға уақыт аз қалды."),
    (5, "Әріптестердің мысалдары ұнады."),
    (3, "Материалдарды алдын ала жіберсе жақсы болар еді."),
)
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _at(days: int, hour: int) -> datetime.datetime:
    day = today() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _event(
    owner: dict, title: str, form: str, days: int, hour: int, minutes: int, **fields
) -> Event:  # type: ignore[type-arg, no-untyped-def]
    starts = _at(days, hour)
    event, _created = Event.objects.get_or_create(
        **owner,
        title=title,
        defaults={
            "form_of_work": FormOfWork.objects.get(code=form),
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(minutes=minutes),
            **fields,
        },
    )
    return event


def _take_part(event: Event, staff: list[StaffProfile], *, attended: bool) -> None:
    past = event.starts_at < timezone.now()
    for person in staff:
        Participation.objects.get_or_create(
            event=event, staff=person, defaults={"attended": attended if past else None}
        )
    if not past:
        return
    for person, (rating, text) in zip(staff, FEEDBACK, strict=False):
        Feedback.objects.get_or_create(
            event=event, staff=person, defaults={"rating": rating, "text": text}
        )


def load(data: DemoData) -> None:
    gymnasium = data.schools[0]
    users = data.users
    staff = data.staff[gymnasium.pk]
    people = {
        name: users[name].staff_profile for name in ("deputy", "teacher", "head", "facilitator")
    }
    invited = [people["teacher"], people["head"], people["facilitator"], *staff[:5]]
    subject = Association.objects.filter(school=gymnasium, head=people["head"]).first()
    for title, form, days, hour, minutes, place, link, organiser in GYMNASIUM:
        event = _event(
            {"school": gymnasium},
            title,
            form,
            days,
            hour,
            minutes,
            place=place,
            online_url=link,
            organiser=people[organiser],
            structure=subject if organiser == "head" else None,
        )
        _take_part(event, list(dict.fromkeys(invited)), attended=True)
        if form == "workshop" and not event.materials.exists():
            material = EventMaterial(
                event=event, title="Семинар слайдтары", uploaded_by=users["deputy"]
            )
            material.file.save("formative-assessment.pdf", ContentFile(DEMO_PDF), save=True)

    joint = data.association
    body = Association.objects.filter(inter_school=joint).first()
    joint_staff = [users["deputy2"].staff_profile, users["teacher2"].staff_profile]
    for school in joint.member_schools.all():
        joint_staff += data.staff.get(school.pk, [])[:2]
    for title, form, days, hour, minutes, place, link in JOINT:
        event = _event(
            {"inter_school": joint},
            title,
            form,
            days,
            hour,
            minutes,
            place=place,
            online_url=link,
            organiser=users["deputy2"].staff_profile,
            structure=body,
            plan_item=PlanItem.objects.filter(plan__inter_school=joint, title=title).first(),
        )
        _take_part(event, joint_staff, attended=True)

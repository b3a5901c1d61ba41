"""Synthetic methodological calendars: events of every school and inter-school association
from a year ago to the end of this academic year, with participants and, for those held,
attendance."""

from __future__ import annotations

import datetime

from django.utils import timezone

from adisker.council.models import FormOfWork
from adisker.events.demo import GYMNASIUM, JOINT
from adisker.events.models import Event, Participation
from adisker.lib.text import fold
from adisker.schools.models import AcademicYear
from bench.scale import BATCH, Row, ScaleData

EVENTS_PER_SCHOOL = 24
EVENTS_PER_INTER_SCHOOL = 6
EVENT_FIELDS = [
    "id", "school", "inter_school", "structure", "title", "form_of_work", "description",
    "starts_at", "ends_at", "place", "online_url", "organiser", "created_at", "search_text",
]  # fmt: skip


def generate(data: ScaleData) -> None:
    rng = data.rng("events")
    # What and when from a generator of their own, so that a larger staff (more participants
    # drawn) leaves every school's calendar as it was: data sets of one seed and several sizes
    # then have the same months to compare.
    when = data.rng("events-when")
    forms = dict(FormOfWork.objects.values_list("code", "pk"))
    first = data.on - datetime.timedelta(days=365)
    span = (AcademicYear.objects.current().ends_on - first).days
    now = timezone.now()
    events: list[Row] = []
    participations: list[Row] = []

    def add(
        owner: tuple[int | None, int | None],
        structures: list[int | None],
        pool: list[int],
        count: int,
        lines: tuple,  # type: ignore[type-arg]
    ) -> None:
        for event_id in data.writer.reserve(Event, count):
            structure = rng.choice(structures)
            title, form, _days, hour, minutes, place, link = when.choice(lines)[:7]
            day = first + datetime.timedelta(days=when.randrange(span))
            starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
            events.append(
                (
                    event_id, *owner, structure, title, forms[form], "", starts_at,
                    starts_at + datetime.timedelta(minutes=minutes), place, link,
                    rng.choice(pool), now, fold(title, place),
                )
            )  # fmt: skip
            held = starts_at < now
            for staff_id in rng.sample(pool, min(len(pool), rng.randint(4, 12))):
                attended = (rng.random() < 0.85) if held else None
                participations.append((event_id, staff_id, attended))

    for school in data.schools:
        structures: list[int | None] = [None, *data.structures.get(school.id, [])]
        add((school.id, None), structures, list(school.staff_ids), EVENTS_PER_SCHOOL, GYMNASIUM)
        if len(events) >= BATCH // 4:
            _write(data, events, participations)
    for association in data.inter_schools:
        pool = [
            s
            for school in (association.base_school, *association.members)
            for s in school.staff_ids
        ]
        add((None, association.id), [None], pool, EVENTS_PER_INTER_SCHOOL, JOINT)
    _write(data, events, participations)


def _write(data: ScaleData, events: list[Row], participations: list[Row]) -> None:
    data.writer.write(Event, EVENT_FIELDS, events)
    data.writer.write(Participation, ["event", "staff", "attended"], participations)
    events.clear()
    participations.clear()

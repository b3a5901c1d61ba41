"""The PLC's reads that span its models: who leads what, a cycle's evidence, a teacher's
cycles, the school's who-visited-whom, the recognition of shared practice, the record's part."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import Count, Q

from adisker.people.models import StaffProfile
from adisker.plc.models import (
    Community,
    InquiryCycle,
    LessonObservation,
    MeetingAssignment,
    MeetingRole,
    ObservationVisit,
    Practice,
    ResearchLesson,
    ResultPhase,
    community_ids_of,
    visits_required,
)
from adisker.schools.models import School


@dataclass(frozen=True)
class LeadershipRow:
    staff: StaffProfile
    counts: list[int]  # one per MeetingRole, in its order

    @property
    def total(self) -> int:
        return sum(self.counts)


def leadership_of(community: Community, participants: list[StaffProfile]) -> list[LeadershipRow]:
    """How many times each participant held each meeting role: one query."""
    found: dict[tuple[int, str], int] = {
        (row["staff_id"], row["role"]): row["n"]
        for row in MeetingAssignment.objects.filter(meeting__community=community)
        .values("staff_id", "role")
        .annotate(n=Count("pk"))
    }
    roles = [choice for choice, _label in MeetingRole.choices]
    return [
        LeadershipRow(person, [found.get((person.pk, role), 0) for role in roles])
        for person in participants
    ]


@dataclass(frozen=True)
class ResultRow:
    code: str
    attainment: str
    before: Decimal | None
    after: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Evidence:
    """The class's and the focus pupils' results before and after (R21)."""

    focus: list[ResultRow]
    class_before: Decimal | None
    class_after: Decimal | None
    pupils: int

    @property
    def class_change(self) -> Decimal | None:
        if self.class_before is None or self.class_after is None:
            return None
        return self.class_after - self.class_before


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None


def evidence_of(cycle: InquiryCycle) -> Evidence:
    """Built from the prefetched `results` and `focus_pupils` of the cycle."""
    scores: dict[tuple[str, str], Decimal] = {
        (r.code, r.phase): r.score for r in cycle.results.all()
    }
    focus = [
        ResultRow(
            p.code,
            p.get_attainment_display(),
            scores.get((p.code, ResultPhase.BEFORE)),
            scores.get((p.code, ResultPhase.AFTER)),
        )
        for p in cycle.focus_pupils.all()
    ]
    before = [s for (_code, phase), s in scores.items() if phase == ResultPhase.BEFORE]
    after = [s for (_code, phase), s in scores.items() if phase == ResultPhase.AFTER]
    return Evidence(focus, _mean(before), _mean(after), len({code for code, _phase in scores}))


def cycles_of(staff: StaffProfile) -> models.QuerySet[InquiryCycle]:
    """The cycles a teacher took part in: as a member of the PLC, as the teacher of a research
    lesson or as an observer; with what `evidence_of` needs."""
    # One indexed lookup per way of taking part, united: an OR across the four joins made the
    # database read every cycle in the country.
    taught = ResearchLesson.objects.filter(teacher=staff).order_by().values_list("cycle_id")
    observed = LessonObservation.objects.filter(observer=staff).order_by()
    ids = (
        InquiryCycle.objects.filter(community_id__in=community_ids_of(staff))
        .order_by()
        .values_list("pk")
        .union(taught, observed.values_list("lesson__cycle_id"))
    )
    return (
        InquiryCycle.objects.filter(pk__in=[pk for (pk,) in ids])
        .select_related("community")
        .prefetch_related("results", "focus_pupils")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class MatrixRow:
    staff: StaffProfile
    cells: list[int]  # visits by each observer (the same staff, in order)
    received: int
    made: int
    below: bool


def visit_matrix(
    school: School, start: datetime.date, end: datetime.date
) -> tuple[list[StaffProfile], list[MatrixRow], int]:
    """Teachers × teachers: how many completed visits each observer made to each observed
    teacher in [start, end], and who received fewer than the school's rule. Three queries."""
    required = visits_required(school)
    staff = list(StaffProfile.objects.filter(school=school).order_by("last_name", "first_name"))
    counts: dict[tuple[int, int], int] = {
        (row["observed_id"], row["observer_id"]): row["n"]
        for row in ObservationVisit.objects.filter(school=school)
        .done()
        .between(start, end)
        .values("observed_id", "observer_id")
        .annotate(n=Count("pk"))
    }
    made: dict[int, int] = {}
    for (_observed, observer), n in counts.items():
        made[observer] = made.get(observer, 0) + n
    ids = [person.pk for person in staff]
    rows = []
    for person, observed in zip(staff, ids, strict=True):
        cells = [counts.get((observed, observer), 0) for observer in ids]
        received = sum(cells)
        rows.append(MatrixRow(person, cells, received, made.get(person.pk, 0), received < required))
    return staff, rows, required


@dataclass(frozen=True)
class Recognition:
    practices: list[Practice]  # annotated with endorsement_count and adaptation_count

    @property
    def endorsements(self) -> int:
        return sum(p.endorsement_count for p in self.practices)

    @property
    def adaptations(self) -> int:
        return sum(p.adaptation_count for p in self.practices)

    @property
    def featured(self) -> int:
        return sum(1 for p in self.practices if p.is_featured)

    @property
    def total(self) -> int:
        return self.endorsements + self.adaptations + self.featured


def recognition_for(staff: StaffProfile) -> Recognition:
    """What colleagues gave the teacher's shared practice: endorsements, adaptations in their
    classes, featuring by the deputy director (R25). One query."""
    practices = list(
        Practice.objects.filter(author=staff)
        .annotate(
            endorsement_count=Count(
                "endorsements", filter=~Q(endorsements__staff=staff), distinct=True
            ),
            adaptation_count=Count(
                "adaptations", filter=~Q(adaptations__staff=staff), distinct=True
            ),
        )
        .order_by("-published_at", "-pk")
    )
    return Recognition(practices)


def record_section(staff: StaffProfile) -> dict[str, object]:
    """The context of templates/plc/record_section.html for a teacher's record."""
    cycles = list(cycles_of(staff))
    return {
        "plc_cycles": [(cycle, evidence_of(cycle)) for cycle in cycles],
        "plc_recognition": recognition_for(staff),
    }

"""From a competence campaign to the annual plan (R9, R23, R27).

Each teacher's score in a dimension is the council's expert score when there is one, else the
self-assessment. Three rules, each stored with its figures on the proposal:

1. PD topic: a dimension where at least TOPIC_SHARE of the school's answering teachers (and at
   least TOPIC_MIN of them) are at the lowest level → the dimension's development topic in the
   annual plan, with the first of its forms of work when at least WHOLE_STAFF_SHARE are low (a
   whole-staff need), else the second (a group's need).
2. Candidate PLC: teachers whose weakest dimension is the same, and below the highest level, in
   groups of at least PLC_MIN → a PLC on that dimension; the facilitator suggested is the
   strongest teacher at the highest level in it outside the group.
3. Pairs: dimension by dimension, the one with most low teachers first, teachers at the lowest
   level (weakest first) are paired with teachers at the highest level (strongest first); each
   teacher is in one pair at most. A
   weaker teacher with less than YOUNG_TEACHER_YEARS of experience gets a mentor; anyone else
   goes to observe the stronger colleague's lessons (mutual observation).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adisker.diagnostics.models import (
    Campaign,
    Dimension,
    DimensionScore,
    Invitation,
    Level,
    Proposal,
)
from adisker.lib.dates import today
from adisker.people.models import StaffProfile, User
from adisker.schools.models import AcademicYear, School

TOPIC_SHARE = Decimal("0.3")
TOPIC_MIN = 2
WHOLE_STAFF_SHARE = Decimal("0.5")
PLC_MIN = 3
YOUNG_TEACHER_YEARS = 5
OBSERVATION_IN_DAYS = 14
DEFAULT_FORM = "seminar"


@dataclass(frozen=True)
class Score:
    staff: StaffProfile
    value: Decimal
    level: Level
    source: str  # "expert" or "self"

    def as_data(self) -> dict[str, str]:
        return {
            "staff": str(self.staff.pk),
            "name": self.staff.short_name,
            "score": str(self.value),
            "level": self.level.code,
            "source": self.source,
        }


def scores_by_teacher(campaign: Campaign, school: School) -> dict[int, dict[int, Score]]:
    """staff id → dimension id → the score that counts (expert over self)."""
    rows = (
        DimensionScore.objects.filter(
            response__campaign=campaign,
            response__school=school,
            response__subject__isnull=False,
        )
        .select_related("response__subject", "level")
        .order_by("response__role")  # "expert" before "self"
    )
    found: dict[int, dict[int, Score]] = defaultdict(dict)
    for row in rows:
        staff = row.response.subject
        assert staff is not None
        if row.dimension_id not in found[staff.pk]:
            found[staff.pk][row.dimension_id] = Score(
                staff, row.score, row.level, row.response.role
            )
    # Only teachers who assessed themselves count: an expert rating alone is not a campaign
    # answer from that teacher.
    answered = set(
        campaign.responses.filter(
            school=school, role=Invitation.Role.SELF, subject__isnull=False
        ).values_list("subject_id", flat=True)
    )
    return {pk: dims for pk, dims in found.items() if pk in answered}


@transaction.atomic
def generate(campaign: Campaign, school: School) -> list[Proposal]:
    """Recompute the open proposals of a school; decided ones stay as they are."""
    Proposal.objects.filter(
        campaign=campaign, school=school, status=Proposal.Status.PROPOSED
    ).delete()
    decided = list(
        Proposal.objects.filter(campaign=campaign, school=school).values_list(
            "kind", "dimension_id", "weaker_id", "stronger_id"
        )
    )
    decided_dims = {(kind, dim) for kind, dim, _w, _s in decided}
    paired = {pk for _k, _d, weaker, stronger in decided for pk in (weaker, stronger) if pk}
    version = campaign.version
    dimensions = list(version.dimensions.order_by("order", "pk"))
    levels = list(version.levels.order_by("min_score"))
    low, high = levels[0], levels[-1]
    scores = scores_by_teacher(campaign, school)
    total = len(scores)
    created: list[Proposal] = []
    if not total:
        return created

    for dimension in dimensions:
        in_dim = [dims[dimension.pk] for dims in scores.values() if dimension.pk in dims]
        weak = sorted((s for s in in_dim if s.level.pk == low.pk), key=lambda s: s.value)
        share = Decimal(len(weak)) / total
        if (Proposal.Kind.TOPIC, dimension.pk) in decided_dims:
            continue
        if len(weak) >= TOPIC_MIN and share >= TOPIC_SHARE:
            forms = [c for c in dimension.form_codes.split(",") if c]
            whole_staff = share >= WHOLE_STAFF_SHARE
            form = (forms[0] if whole_staff else forms[-1]) if forms else DEFAULT_FORM
            created.append(
                _create(
                    campaign,
                    school,
                    Proposal.Kind.TOPIC,
                    dimension,
                    title=dimension.topic,
                    form_code=form,
                    members=[s.staff for s in weak],
                    rationale={
                        "rule": "topic",
                        "level": low.name,
                        "below": str(levels[1].min_score) if len(levels) > 1 else "",
                        "count": len(weak),
                        "total": total,
                        "percent": round(share * 100),
                        "threshold_percent": round(TOPIC_SHARE * 100),
                        "whole_staff_percent": round(WHOLE_STAFF_SHARE * 100),
                        "whole_staff": whole_staff,
                        "scores": [s.as_data() for s in weak],
                    },
                )
            )

    created += _plcs(campaign, school, dimensions, scores, high, decided_dims)
    created += _pairs(campaign, school, dimensions, scores, low, high, paired)
    return created


def _weakest(dims: dict[int, Score], dimensions: list[Dimension]) -> tuple[Dimension, Score] | None:
    found = [(d, dims[d.pk]) for d in dimensions if d.pk in dims]
    return min(found, key=lambda pair: pair[1].value) if found else None


def _plcs(
    campaign: Campaign,
    school: School,
    dimensions: list[Dimension],
    scores: dict[int, dict[int, Score]],
    high: Level,
    decided_dims: set[tuple[str, int]],
) -> list[Proposal]:
    groups: dict[int, list[Score]] = defaultdict(list)
    for dims in scores.values():
        weakest = _weakest(dims, dimensions)
        if weakest and weakest[1].level.pk != high.pk:
            groups[weakest[0].pk].append(weakest[1])
    created = []
    for dimension in dimensions:
        group = sorted(groups.get(dimension.pk, []), key=lambda s: s.value)
        if len(group) < PLC_MIN or (Proposal.Kind.PLC, dimension.pk) in decided_dims:
            continue
        members = {s.staff.pk for s in group}
        leaders = sorted(
            (
                dims[dimension.pk]
                for pk, dims in scores.items()
                if pk not in members
                and dimension.pk in dims
                and dims[dimension.pk].level.pk == high.pk
            ),
            key=lambda s: -s.value,
        )
        facilitator = leaders[0] if leaders else None
        created.append(
            _create(
                campaign,
                school,
                Proposal.Kind.PLC,
                dimension,
                title=dimension.topic,
                members=[s.staff for s in group],
                stronger=facilitator.staff if facilitator else None,
                rationale={
                    "rule": "plc",
                    "count": len(group),
                    "minimum": PLC_MIN,
                    "scores": [s.as_data() for s in group],
                    "facilitator": facilitator.as_data() if facilitator else None,
                },
            )
        )
    return created


def _pairs(
    campaign: Campaign,
    school: School,
    dimensions: list[Dimension],
    scores: dict[int, dict[int, Score]],
    low: Level,
    high: Level,
    paired: set[int],
) -> list[Proposal]:
    created = []
    on = today()

    def low_count(dimension: Dimension) -> int:
        return sum(
            1
            for dims in scores.values()
            if dimension.pk in dims and dims[dimension.pk].level == low
        )

    # The dimension with the most low teachers chooses its partners first.
    for dimension in sorted(dimensions, key=lambda d: -low_count(d)):
        in_dim = [dims[dimension.pk] for dims in scores.values() if dimension.pk in dims]
        weak = sorted((s for s in in_dim if s.level.pk == low.pk), key=lambda s: s.value)
        strong = sorted((s for s in in_dim if s.level.pk == high.pk), key=lambda s: -s.value)
        weak = [s for s in weak if s.staff.pk not in paired]
        strong = [s for s in strong if s.staff.pk not in paired]
        for weaker, stronger in zip(weak, strong, strict=False):
            years = weaker.staff.experience_years(on)
            young = years is not None and years < YOUNG_TEACHER_YEARS
            kind = Proposal.Kind.MENTORING if young else Proposal.Kind.OBSERVATION
            paired |= {weaker.staff.pk, stronger.staff.pk}
            created.append(
                _create(
                    campaign,
                    school,
                    kind,
                    dimension,
                    title=f"{stronger.staff.short_name} → {weaker.staff.short_name}",
                    form_code="mentoring" if young else "mutual_observation",
                    weaker=weaker.staff,
                    stronger=stronger.staff,
                    rationale={
                        "rule": kind,
                        "weaker": weaker.as_data(),
                        "stronger": stronger.as_data(),
                        "experience_years": years,
                        "young_below": YOUNG_TEACHER_YEARS,
                        "low": low.name,
                        "high": high.name,
                    },
                )
            )
    return created


def _create(
    campaign: Campaign,
    school: School,
    kind: str,
    dimension: Dimension,
    *,
    title: str,
    rationale: dict,
    form_code: str = "",
    members: list[StaffProfile] = (),  # type: ignore[assignment]
    weaker: StaffProfile | None = None,
    stronger: StaffProfile | None = None,
) -> Proposal:
    proposal = Proposal.objects.create(
        campaign=campaign,
        school=school,
        kind=kind,
        dimension=dimension,
        title=title[:300],
        form_code=form_code,
        weaker=weaker,
        stronger=stronger,
        rationale=rationale,
    )
    if members:
        proposal.members.set(members)
    return proposal


@transaction.atomic
def accept(proposal: Proposal, *, by: User, title: str) -> str:
    """Turn the proposal into a plan item, a PLC, a mentoring pair or an observation visit."""
    from adisker.council import services as council
    from adisker.plc.models import Community, ObservationVisit

    year = AcademicYear.objects.current()
    school = proposal.school
    if proposal.kind == Proposal.Kind.TOPIC:
        plan = council.plan_for(academic_year=year, school=school)
        item = council.add_plan_item(
            plan=plan,
            title=title,
            form_of_work=proposal.form_code or DEFAULT_FORM,
            audience=", ".join(m.short_name for m in proposal.members.all()),
            expected_result=_("Teachers at the low level in «%(dimension)s» reach the next level.")
            % {"dimension": proposal.dimension.name},
        )
        created = f"council.planitem:{item.pk}"
    elif proposal.kind == Proposal.Kind.PLC:
        members = list(proposal.members.all())
        facilitator = proposal.stronger or members[0]
        community = Community.objects.create(
            name=title,
            school=school,
            academic_year=year,
            facilitator=facilitator,
            focus=_("Needs found by the diagnostics «%(campaign)s»: %(dimension)s.")
            % {"campaign": proposal.campaign.title, "dimension": proposal.dimension.name},
            created_by=by,
        )
        community.members.set(members)
        created = f"plc.community:{community.pk}"
    elif proposal.kind == Proposal.Kind.MENTORING:
        assert proposal.stronger and proposal.weaker
        pair = council.add_mentoring_pair(
            school=school,
            academic_year=year,
            mentor=proposal.stronger,
            mentee=proposal.weaker,
            goals=proposal.dimension.topic,
        )
        created = f"council.mentoringpair:{pair.pk}"
    else:
        assert proposal.stronger and proposal.weaker
        # Refused (ValidationError) when the two no longer work at the same school.
        visit = ObservationVisit.schedule(
            observer=proposal.weaker,
            observed=proposal.stronger,
            on=today() + datetime.timedelta(days=OBSERVATION_IN_DAYS),
            by=by,
        )
        created = f"plc.observationvisit:{visit.pk}"
    proposal.title = title
    proposal.status = Proposal.Status.ACCEPTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.created_object = created
    proposal.save(
        update_fields=["title", "form_code", "status", "decided_by", "decided_at", "created_object"]
    )
    return created


def reject(proposal: Proposal, *, by: User) -> None:
    proposal.status = Proposal.Status.REJECTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])

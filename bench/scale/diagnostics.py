"""Synthetic diagnostics: in every school a competence self-assessment closed last spring and an
open one this autumn, in every fourth district a closed, anonymous climate survey, and the
spring campaign's proposals in a few schools.

Each person answers around a level of their own, each dimension a little off it, as
`demo.demo_answers` draws them. At national size that is some twelve million answers, so they
are not drawn item by item: each dimension gets a bank of answer patterns per level, made once
and scored once by `scoring.dimension_scores`, and a response is a pattern picked per dimension.
The stored scores are therefore exactly the ones the application would give for those answers.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from adisker.diagnostics import proposals
from adisker.diagnostics.models import (
    Answer,
    Campaign,
    DimensionScore,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    Option,
    Response,
)
from adisker.diagnostics.scoring import VersionStructure, dimension_scores
from adisker.people.models import Role, RoleMembership
from adisker.schools.models import School
from bench.scale import BATCH, Row, ScaleData, SchoolRow

# The demo's teachers' own levels (1–5), the middle ones more common, and the autumn's growth.
TEACHER_LEVELS = (1.8, 2.4, 3.0, 3.3, 3.6, 4.0, 4.4)
TEACHER_WEIGHTS = (1, 2, 3, 3, 3, 2, 1)
GROWTH = 0.3
# A school's climate is one of these; each of its people answers at it or a step off it.
CLIMATE_LEVELS = (2.6, 3.0, 3.4, 3.8, 4.2, 4.6)
SHIFTS = (-1, 0, 0, 1)  # a dimension's offset from the person's level, as in the demo
PATTERNS_PER_SHIFT = 16

SPRING_SHARE, AUTUMN_SHARE, CLIMATE_SHARE = 0.85, 0.40, 0.70
CLIMATE_EVERY = 4  # districts
PROPOSALS_EVERY = 100  # schools
SPRING_DAYS_AGO, AUTUMN_DAYS_AGO, CLIMATE_DAYS_AGO = 200, 20, 60
FLUSH_ANSWERS = 20 * BATCH  # a batch's answers; the other rows are a twentieth of them
SELF = Invitation.Role.SELF.value
NO_DRAFT = "{}"

CAMPAIGN_FIELDS = [
    "id", "version", "title", "school", "district", "deadline", "status", "created_by",
    "created_at",
]  # fmt: skip
INVITATION_FIELDS = ["campaign", "user", "school", "subject", "role", "draft", "submitted"]
RESPONSE_FIELDS = ["id", "campaign", "school", "role", "respondent", "subject"]
ANSWER_FIELDS = ["response", "item", "option", "number", "text"]
SCORE_FIELDS = ["response", "dimension", "score", "level"]


@dataclass(frozen=True)
class Pattern:
    """One dimension's answers: a row tail (item, option, number, text) per item, and the
    dimension's score and level for them."""

    answers: tuple[Row, ...]
    score: Decimal
    level: int


class Bank:
    """Answer patterns of an instrument version: for each of `levels`, for each dimension in
    order, patterns drawn with the dimension's shifts in their demo proportions."""

    def __init__(self, version: InstrumentVersion, levels: tuple[float, ...], rng: random.Random):
        structure = VersionStructure.load(version)
        by_dimension: dict[int, list[tuple[int, list[Option]]]] = {}
        for item in structure.items:
            # A number, a text or a set of options would need patterns of its own kind.
            if item.kind not in (Item.Kind.LIKERT, Item.Kind.SINGLE) or not item.dimension_id:
                raise ValueError(f"{version}: item {item.pk} is not a scored scale item")
            ranked = sorted(structure.options[item.pk], key=lambda o: o.score)
            by_dimension.setdefault(item.dimension_id, []).append((item.pk, ranked))
        self.levels: list[list[tuple[int, list[Pattern]]]] = [
            [
                (dimension_id, self._patterns(structure, dimension_id, items, level, rng))
                for dimension_id, items in by_dimension.items()
            ]
            for level in levels
        ]

    @staticmethod
    def _patterns(
        structure: VersionStructure,
        dimension_id: int,
        items: list[tuple[int, list[Option]]],
        level: float,
        rng: random.Random,
    ) -> list[Pattern]:
        found = []
        for shift in SHIFTS:
            for _n in range(PATTERNS_PER_SHIFT):
                chosen = {}
                for item_id, ranked in items:
                    wanted = round(level + shift + rng.uniform(-0.6, 0.6))
                    top = len(ranked) - 1
                    chosen[item_id] = ranked[max(0, min(top, round((wanted - 1) / 4 * top)))].pk
                score = dimension_scores(structure, chosen)[dimension_id]
                found.append(
                    Pattern(
                        tuple(
                            (item_id, option_id, None, "") for item_id, option_id in chosen.items()
                        ),
                        score,
                        structure.level_for(score).pk,
                    )
                )
        return found


class Diagnostics:
    def __init__(self, data: ScaleData) -> None:
        self.data = data
        self.rng = data.rng("diagnostics")
        self.now = timezone.now()
        self.campaigns: list[Row] = []
        self.first_used: dict[int, datetime.datetime] = {}  # by version id
        self.invitations: list[Row] = []
        self.responses: list[Row] = []
        self.answers: list[Row] = []
        self.scores: list[Row] = []

    def campaign(
        self,
        version: InstrumentVersion,
        title: str,
        *,
        school: int | None = None,
        district: int | None = None,
        by: int,
        days_ago: int,
        deadline: datetime.date,
        status: str,
    ) -> int:
        campaign_id = self.data.writer.reserve(Campaign, 1)[0]
        created_at = self.now - datetime.timedelta(days=days_ago)
        self.campaigns.append(
            (campaign_id, version.pk, title, school, district, deadline, status, by, created_at)
        )
        self.first_used[version.pk] = min(created_at, self.first_used.get(version.pk, created_at))
        return campaign_id

    def competence(
        self, campaign_id: int, school: SchoolRow, bank: Bank, share: float, levels: list[int]
    ) -> None:
        """Everyone invited to assess themselves, `share` of them having submitted."""
        rng, staff = self.rng, self.data.staff
        answered = []
        for staff_id in school.staff_ids:
            submitted = rng.random() < share
            user = staff.user_id(staff_id)
            self.invitations.append(
                (campaign_id, user, school.id, staff_id, SELF, NO_DRAFT, submitted)
            )
            if submitted:
                answered.append(staff_id)
        ids = self.data.writer.reserve(Response, len(answered))
        for response_id, staff_id in zip(ids, answered, strict=True):
            self.responses.append(
                (response_id, campaign_id, school.id, SELF, staff.user_id(staff_id), staff_id)
            )
            self.answer(response_id, bank, levels[staff.index(staff_id)])

    def climate(self, campaign_id: int, schools: list[SchoolRow], bank: Bank) -> None:
        """The models' anonymity: invitations without a subject that keep only whether their
        person submitted, and responses that name nobody, in an order that follows nobody."""
        rng, staff = self.rng, self.data.staff
        top = len(CLIMATE_LEVELS) - 1
        answered: list[tuple[int, int]] = []  # (school, level)
        for school in schools:
            mood = rng.randrange(len(CLIMATE_LEVELS))
            for staff_id in school.staff_ids:
                submitted = rng.random() < CLIMATE_SHARE
                user = staff.user_id(staff_id)
                self.invitations.append(
                    (campaign_id, user, school.id, None, SELF, NO_DRAFT, submitted)
                )
                if submitted:
                    answered.append((school.id, max(0, min(top, mood + rng.choice(SHIFTS)))))
        rng.shuffle(answered)
        ids = self.data.writer.reserve(Response, len(answered))
        for response_id, (school_id, level) in zip(ids, answered, strict=True):
            self.responses.append((response_id, campaign_id, school_id, SELF, None, None))
            self.answer(response_id, bank, level)

    def answer(self, response_id: int, bank: Bank, level: int) -> None:
        choice, answers, scores = self.rng.choice, self.answers, self.scores
        for dimension_id, patterns in bank.levels[level]:
            pattern = choice(patterns)
            answers += [(response_id, *tail) for tail in pattern.answers]
            scores.append((response_id, dimension_id, pattern.score, pattern.level))

    def write(self) -> None:
        writer = self.data.writer
        writer.write(Invitation, INVITATION_FIELDS, self.invitations)
        writer.write(Response, RESPONSE_FIELDS, self.responses)
        writer.write(Answer, ANSWER_FIELDS, self.answers)
        writer.write(DimensionScore, SCORE_FIELDS, self.scores)
        for rows in (self.invitations, self.responses, self.answers, self.scores):
            rows.clear()


def generate(data: ScaleData) -> None:
    diagnostics = Diagnostics(data)
    rng, on = diagnostics.rng, data.on
    competence = Instrument.objects.get(code="competence").latest_version()
    climate = Instrument.objects.get(code="climate").latest_version()
    # Each teacher's own level, the same in spring and (grown) in autumn.
    levels = rng.choices(range(len(TEACHER_LEVELS)), TEACHER_WEIGHTS, k=data.staff.count)

    spring: dict[int, int] = {}
    autumn: dict[int, int] = {}
    for school in data.schools:
        deputy = data.staff.user_id(school.deputy)
        days_ago = SPRING_DAYS_AGO + rng.randint(-7, 7)
        spring[school.id] = diagnostics.campaign(
            competence,
            "Әдістемелік құзыреттілік — көктем",
            school=school.id,
            by=deputy,
            days_ago=days_ago,
            deadline=on - datetime.timedelta(days=days_ago - 21),
            status=Campaign.Status.CLOSED,
        )
        days_ago = AUTUMN_DAYS_AGO + rng.randint(-5, 5)
        autumn[school.id] = diagnostics.campaign(
            competence,
            "Әдістемелік құзыреттілік — күз",
            school=school.id,
            by=deputy,
            days_ago=days_ago,
            deadline=on + datetime.timedelta(days=rng.randint(5, 20)),
            status=Campaign.Status.OPEN,
        )
    methodologists = dict(
        RoleMembership.objects.filter(role=Role.DISTRICT_METHODOLOGIST).values_list(
            "district_id", "user_id"
        )
    )
    surveys = {
        district_id: diagnostics.campaign(
            climate,
            "Ұжымның ахуалы",
            district=district_id,
            by=methodologists[district_id],
            days_ago=CLIMATE_DAYS_AGO,
            deadline=on - datetime.timedelta(days=CLIMATE_DAYS_AGO - 14),
            status=Campaign.Status.CLOSED,
        )
        for district_id in data.district_ids[::CLIMATE_EVERY]
    }
    data.writer.write(Campaign, CAMPAIGN_FIELDS, diagnostics.campaigns)
    for version_id, first_used in diagnostics.first_used.items():
        # Frozen by the first campaign that used it, as launching one freezes it.
        InstrumentVersion.objects.filter(pk=version_id, frozen_at__isnull=True).update(
            frozen_at=first_used
        )

    spring_bank = Bank(competence, TEACHER_LEVELS, rng)
    autumn_bank = Bank(competence, tuple(level + GROWTH for level in TEACHER_LEVELS), rng)
    for school in data.schools:
        diagnostics.competence(spring[school.id], school, spring_bank, SPRING_SHARE, levels)
        diagnostics.competence(autumn[school.id], school, autumn_bank, AUTUMN_SHARE, levels)
        if len(diagnostics.answers) >= FLUSH_ANSWERS:
            diagnostics.write()
    climate_bank = Bank(climate, CLIMATE_LEVELS, rng)
    by_district: dict[int, list[SchoolRow]] = {district_id: [] for district_id in surveys}
    for school in data.schools:
        if school.district_id in by_district:
            by_district[school.district_id].append(school)
    for district_id, survey in surveys.items():
        diagnostics.climate(survey, by_district[district_id], climate_bank)
        if len(diagnostics.answers) >= FLUSH_ANSWERS:
            diagnostics.write()
    diagnostics.write()
    _proposals([spring[school.id] for school in data.schools[::PROPOSALS_EVERY]])


def _proposals(campaign_ids: list[int]) -> None:
    """Computed by the application itself: a few schools are enough to show them."""
    campaigns = Campaign.objects.filter(pk__in=campaign_ids).select_related("version")
    schools = School.objects.in_bulk([c.school_id for c in campaigns])
    for campaign in campaigns:
        proposals.generate(campaign, schools[campaign.school_id])

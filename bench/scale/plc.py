"""Synthetic PLCs: one for a school of ten staff or more, another for every forty more, and one
for each inter-school association; monthly meetings with rotating roles, an inquiry cycle
each, and shared practice."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from adisker.lib.text import fold
from adisker.people.models import Role, RoleMembership
from adisker.plc.demo import PRACTICES, ROLES
from adisker.plc.models import (
    STAGE_ORDER,
    Community,
    InquiryCycle,
    Meeting,
    MeetingAssignment,
    Practice,
    StageChange,
)
from adisker.schools.models import AcademicYear
from bench.scale import Row, ScaleData

STAFF_PER_PLC = 40
FOCUS = (
    "Мектептің әдістемелік тақырыбы: «Функционалдық сауаттылықты дамыту». Диагностика "
    "оқушылардың мәтіннен дәлел табуда қиналатынын көрсетті."
)
NORMS = "Уақытты сақтаймыз. Оқушыны емес, оқуды бақылаймыз. Әр пікір құнды."
TOPICS = (
    "Норманы келісу, басты мәселені таңдау",
    "Зерттеу сабағын бірлесіп жоспарлау",
    "Сабақтан кейінгі талқылау",
    "Екінші циклдің зерттеу сұрағы",
)
COMMUNITY_FIELDS = [
    "id", "school", "inter_school", "name", "academic_year", "facilitator", "focus", "norms",
    "meeting_schedule", "minutes_per_meeting", "created_by", "created_at",
]  # fmt: skip


class Communities:
    def __init__(self, data: ScaleData) -> None:
        self.data = data
        self.rng = data.rng("plc")
        self.year = AcademicYear.objects.current()
        self.now = timezone.now()
        self.rows: dict[type, list[Row]] = {}
        self.facilitators: set[tuple[int, int]] = set()

    def add(
        self,
        owner: tuple[int | None, int | None],
        name: str,
        pool: list[int],
        creator: int,
        member_school: int | None,
    ) -> None:
        rng, data = self.rng, self.data
        people = rng.sample(pool, min(len(pool), rng.randint(5, 10)))
        facilitator = people[0]
        community = data.writer.reserve(Community, 1)[0]
        self.rows.setdefault(Community, []).append(
            (
                community, *owner, name, self.year.pk, facilitator, FOCUS, NORMS,
                "Әр екінші сейсенбі, 15:00", 60, data.staff.user_id(creator), self.now,
            )
        )  # fmt: skip
        self.rows.setdefault(Community.members.through, []).extend(
            (community, staff_id) for staff_id in people[1:]
        )
        if member_school is not None and (facilitator, member_school) not in self.facilitators:
            self.facilitators.add((facilitator, member_school))
            self.rows.setdefault(RoleMembership, []).append(
                (data.staff.user_id(facilitator), Role.PLC_FACILITATOR, member_school)
            )
        self._meetings(community, people)
        self._cycle(community, creator)

    def _meetings(self, community: int, people: list[int]) -> None:
        start = self.year.starts_on
        on = self.data.on
        months = (on.year - start.year) * 12 + on.month - start.month + 1
        for index, meeting in enumerate(self.data.writer.reserve(Meeting, months)):
            held_on = min(on, start + datetime.timedelta(days=31 * index + self.rng.randint(7, 20)))
            self.rows.setdefault(Meeting, []).append(
                (meeting, community, held_on, TOPICS[index % len(TOPICS)], "")
            )
            self.rows.setdefault(MeetingAssignment, []).extend(
                (meeting, role, people[(index + offset) % len(people)])
                for offset, role in enumerate(ROLES)
            )

    def _cycle(self, community: int, creator: int) -> None:
        cycle = self.data.writer.reserve(InquiryCycle, 1)[0]
        reached = self.rng.randrange(len(STAGE_ORDER) - 1)
        self.rows.setdefault(InquiryCycle, []).append(
            (
                cycle, community, "Мәтіннен дәлел табу",
                "Оқушылар көркем мәтіннен өз пікірін дәлелдейтін үзінді таба ала ма?",
                f"{self.rng.randint(5, 9)} Ә", STAGE_ORDER[reached], "", "", self.now,
            )
        )  # fmt: skip
        by = self.data.staff.user_id(creator)
        self.rows.setdefault(StageChange, []).extend(
            (cycle, stage, by, self.now) for stage in STAGE_ORDER[1 : reached + 1]
        )

    def practice(self, school_id: int, author: int) -> None:
        _who, title, approach, grade, description, tags = self.rng.choice(PRACTICES)
        self.rows.setdefault(Practice, []).append(
            (
                author, school_id, title, approach, grade, description, tags, "", self.now,
                fold(title, approach, description, tags),
            )
        )  # fmt: skip

    def write(self) -> None:
        writer = self.data.writer
        names = {
            Community: COMMUNITY_FIELDS,
            Community.members.through: ["community", "staffprofile"],
            RoleMembership: ["user", "role", "school"],
            Meeting: ["id", "community", "held_on", "topic", "notes"],
            MeetingAssignment: ["meeting", "role", "staff"],
            InquiryCycle: [
                "id",
                "community",
                "title",
                "research_question",
                "target_class",
                "stage",
                "discussion_notes",
                "report",
                "created_at",
            ],
            StageChange: ["cycle", "stage", "by", "at"],
            Practice: [
                "author",
                "school",
                "title",
                "approach",
                "grade",
                "description",
                "tags",
                "file",
                "published_at",
                "search_text",
            ],
        }
        for model, fields in names.items():
            writer.write(model, fields, self.rows.get(model, []))


def generate(data: ScaleData) -> None:
    communities = Communities(data)
    rng: random.Random = communities.rng
    for school in data.schools:
        teachers = list(school.teachers)
        for n in range(school.staff_count // STAFF_PER_PLC + (school.staff_count >= 10)):
            communities.add(
                (school.id, None),
                f"Кәсіби оқу қоғамдастығы №{n + 1}",
                teachers,
                school.deputy,
                school.id,
            )
        if teachers and rng.random() < 0.5:
            communities.practice(school.id, rng.choice(teachers))
    for association in data.inter_schools:
        pool = [
            s for school in (association.base_school, *association.members) for s in school.teachers
        ]
        communities.add(
            (None, association.id), "Мектепаралық КБАҚ", pool, association.base_school.deputy, None
        )
    communities.write()

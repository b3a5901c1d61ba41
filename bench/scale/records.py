"""Synthetic professional records: courses over ten years in the demo's mix of five-year
standings, follow-ups, attestations, self-education topics, achievements, diplomas and the
perspective plan's planned courses."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

from adisker.people.demo import COLLEGES, UNIVERSITIES
from adisker.people.models import QualificationCategory
from adisker.records.cycle import add_years
from adisker.records.demo import ACHIEVEMENTS, COURSES, LAST_COURSE, PROVIDERS, TOPIC_PLAN, TOPICS
from adisker.records.models import (
    Achievement,
    Attestation,
    CourseFollowUp,
    EducationEntry,
    PlannedCourse,
    QualificationCourse,
    SelfEducationTopic,
)
from adisker.schools.models import AcademicYear, Subject
from bench.scale import BATCH, Row, ScaleData

HISTORY_YEARS = 10
COURSE_FIELDS = [
    "id",
    "staff",
    "provider",
    "title",
    "hours",
    "format",
    "started_on",
    "finished_on",
    "certificate_number",
    "certificate",
    "confirmed_by",
    "confirmed_at",
]
FOLLOW_UP_SHARE = 0.6
PENDING_SHARE = 1 / 6


class Records:
    """The rows of one batch of staff, written together."""

    def __init__(self) -> None:
        self.courses: list[Row] = []
        self.follow_ups: list[Row] = []
        self.attestations: list[Row] = []
        self.education: list[Row] = []
        self.topics: list[Row] = []
        self.achievements: list[Row] = []
        self.planned: list[Row] = []

    def __len__(self) -> int:
        return len(self.courses)

    def write(self, data: ScaleData) -> None:
        writer = data.writer
        # Course ids are reserved for the batch: the follow-ups point at them.
        writer.write(QualificationCourse, COURSE_FIELDS, self.courses)
        writer.write(CourseFollowUp, ["course", "kind", "held_on", "description"], self.follow_ups)
        writer.write(
            Attestation,
            [
                "staff",
                "category",
                "assigned_on",
                "valid_until",
                "order_number",
                "confirmed_by",
                "confirmed_at",
            ],
            self.attestations,
        )
        writer.write(
            EducationEntry,
            ["staff", "level", "institution", "speciality", "graduated_in"],
            self.education,
        )
        writer.write(
            SelfEducationTopic,
            ["staff", "academic_year", "topic", "plan", "write_up"],
            self.topics,
        )
        writer.write(
            Achievement,
            ["staff", "kind", "title", "held_on", "level", "description", "file"],
            self.achievements,
        )
        writer.write(PlannedCourse, ["staff", "year"], self.planned)
        for rows in vars(self).values():
            rows.clear()


def generate(data: ScaleData) -> None:
    rng = data.rng("records")
    on = data.on
    this_year = AcademicYear.objects.current()
    last_year = AcademicYear.objects.for_date(add_years(on, -1))
    category_ids = dict(QualificationCategory.objects.values_list("rank", "pk"))
    specialities = dict(Subject.objects.values_list("code", "name_kk"))
    now = timezone.now()
    batch = Records()
    for school in data.schools:
        deputy = data.staff.user_id(school.deputy)
        for staff_id in school.staff_ids:
            index = data.staff.index(staff_id)
            started = data.staff.started[index]
            _courses(batch, data, rng, staff_id, started, deputy, now)
            rank = data.staff.category_rank[index]
            if rank > 1:
                assigned = on - datetime.timedelta(
                    days=rng.randint(60, 365 * settings.ATTESTATION_PERIOD_YEARS)
                )
                batch.attestations.append(
                    (
                        staff_id,
                        category_ids[rank],
                        assigned,
                        Attestation.default_valid_until(assigned),
                        f"№ {rng.randint(1, 400)}-ж",
                        deputy,
                        now,
                    )
                )
            vocational = rng.random() < 0.09
            batch.education.append(
                (
                    staff_id,
                    EducationEntry.Level.VOCATIONAL
                    if vocational
                    else EducationEntry.Level.BACHELOR,
                    rng.choice(COLLEGES if vocational else UNIVERSITIES),
                    specialities[data.staff.subjects[index][0]],
                    started,
                )
            )
            if rng.random() < 0.8:
                batch.topics.append((staff_id, this_year.pk, rng.choice(TOPICS), TOPIC_PLAN, ""))
            if started < on.year and rng.random() < 0.7:
                batch.topics.append(
                    (staff_id, last_year.pk, rng.choice(TOPICS), TOPIC_PLAN, TOPIC_PLAN)
                )
            for kind, title in rng.sample(ACHIEVEMENTS, rng.randint(0, 2)):
                held = on - datetime.timedelta(days=rng.randint(30, 900))
                level = rng.choice(Achievement.Level.values[:3])
                batch.achievements.append((staff_id, kind, title, held, level, "", ""))
        if len(batch) >= BATCH:
            batch.write(data)
    batch.write(data)


def _courses(
    batch: Records,
    data: ScaleData,
    rng: random.Random,
    staff_id: int,
    started: int,
    deputy: int,
    now: datetime.datetime,
) -> None:
    """The newest course where the demo's mix puts it, and the ones before it every three to
    five years, back ten years or to the year the teacher started."""
    on = data.on
    period = settings.QUALIFICATION_COURSE_PERIOD_YEARS
    standing = rng.choices(list(LAST_COURSE), weights=list(LAST_COURSE.values()))[0]
    left_this_year = (datetime.date(on.year, 12, 31) - on).days
    days_to_due = {
        "recent": rng.randint(left_this_year + 1, 365 * period - 40),
        "due": rng.randint(0, left_this_year),
        "overdue": -rng.randint(30, 365 * 3),
    }.get(standing)
    if standing != "recent" and rng.random() < 0.6:
        batch.planned.append((staff_id, on.year + rng.randint(0, 1)))
    if days_to_due is None:
        return
    finished = add_years(on + datetime.timedelta(days=days_to_due), -period)
    oldest = max(add_years(on, -HISTORY_YEARS), datetime.date(started, 9, 1))
    newest = True
    while finished > oldest:
        pending = newest and rng.random() < PENDING_SHARE
        hours = rng.choice((36, 72, 80, 120))
        course_id = data.writer.reserve(QualificationCourse, 1).start
        batch.courses.append(
            (
                course_id,
                staff_id,
                rng.choice(PROVIDERS),
                rng.choice(COURSES),
                hours,
                rng.choice(QualificationCourse.Format.values),
                finished - datetime.timedelta(days=hours // 8 + rng.randint(0, 14)),
                finished,
                f"№ {rng.randint(10000, 99999)}",
                "",
                None if pending else deputy,
                None if pending else now,
            )
        )
        if finished < on - datetime.timedelta(days=30) and rng.random() < FOLLOW_UP_SHARE:
            batch.follow_ups.append(
                (
                    course_id,
                    rng.choice(CourseFollowUp.Kind.values),
                    finished + datetime.timedelta(days=rng.randint(14, 60)),
                    "Курстың негізгі идеяларымен әріптестерді таныстырдым.",
                )
            )
        finished = add_years(finished, -rng.randint(3, period)) - datetime.timedelta(
            days=rng.randint(0, 90)
        )
        newest = False

"""Synthetic staff with a login each, and the memberships of directors, deputies, teachers and
district methodologists. Names, subjects, education and categories follow the demo's mix."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from adisker.lib.text import fold_letters
from adisker.people.demo import (
    CATEGORY_WEIGHTS,
    CURRICULUM,
    EDUCATION_WEIGHTS,
    FEMALE_SHARE,
    MEN_ONLY_SUBJECTS,
    NEWCOMERS_SINCE,
    RUSSIAN_SHARE,
    SENIOR_CATEGORIES,
    SENIOR_POSITIONS,
    contacts,
    full_name,
    issue_number,
    weighted,
)
from adisker.people.models import (
    Position,
    QualificationCategory,
    Role,
    RoleMembership,
    StaffProfile,
    User,
)
from adisker.schools.models import Subject
from bench.scale import BATCH, Row, ScaleData, SchoolRow

STAFF_FIELDS = [
    "id",
    "user",
    "school",
    "last_name",
    "first_name",
    "patronymic",
    "iin",
    "position",
    "education",
    "education_details",
    "experience_started_on",
    "category",
    "email",
    "phone",
    "search_text",
]
USER_FIELDS = [
    "id",
    "password",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_superuser",
    "is_active",
    "date_joined",
    "language",
]


def username(school: SchoolRow, staff_id: int) -> str:
    if staff_id == school.director:
        return f"director-{school.id}"
    if staff_id == school.deputy:
        return f"deputy-{school.id}"
    return f"teacher-{staff_id}"


@dataclass(frozen=True)
class Reference:
    positions: dict[str, int]
    categories: dict[str, int]
    ranks: dict[str, int]
    subjects: dict[str, int]

    @classmethod
    def load(cls) -> Reference:
        return cls(
            positions=dict(Position.objects.values_list("code", "pk")),
            categories=dict(QualificationCategory.objects.values_list("code", "pk")),
            ranks=dict(QualificationCategory.objects.values_list("code", "rank")),
            subjects=dict(Subject.objects.values_list("code", "pk")),
        )


def generate(data: ScaleData) -> None:
    rng = data.rng("people")
    writer = data.writer
    facts = data.staff
    reference = Reference.load()
    facts.first_user_id = writer.reserve(User, facts.count).start
    joined = timezone.now()
    issued: set[str] = set()
    users: list[Row] = []
    profiles: list[Row] = []
    taught: list[Row] = []
    memberships: list[Row] = []

    def flush() -> None:
        writer.write(User, USER_FIELDS, users)
        writer.write(StaffProfile, STAFF_FIELDS, profiles)
        writer.write(StaffProfile.subjects.through, ["staffprofile", "subject"], taught)
        writer.write(RoleMembership, ["user", "role", "school"], memberships)
        for rows in (users, profiles, taught, memberships):
            rows.clear()

    for school in data.schools:
        for staff_id in school.staff_ids:
            user_id = facts.user_id(staff_id)
            person = _staff_member(rng, school, staff_id - school.first_staff, reference, issued)
            profiles.append((staff_id, user_id, school.id, *person.fields))
            facts.subjects.append(person.subjects)
            facts.started.append(person.started)
            facts.category_rank.append(person.rank)
            taught += [(staff_id, reference.subjects[code]) for code in person.subjects]
            surname, given = person.fields[0], person.fields[1]
            login = username(school, staff_id)
            users.append(
                (
                    user_id,
                    data.password_hash,
                    login,
                    given,
                    surname,
                    "",
                    False,
                    False,
                    True,
                    joined,
                    "",
                )
            )
            role = Role.DIRECTOR if staff_id == school.director else Role.TEACHER
            memberships.append((user_id, role, school.id))
            if staff_id == school.deputy:
                memberships.append((user_id, Role.DEPUTY_DIRECTOR, school.id))
        if len(profiles) >= BATCH:
            flush()
    flush()
    _district_logins(data, joined)


@dataclass(frozen=True)
class Person:
    fields: Row  # the values of STAFF_FIELDS after id, user and school
    subjects: tuple[str, ...]
    started: int
    rank: int


def _staff_member(
    rng: random.Random, school: SchoolRow, index: int, reference: Reference, issued: set[str]
) -> Person:
    senior = index < len(SENIOR_POSITIONS)
    codes = CURRICULUM[index % len(CURRICULUM)][: rng.randint(1, 2)]
    female = rng.random() < FEMALE_SHARE and codes[0] not in MEN_ONLY_SUBJECTS
    russian = "kazakh-language" not in codes and rng.random() < RUSSIAN_SHARE[school.language]
    surname, given, patronymic = full_name(rng, female=female, russian=russian)
    started = rng.randint(1986, 2005) if senior else rng.randint(1985, 2025)
    born = datetime.date(started - rng.randint(21, 25), rng.randint(1, 12), rng.randint(1, 28))
    century_and_sex = (3 if born.year < 2000 else 5) + female
    iin = issue_number(rng, f"{born:%y%m%d}{century_and_sex}", issued)
    if senior:
        position = SENIOR_POSITIONS[index]
        category = rng.choice(SENIOR_CATEGORIES)
    else:
        position = "primary-teacher" if "primary" in codes else "teacher"
        category = weighted(rng, CATEGORY_WEIGHTS) if started < NEWCOMERS_SINCE else "pedagogue"
    reach = contacts(rng, surname, given)
    fields = (
        surname,
        given,
        patronymic,
        iin,
        reference.positions[position],
        weighted(rng, EDUCATION_WEIGHTS),
        "",
        datetime.date(started, 9, 1),
        reference.categories[category],
        reach["email"],
        reach["phone"],
        fold_letters(surname, given, patronymic, iin),
    )
    return Person(fields, codes, started, reference.ranks[category])


def _district_logins(data: ScaleData, joined: datetime.datetime) -> None:
    """A district methodologist for every district and one administrator, without staff
    profiles; then a few logins of each role to print."""
    writer = data.writer
    ids = writer.reserve(User, len(data.district_ids) + 1)
    methodologists = [
        (f"methodologist-{d}", user_id) for d, user_id in zip(data.district_ids, ids, strict=False)
    ]
    admin = ("scale-admin", ids[-1])
    writer.write(
        User,
        USER_FIELDS,
        [
            (
                user_id,
                data.password_hash,
                name,
                "",
                "",
                "",
                name == admin[0],
                name == admin[0],
                True,
                joined,
                "",
            )
            for name, user_id in [*methodologists, admin]
        ],
    )
    writer.write(
        RoleMembership,
        ["user", "role", "district"],
        [
            (user_id, Role.DISTRICT_METHODOLOGIST, district_id)
            for (_name, user_id), district_id in zip(methodologists, data.district_ids, strict=True)
        ],
    )
    writer.write(RoleMembership, ["user", "role"], [(admin[1], Role.ADMINISTRATOR)])
    largest = max(data.schools, key=lambda school: school.staff_count)
    data.logins = {
        "administrator": admin[0],
        "district methodologist": methodologists[0][0],
        "director (largest school)": username(largest, largest.director),
        "deputy director (largest school)": username(largest, largest.deputy),
        "teacher (largest school)": username(largest, largest.teachers[0]),
    }

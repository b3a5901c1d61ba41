from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from adisker.lib.bulk import update_with_history
from adisker.lib.text import reference_key
from adisker.people.models import (
    CategoryAlias,
    Position,
    PositionAlias,
    QualificationCategory,
    StaffProfile,
    User,
)
from adisker.records.models import Attestation, QualificationCourse
from adisker.roster.columns import (
    CATEGORY,
    DEFAULT_CATEGORY,
    DEFAULT_EDUCATION,
    DEFAULT_POSITION,
    POSITION,
    SUBJECT,
)
from adisker.roster.reading import Chosen, RosterCounts, RosterResult, RosterRow
from adisker.schools.models import School, SubjectAlias

BATCH_SIZE = 500
# Recorded with each history entry, so an import's changes can be told from hand edits.
ROSTER_CHANGE_REASON = "roster import"
# Values a roster row may change on an existing profile; None in the row keeps the stored one.
ROSTER_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "position",
    "category",
    "education",
    "education_details",
    "experience_started_on",
    "email",
    "phone",
)


def _changes(row: RosterRow, staff: StaffProfile) -> dict[str, object]:
    """What the row changes, by attribute name (position_id rather than position)."""
    given: dict[str, object] = {}
    for name in ROSTER_FIELDS:
        value = getattr(row, name)
        if value is None:
            continue
        if isinstance(value, models.Model):
            given[f"{name}_id"] = value.pk
        else:
            given[name] = value
    if row.experience_years is not None and staff.experience_years() == row.experience_years:
        # The file gave years, and the stored (perhaps exact) date still gives as many.
        given.pop("experience_started_on", None)
    return {name: value for name, value in given.items() if getattr(staff, name) != value}


@dataclass
class _StaffPlan:
    """What an import writes to the profiles, worked out before anything is written."""

    to_create: list[StaffProfile] = field(default_factory=list)
    to_update: list[StaffProfile] = field(default_factory=list)
    # Only the columns some row changes: bulk_update's cost grows with every column it sets.
    changed_fields: set[str] = field(default_factory=set)
    new_subjects: dict[str, list[int]] = field(default_factory=dict)  # by IIN: no id yet
    resubjected: dict[int, list[int]] = field(default_factory=dict)
    unchanged: int = 0


def _new_staff(row: RosterRow, school: School, defaults: tuple[int, int]) -> StaffProfile:
    position_id, category_id = defaults
    staff = StaffProfile(
        school=school,
        iin=row.iin,
        last_name=row.last_name,
        first_name=row.first_name,
        patronymic=row.patronymic or "",
        position_id=row.position.pk if row.position else position_id,
        category_id=row.category.pk if row.category else category_id,
        education=row.education or DEFAULT_EDUCATION,
        education_details=row.education_details or "",
        experience_started_on=row.experience_started_on,
        email=row.email or "",
        phone=row.phone or "",
    )
    staff.search_text = staff.build_search_text()
    return staff


def _plan_staff(
    rows: Iterable[RosterRow],
    school: School,
    existing: dict[str, StaffProfile],
    links: dict[int, list[tuple[int, int]]],
) -> _StaffPlan:
    plan = _StaffPlan()
    defaults = (
        Position.objects.get(code=DEFAULT_POSITION).pk,
        QualificationCategory.objects.get(code=DEFAULT_CATEGORY).pk,
    )
    for row in rows:
        subject_ids = None if row.subjects is None else [s.pk for s in row.subjects]
        staff = existing.get(row.iin)
        if staff is None:
            plan.to_create.append(_new_staff(row, school, defaults))
            plan.new_subjects[row.iin] = subject_ids or []
            continue
        changes = _changes(row, staff)
        stored_subjects = sorted(subject for _link, subject in links[staff.pk])
        subjects_change = subject_ids is not None and sorted(subject_ids) != stored_subjects
        if not changes and not subjects_change:
            plan.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(staff, name, value)
        plan.changed_fields.update(name.removesuffix("_id") for name in changes)
        staff.search_text = staff.build_search_text()
        plan.to_update.append(staff)
        if subjects_change:
            plan.resubjected[staff.pk] = subject_ids or []
    return plan


@transaction.atomic
def apply_roster(*, result: RosterResult, school: School, by: User | None = None) -> RosterCounts:
    """Create or update the school's staff from a roster that `read_roster` found no problem
    in and whose questions are all answered: profiles and subjects, the last course and the
    category's assignment each row gives (confirmed by `by`, marked as imported), and the
    answers, remembered as the school's aliases.

    Staff are matched by IIN within the school, courses by their year and attestations by
    their date, so importing the same file again creates nothing twice. All or nothing: any
    error rolls the whole import back. Rows are written in bulk (a 10,000-row roster takes
    seconds), and since simple-history does not see bulk queries the history entries, with
    the subjects each one had, are written in bulk too.
    """
    if not result.ready or result.school_id != school.pk:
        raise ValueError("Only a roster read for this school without problems can be applied.")

    existing = {staff.iin: staff for staff in StaffProfile.objects.filter(school=school)}
    through = StaffProfile.subjects.through
    links: dict[int, list[tuple[int, int]]] = defaultdict(list)  # staff -> (link id, subject)
    for link_id, staff_id, subject_id in through.objects.filter(
        staffprofile__school=school
    ).values_list("pk", "staffprofile_id", "subject_id"):
        links[staff_id].append((link_id, subject_id))
    plan = _plan_staff(result.rows, school, existing, links)

    stamp = timezone.now()
    history = {
        "default_user": by,
        "default_date": stamp,
        "default_change_reason": ROSTER_CHANGE_REASON,
    }
    created = bulk_create_with_history(
        plan.to_create, StaffProfile, batch_size=BATCH_SIZE, **history
    )
    update_with_history(
        StaffProfile,
        plan.to_update,
        [*sorted(plan.changed_fields), "search_text"],
        by=by,
        stamp=stamp,
        reason=ROSTER_CHANGE_REASON,
    )
    _write_subjects(school=school, stamp=stamp, plan=plan, created=created, links=links)
    staff_by_iin = {**existing, **{staff.iin: staff for staff in created}}
    courses = _write_courses(rows=result.rows, staff_by_iin=staff_by_iin, by=by, stamp=stamp)
    attestations = _write_attestations(
        rows=result.rows, staff_by_iin=staff_by_iin, by=by, stamp=stamp
    )
    _remember_answers(school=school, chosen=result.chosen)
    return RosterCounts(
        created=len(created),
        updated=len(plan.to_update),
        unchanged=plan.unchanged,
        courses=courses,
        attestations=attestations,
    )


def _write_subjects(
    *,
    school: School,
    stamp: datetime.datetime,
    plan: _StaffPlan,
    created: list[StaffProfile],
    links: dict[int, list[tuple[int, int]]],
) -> None:
    through = StaffProfile.subjects.through
    wanted = {staff.pk: plan.new_subjects[staff.iin] for staff in created}
    wanted.update(plan.resubjected)
    stale = list(plan.resubjected)
    for start in range(0, len(stale), BATCH_SIZE):
        through.objects.filter(staffprofile_id__in=stale[start : start + BATCH_SIZE]).delete()
    new_links = through.objects.bulk_create(
        [
            through(staffprofile_id=staff_id, subject_id=subject_id)
            for staff_id, subject_ids in wanted.items()
            for subject_id in subject_ids
        ],
        batch_size=BATCH_SIZE,
    )
    for staff_id in wanted:
        links[staff_id] = []
    for link in new_links:
        links[link.staffprofile_id].append((link.pk, link.subject_id))
    _record_subjects_in_history(school=school, stamp=stamp, links=links)


def _record_subjects_in_history(
    *, school: School, stamp: datetime.datetime, links: dict[int, list[tuple[int, int]]]
) -> None:
    """Give each history entry just written the subjects its profile has, as save() would."""
    historical = StaffProfile.history.model
    subjects_history = historical.subjects.model
    entries = historical.objects.filter(history_date=stamp, school_id=school.pk).values_list(
        "history_id", "id"
    )
    subjects_history.objects.bulk_create(
        [
            subjects_history(
                history_id=history_id,
                id=link_id,
                staffprofile_id=staff_id,
                subject_id=subject_id,
            )
            for history_id, staff_id in entries
            for link_id, subject_id in links[staff_id]
        ],
        batch_size=BATCH_SIZE,
    )


def _write_courses(
    *,
    rows: list[RosterRow],
    staff_by_iin: dict[str, StaffProfile],
    by: User | None,
    stamp: datetime.datetime,
) -> int:
    """Each row's last course, unless its staff member has a course ending the same year
    already: one entered by hand is left as it is, an imported one takes the file's values."""
    given = {staff_by_iin[row.iin].pk: row.course for row in rows if row.course}
    stored: dict[tuple[int, int], QualificationCourse] = {}
    ids = list(given)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        for on_record in QualificationCourse.objects.filter(staff_id__in=chunk):
            stored.setdefault((on_record.staff_id, on_record.finished_on.year), on_record)
    to_create: list[QualificationCourse] = []
    to_update: list[QualificationCourse] = []
    changed: set[str] = set()
    for staff_id, entry in given.items():
        values = {
            "finished_on": entry.finished_on,
            "started_on": entry.finished_on,
            "provider": entry.provider,
            "title": entry.title,
            "hours": entry.hours,
        }
        course = stored.get((staff_id, entry.finished_on.year))
        if course is None:
            to_create.append(
                QualificationCourse(
                    staff_id=staff_id,
                    imported=True,
                    confirmed_by=by,
                    confirmed_at=stamp,
                    **values,
                )
            )
        elif course.imported and (differs := _differences(course, values, entry.year_only)):
            for name in differs:
                setattr(course, name, values[name])
            changed.update(differs)
            to_update.append(course)
    history = {"default_user": by, "default_date": stamp}
    bulk_create_with_history(to_create, QualificationCourse, batch_size=BATCH_SIZE, **history)
    # Only the columns some course changes, as for the profiles.
    update_with_history(QualificationCourse, to_update, sorted(changed), by=by, stamp=stamp)
    return len(to_create)


def _differences(
    course: QualificationCourse, values: dict[str, object], year_only: bool
) -> list[str]:
    if year_only:
        # A year alone does not undo the exact date an earlier file (or a fix) gave.
        values["finished_on"] = values["started_on"] = course.finished_on
    return [name for name, value in values.items() if getattr(course, name) != value]


def _write_attestations(
    *,
    rows: list[RosterRow],
    staff_by_iin: dict[str, StaffProfile],
    by: User | None,
    stamp: datetime.datetime,
) -> int:
    """The category's assignment each row gives, unless it is on record with that date."""
    given = [
        (staff_by_iin[row.iin], row, day) for row in rows if (day := row.attested_on) is not None
    ]
    ids = [staff.pk for staff, _row, _day in given]
    stored: set[tuple[int, datetime.date]] = set()
    for start in range(0, len(ids), BATCH_SIZE):
        stored.update(
            Attestation.objects.filter(staff_id__in=ids[start : start + BATCH_SIZE]).values_list(
                "staff_id", "assigned_on"
            )
        )
    to_create = [
        Attestation(
            staff_id=staff.pk,
            category_id=row.category.pk if row.category else staff.category_id,
            assigned_on=day,
            valid_until=Attestation.default_valid_until(day),
            imported=True,
            confirmed_by=by,
            confirmed_at=stamp,
        )
        for staff, row, day in given
        if (staff.pk, day) not in stored
    ]
    bulk_create_with_history(
        to_create, Attestation, batch_size=BATCH_SIZE, default_user=by, default_date=stamp
    )
    return len(to_create)


def _remember_answers(*, school: School, chosen: list[Chosen]) -> None:
    """The deputy's answers become the school's aliases: the next file is not asked again."""
    for answer in chosen:
        if not answer.ids:
            continue
        key = reference_key(answer.value)
        if answer.kind == SUBJECT:
            alias, _created = SubjectAlias.objects.update_or_create(
                school=school, key=key, defaults={"name": answer.value, "ambiguous": False}
            )
            alias.subjects.set(answer.ids)
            continue
        model, target = {
            POSITION: (PositionAlias, "position_id"),
            CATEGORY: (CategoryAlias, "category_id"),
        }[answer.kind]
        model._default_manager.update_or_create(
            school=school, key=key, defaults={"name": answer.value, target: answer.ids[0]}
        )

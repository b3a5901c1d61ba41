from __future__ import annotations

from collections import defaultdict

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from adisker.people.models import Position, QualificationCategory, StaffProfile, User
from adisker.people.roster import (
    DEFAULT_CATEGORY,
    DEFAULT_EDUCATION,
    DEFAULT_POSITION,
    RosterCounts,
    RosterResult,
    RosterRow,
)
from adisker.schools.models import School

BATCH_SIZE = 500
# bulk_update sets each column with a CASE over the batch's ids, a cost that grows with the
# square of the batch: small batches are several times faster in all.
UPDATE_BATCH_SIZE = 100
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


@transaction.atomic
def apply_roster(*, result: RosterResult, school: School, by: User | None = None) -> RosterCounts:
    """Create or update the school's staff from a roster that `read_roster` found no problem in.

    Staff are matched by IIN within the school, so importing the same file again creates no
    one twice. All or nothing: any error rolls the whole import back. Rows are written in bulk
    (a 10,000-row roster takes seconds), and since simple-history does not see bulk queries
    the history entries, with the subjects each one had, are written in bulk too.
    """
    if result.problems or result.school_id != school.pk:
        raise ValueError("Only a roster read for this school without problems can be applied.")

    existing = {staff.iin: staff for staff in StaffProfile.objects.filter(school=school)}
    through = StaffProfile.subjects.through
    links: dict[int, list[tuple[int, int]]] = defaultdict(list)  # staff -> (link id, subject)
    for link_id, staff_id, subject_id in through.objects.filter(
        staffprofile__school=school
    ).values_list("pk", "staffprofile_id", "subject_id"):
        links[staff_id].append((link_id, subject_id))
    position = Position.objects.get(code=DEFAULT_POSITION)
    category = QualificationCategory.objects.get(code=DEFAULT_CATEGORY)

    to_create: list[StaffProfile] = []
    new_subjects: dict[str, list[int]] = {}  # by IIN: new profiles have no id yet
    to_update: list[StaffProfile] = []
    # Only the columns some row changes: bulk_update's cost grows with every column it sets.
    changed_fields: set[str] = set()
    resubjected: dict[int, list[int]] = {}
    unchanged = 0
    for row in result.rows:
        subject_ids = None if row.subjects is None else [s.pk for s in row.subjects]
        staff = existing.get(row.iin)
        if staff is None:
            staff = StaffProfile(
                school=school,
                iin=row.iin,
                last_name=row.last_name,
                first_name=row.first_name,
                patronymic=row.patronymic or "",
                position=row.position or position,
                category=row.category or category,
                education=row.education or DEFAULT_EDUCATION,
                education_details=row.education_details or "",
                experience_started_on=row.experience_started_on,
                email=row.email or "",
                phone=row.phone or "",
            )
            staff.search_text = staff.build_search_text()
            to_create.append(staff)
            new_subjects[row.iin] = subject_ids or []
            continue
        changes = _changes(row, staff)
        subjects_change = subject_ids is not None and sorted(subject_ids) != sorted(
            subject for _link, subject in links[staff.pk]
        )
        if not changes and not subjects_change:
            unchanged += 1
            continue
        for name, value in changes.items():
            setattr(staff, name, value)
        changed_fields.update(name.removesuffix("_id") for name in changes)
        staff.search_text = staff.build_search_text()
        to_update.append(staff)
        if subjects_change:
            resubjected[staff.pk] = subject_ids or []

    stamp = timezone.now()
    history = {
        "default_user": by,
        "default_date": stamp,
        "default_change_reason": ROSTER_CHANGE_REASON,
    }
    created = bulk_create_with_history(to_create, StaffProfile, batch_size=BATCH_SIZE, **history)
    bulk_update_with_history(
        to_update,
        StaffProfile,
        fields=[*sorted(changed_fields), "search_text"],
        batch_size=UPDATE_BATCH_SIZE,
        **history,
    )

    wanted = {staff.pk: new_subjects[staff.iin] for staff in created}
    wanted.update(resubjected)
    stale = list(resubjected)
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
    return RosterCounts(created=len(created), updated=len(to_update), unchanged=unchanged)


def _record_subjects_in_history(
    *, school: School, stamp: object, links: dict[int, list[tuple[int, int]]]
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

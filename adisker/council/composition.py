"""Is the council made of the most experienced teachers of *different* subjects (R11)?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from adisker.council.models import Association
from adisker.people.models import StaffProfile
from adisker.schools.models import School, Subject


@dataclass(frozen=True)
class CompositionGap:
    area: str
    message: str


def composition_warnings(
    council_members: Sequence[StaffProfile], structures: Sequence[Association], school: School
) -> list[CompositionGap]:
    """A warning for every subject area with nobody on the council.

    The areas are the year's subject methodological associations (an association covers its
    subjects); a school that has not formed them yet is judged by the subjects its staff
    teach. Expects the council members' `subjects` and each structure's `members` (only their
    ids are read) and `subjects` prefetched.
    """
    council_ids = {m.pk for m in council_members}
    council_subjects = {s.pk for m in council_members for s in m.subjects.all()}
    warnings = []
    associations = [s for s in structures if s.kind == Association.Kind.SUBJECT]
    if associations:
        for association in associations:
            subject_ids = {s.pk for s in association.subjects.all()}
            member_ids = {m.pk for m in association.members.all()} | {association.head_id}
            if member_ids & council_ids or subject_ids & council_subjects:
                continue
            warnings.append(
                CompositionGap(
                    association.name,
                    str(_("Nobody of this association sits on the council.")),
                )
            )
        return warnings
    taught = Subject.objects.filter(teachers__in=StaffProfile.objects.filter(school=school))
    for subject in taught.distinct().order_by("name_kk"):
        if subject.pk not in council_subjects:
            warnings.append(
                CompositionGap(subject.name, str(_("No teacher of this subject on the council.")))
            )
    return warnings

"""Who reads, keeps and confirms a professional record, and who plans courses.

A teacher keeps their own record; the school's deputy director may too, and confirms what the
teacher entered against the paper, never their own entries. The course plan is the deputy's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from adisker.people.access import get_staff_for_user
from adisker.people.models import STAFF_EDITORS, StaffProfile, User
from adisker.schools.models import School


def can_edit_record(user: User, staff: StaffProfile) -> bool:
    """A teacher keeps their own record; the school's deputy director and admins may too."""
    return staff.user_id == user.pk or (
        StaffProfile.objects.editable_by(user).filter(pk=staff.pk).exists()
    )


def can_confirm_record(user: User, staff: StaffProfile) -> bool:
    """Confirmation checks a document against the entry: never by the teacher themself."""
    return staff.user_id != user.pk and (
        StaffProfile.objects.editable_by(user).filter(pk=staff.pk).exists()
    )


def get_record_for_user(
    user: User, staff_pk: int, *, edit: bool = False, confirm: bool = False
) -> StaffProfile:
    staff = get_staff_for_user(user, staff_pk)
    if edit and not can_edit_record(user, staff):
        raise PermissionDenied
    if confirm and not can_confirm_record(user, staff):
        raise PermissionDenied
    return staff


def can_plan(user: User, school: School) -> bool:
    """Whether the user plans the school's qualification courses: its deputy director."""
    return user.is_administrator or school.pk in user.scope.school_ids_with(STAFF_EDITORS)

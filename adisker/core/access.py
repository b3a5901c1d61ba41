"""The one way views reach school-owned data.

Each helper answers 404 to a user who may not see the object at all (so that outsiders cannot
even learn it exists) and 403 to one who may see it but not do what was asked.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from adisker.people.models import StaffProfile, User
from adisker.schools.models import School


def get_school_for_user(user: User, pk: int) -> School:
    try:
        return School.objects.visible_to(user).select_related("district__region").get(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None


def get_staff_for_user(user: User, pk: int, *, edit: bool = False) -> StaffProfile:
    try:
        staff = (
            StaffProfile.objects.visible_to(user)
            .select_related("school", "position", "category", "user")
            .get(pk=pk)
        )
    except StaffProfile.DoesNotExist:
        raise Http404 from None
    if edit and not StaffProfile.objects.editable_by(user).filter(pk=pk).exists():
        raise PermissionDenied
    return staff

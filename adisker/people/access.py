"""How views reach schools, districts and staff for a user: the one way to them.

Each helper answers 404 to a user who may not see the object at all (so that outsiders cannot
even learn it exists) and 403 to one who may see it but not do what was asked. What a user sees
follows from their role memberships (`User.scope`); the querysets' `visible_to` state it once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from adisker.people.models import SCHOOL_MANAGERS, STAFF_EDITORS, StaffProfile, User
from adisker.schools.models import District, School


def get_school_for_user(user: User, pk: int) -> School:
    try:
        return School.objects.visible_to(user).select_related("district__region").get(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None


def get_school_for_staff_editing(user: User, pk: int) -> School:
    """A school whose staff the user may change (add, edit, import)."""
    school = get_school_for_user(user, pk)
    if not (user.is_administrator or pk in user.scope.school_ids_with(STAFF_EDITORS)):
        raise PermissionDenied
    return school


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


def overseen_schools(user: User) -> QuerySet[School]:
    """Schools whose whole staff the user oversees: the ones they manage, their district's as
    a methodologist, or all for an administrator. A teacher oversees none."""
    if user.is_administrator:
        return School.objects.all()
    scope = user.scope
    return School.objects.filter(
        Q(pk__in=scope.school_ids_with(SCHOOL_MANAGERS)) | Q(district_id__in=scope.district_ids)
    )


def get_overseen_school_for_user(user: User, pk: int) -> School:
    try:
        return overseen_schools(user).select_related("district").get(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None


def overseen_districts(user: User) -> QuerySet[District]:
    """Districts where the user oversees at least one school."""
    if user.is_administrator:
        return District.objects.all()
    return District.objects.filter(pk__in=overseen_schools(user).values("district_id"))


def get_district_for_user(user: User, pk: int) -> District:
    try:
        return overseen_districts(user).get(pk=pk)
    except District.DoesNotExist:
        raise Http404 from None

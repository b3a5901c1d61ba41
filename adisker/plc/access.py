"""The one way views reach PLC data: 404 to those who may not see it, 403 to readers.

Who may do what:
- members and the facilitator edit their PLC's meetings, cycles, observation forms, results;
- the facilitator, the school's deputy director (a school PLC) or the district's methodologist
  (an inter-school PLC) also manage it: name, focus, members;
- the school's deputy director and director, and the district's methodologist, read;
- everyone else gets 404, whatever school they are in.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from adisker.people.models import SCHOOL_MANAGERS, STAFF_EDITORS, Role, StaffProfile, User
from adisker.plc.models import (
    Community,
    InquiryCycle,
    ObservationTemplate,
    ObservationVisit,
    Practice,
)
from adisker.schools.models import InterSchoolAssociation, School

COMMUNITY_CREATORS = frozenset({Role.PLC_FACILITATOR, Role.DEPUTY_DIRECTOR})


def profile_of(user: User) -> StaffProfile | None:
    return getattr(user, "staff_profile", None)


def creatable_schools(user: User) -> QuerySet[School]:
    if user.is_administrator:
        return School.objects.all()
    return School.objects.filter(pk__in=user.scope.school_ids_with(COMMUNITY_CREATORS))


def creatable_associations(user: User) -> QuerySet[InterSchoolAssociation]:
    """Inter-school PLCs are run by the district's methodologist (and the base school's deputy)."""
    if user.is_administrator:
        return InterSchoolAssociation.objects.all()
    return InterSchoolAssociation.objects.filter(
        district_id__in=user.scope.district_ids
    ) | InterSchoolAssociation.objects.filter(
        base_school_id__in=user.scope.school_ids_with(STAFF_EDITORS)
    )


def can_create_community(user: User) -> bool:
    return creatable_schools(user).exists() or creatable_associations(user).exists()


def is_participant(user: User, community: Community) -> bool:
    profile = profile_of(user)
    if profile is None:
        return False
    if community.facilitator_id == profile.pk:
        return True
    return community.members.filter(pk=profile.pk).exists()


def can_manage_community(user: User, community: Community) -> bool:
    if user.is_administrator:
        return True
    profile = profile_of(user)
    if profile is not None and community.facilitator_id == profile.pk:
        return True
    scope = user.scope
    if community.school_id:
        return community.school_id in scope.school_ids_with(STAFF_EDITORS)
    association = community.inter_school
    assert association is not None
    return (
        association.district_id in scope.district_ids
        or association.base_school_id in scope.school_ids_with(STAFF_EDITORS)
    )


def can_edit_community(user: User, community: Community) -> bool:
    return user.is_administrator or is_participant(user, community)


def get_community_for_user(
    user: User, pk: int, *, edit: bool = False, manage: bool = False
) -> Community:
    try:
        community = (
            Community.objects.visible_to(user)
            .select_related(
                "school__district", "inter_school", "facilitator", "academic_year", "theme"
            )
            .get(pk=pk)
        )
    except Community.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_community(user, community):
        raise PermissionDenied
    if manage and not can_manage_community(user, community):
        raise PermissionDenied
    return community


def get_cycle_for_user(user: User, pk: int, *, edit: bool = False) -> InquiryCycle:
    try:
        cycle = (
            InquiryCycle.objects.filter(community__in=Community.objects.visible_to(user))
            .select_related("community__facilitator", "community__school", "subject")
            .get(pk=pk)
        )
    except InquiryCycle.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_community(user, cycle.community):
        raise PermissionDenied
    return cycle


# Mutual observation


def observation_schools(user: User) -> QuerySet[School]:
    """Schools whose visit schedule and matrix the user oversees."""
    if user.is_administrator:
        return School.objects.all()
    scope = user.scope
    return School.objects.filter(
        pk__in=scope.school_ids_with(SCHOOL_MANAGERS)
    ) | School.objects.filter(district_id__in=scope.district_ids)


def can_schedule_visits(user: User, school_id: int) -> bool:
    """The deputy director plans the school's visits; a teacher plans their own."""
    return user.is_administrator or school_id in user.scope.school_ids_with(STAFF_EDITORS)


def get_visit_for_user(user: User, pk: int) -> ObservationVisit:
    try:
        return (
            ObservationVisit.objects.visible_to(user)
            .select_related("observer", "observed", "template", "school")
            .get(pk=pk)
        )
    except ObservationVisit.DoesNotExist:
        raise Http404 from None


def can_fill_visit(user: User, visit: ObservationVisit) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.pk == visit.observer_id


def get_template_for_user(user: User, pk: int) -> ObservationTemplate:
    """School templates are edited by the school's deputy director; shared ones in the admin."""
    try:
        template = ObservationTemplate.objects.select_related("school").get(
            pk=pk, school__isnull=False
        )
    except ObservationTemplate.DoesNotExist:
        raise Http404 from None
    if not (user.is_administrator or template.school_id in user.scope.member_school_ids):
        raise Http404
    if template.school_id is None or not can_schedule_visits(user, template.school_id):
        raise PermissionDenied
    return template


# Shared practice


def get_practice_for_user(user: User, pk: int, *, edit: bool = False) -> Practice:
    try:
        practice = (
            Practice.objects.visible_to(user)
            .select_related("author", "school", "subject", "featured_by")
            .get(pk=pk)
        )
    except Practice.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_practice(user, practice):
        raise PermissionDenied
    return practice


def can_edit_practice(user: User, practice: Practice) -> bool:
    profile = profile_of(user)
    return user.is_administrator or (profile is not None and profile.pk == practice.author_id)


def can_feature_practice(user: User, practice: Practice) -> bool:
    return user.is_administrator or practice.school_id in user.scope.school_ids_with(STAFF_EDITORS)

"""How the council's pages reach their objects, in the style of `adisker/people/access.py`:
404 to whoever may not see the owner (school or inter-school association), 403 to whoever may
see it but not change it.

Who changes what:
- a school's structures, plan and meetings: the school's deputy director (and administrators);
- one structure's meetings and its own plan items: also the structure's head;
- an inter-school association's: the methodologist of its district (who runs it);
- approval of a plan: the school's director; for a joint plan, the district methodologist;
- a decision's follow-up: also the person it was given to.

Other modules (the events calendar) reuse `visible_owner_q`, `plans_visible_to` and
`inter_schools_reached_by` so that the inter-school rule is written once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    DevelopmentTopic,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    Owned,
    PlanItem,
    ProtocolDecision,
    inter_schools_reached_by,
    owner_visibility,
)
from adisker.people.access import get_school_for_user
from adisker.people.models import Role, User
from adisker.schools.models import InterSchoolAssociation, School

__all__ = [
    "can_approve_plan",
    "can_edit_association",
    "can_edit_owner",
    "can_edit_plan_item",
    "inter_schools_reached_by",
    "plans_visible_to",
    "visible_owner_q",
]

COUNCIL_EDITORS = frozenset({Role.DEPUTY_DIRECTOR})
PLAN_APPROVERS = frozenset({Role.DIRECTOR})


def visible_owner_q(user: User, prefix: str = "") -> Q:
    """The condition "the user sees this school-or-inter-school owner"; `prefix` leads to the
    model holding `school` and `inter_school` (e.g. "plan_item__plan__")."""
    return owner_visibility(user, prefix)


def plans_visible_to(user: User) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.visible_to(user)


def can_edit_owner(
    user: User, *, school: School | None = None, inter_school: InterSchoolAssociation | None = None
) -> bool:
    if user.is_administrator:
        return True
    if school is not None:
        return school.pk in user.scope.school_ids_with(COUNCIL_EDITORS)
    if inter_school is not None:
        return inter_school.district_id in user.scope.district_ids
    return False


def can_edit_owned(user: User, obj: Owned) -> bool:
    return can_edit_owner(user, school=obj.school, inter_school=obj.inter_school)


def is_head_of(user: User, association: Association | None) -> bool:
    return (
        association is not None
        and association.head is not None
        and association.head.user_id == user.pk
    )


def can_edit_association(user: User, association: Association) -> bool:
    """Its meetings and its plan items; the composition itself only the owner's editors."""
    return can_edit_owned(user, association) or is_head_of(user, association)


def can_edit_plan_item(user: User, item: PlanItem) -> bool:
    return can_edit_owned(user, item.plan) or is_head_of(user, item.association)


def items_limited_to(user: User, plan: AnnualPlan) -> Association | None:
    """Whose items of `plan` the user adds and changes: all of them for the plan's editors
    (None), their own association's for the head of one of the owner's associations of the
    year; anyone else is refused."""
    if can_edit_owned(user, plan):
        return None
    headed = Association.objects.filter(
        head__user=user,
        school=plan.school,
        inter_school=plan.inter_school,
        academic_year=plan.academic_year,
    ).first()
    if headed is None:
        raise PermissionDenied
    found: Association = headed
    return found


def can_approve_plan(user: User, plan: AnnualPlan) -> bool:
    if user.is_administrator:
        return True
    if plan.school_id is not None:
        return plan.school_id in user.scope.school_ids_with(PLAN_APPROVERS)
    return plan.inter_school is not None and (
        plan.inter_school.district_id in user.scope.district_ids
    )


def get_council_school(user: User, pk: int, *, edit: bool = False) -> School:
    school = get_school_for_user(user, pk)
    if edit and not can_edit_owner(user, school=school):
        raise PermissionDenied
    return school


def get_inter_school_for_user(user: User, pk: int, *, edit: bool = False) -> InterSchoolAssociation:
    try:
        inter_school = (
            inter_schools_reached_by(user).select_related("base_school", "district").get(pk=pk)
        )
    except InterSchoolAssociation.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_owner(user, inter_school=inter_school):
        raise PermissionDenied
    return inter_school


def get_association_for_user(
    user: User, pk: int, *, edit: bool = False, compose: bool = False
) -> Association:
    """`edit`: hold meetings and plan its questions (the head may); `compose`: change the
    structure itself (the owner's editors only)."""
    try:
        association: Association = (
            Association.objects.visible_to(user)
            .select_related("school", "inter_school", "academic_year", "head", "secretary")
            .get(pk=pk)
        )
    except Association.DoesNotExist:
        raise Http404 from None
    if compose and not can_edit_owned(user, association):
        raise PermissionDenied
    if edit and not can_edit_association(user, association):
        raise PermissionDenied
    return association


def get_plan_for_user(
    user: User, pk: int, *, edit: bool = False, approve: bool = False
) -> AnnualPlan:
    try:
        plan: AnnualPlan = (
            AnnualPlan.objects.visible_to(user)
            .select_related("school", "inter_school", "academic_year", "theme")
            .get(pk=pk)
        )
    except AnnualPlan.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_owned(user, plan):
        raise PermissionDenied
    if approve and not can_approve_plan(user, plan):
        raise PermissionDenied
    return plan


def get_plan_item_for_user(user: User, pk: int, *, edit: bool = False) -> PlanItem:
    try:
        item = (
            PlanItem.objects.visible_to(user)
            .select_related(
                "plan__school",
                "plan__inter_school",
                "plan__academic_year",
                "association__head",
                "form_of_work",
                "responsible",
            )
            .get(pk=pk)
        )
    except PlanItem.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_plan_item(user, item):
        raise PermissionDenied
    return item


def get_meeting_for_user(user: User, pk: int, *, edit: bool = False) -> Meeting:
    try:
        meeting = (
            Meeting.objects.visible_to(user)
            .select_related(
                "association__school",
                "association__inter_school",
                "association__academic_year",
                "association__head",
                "association__secretary",
            )
            .get(pk=pk)
        )
    except Meeting.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_association(user, meeting.association):
        raise PermissionDenied
    return meeting


def get_agenda_item_for_user(user: User, pk: int, *, edit: bool = False) -> AgendaItem:
    try:
        item = AgendaItem.objects.select_related("meeting").get(
            pk=pk, meeting__in=Meeting.objects.visible_to(user)
        )
    except AgendaItem.DoesNotExist:
        raise Http404 from None
    item.meeting = get_meeting_for_user(user, item.meeting_id, edit=edit)
    return item


def get_decision_for_user(
    user: User, pk: int, *, edit: bool = False, follow_up: bool = False
) -> ProtocolDecision:
    """`follow_up` (record what was done) is allowed to the decision's owner as well."""
    try:
        decision = ProtocolDecision.objects.visible_to(user).select_related("owner").get(pk=pk)
    except ProtocolDecision.DoesNotExist:
        raise Http404 from None
    meeting = (
        Meeting.objects.select_related("association__head")
        .filter(agenda_items__pk=decision.agenda_item_id)
        .get()
    )
    may_edit = can_edit_association(user, meeting.association)
    owner_user_id = decision.owner.user_id if decision.owner else None
    if edit and not may_edit:
        raise PermissionDenied
    if follow_up and not (may_edit or owner_user_id == user.pk):
        raise PermissionDenied
    return decision


def get_theme_for_user(user: User, pk: int, *, edit: bool = False) -> MethodologicalTheme:
    try:
        theme = MethodologicalTheme.objects.select_related("school").get(
            pk=pk, school__in=School.objects.visible_to(user)
        )
    except MethodologicalTheme.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_owner(user, school=theme.school):
        raise PermissionDenied
    return theme


def get_topic_for_user(user: User, pk: int, *, edit: bool = False) -> DevelopmentTopic:
    try:
        topic = DevelopmentTopic.objects.select_related("school", "academic_year").get(
            pk=pk, school__in=School.objects.visible_to(user)
        )
    except DevelopmentTopic.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_owner(user, school=topic.school):
        raise PermissionDenied
    return topic


def get_mentoring_pair_for_user(user: User, pk: int, *, edit: bool = False) -> MentoringPair:
    try:
        pair = MentoringPair.objects.select_related("school").get(
            pk=pk, school__in=School.objects.visible_to(user)
        )
    except MentoringPair.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_owner(user, school=pair.school):
        raise PermissionDenied
    return pair

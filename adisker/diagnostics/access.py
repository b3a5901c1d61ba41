"""How views reach campaigns, invitations and instruments: 404 to outsiders, 403 to read-only.

Who does what:
- a deputy director runs their school's campaigns and sees their school's results, each
  teacher's included; a director sees the same and changes nothing;
- a district methodologist runs the district's campaigns and sees per-school aggregates of
  every campaign in the district, never one teacher's answers;
- a teacher answers their invitations and sees their own results only;
- administrators and district methodologists edit instruments.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from adisker.diagnostics.models import (
    Campaign,
    CampaignQuerySet,
    Instrument,
    Invitation,
    Proposal,
)
from adisker.people.models import SCHOOL_MANAGERS, STAFF_EDITORS, Role, StaffProfile, User
from adisker.schools.models import School

CAMPAIGN_RUNNERS = (Role.DEPUTY_DIRECTOR, Role.DISTRICT_METHODOLOGIST)


def _managed_districts(user: User) -> QuerySet[School, int]:
    """The districts of the schools the user manages, as a query of their ids."""
    managed = user.scope.school_ids_with(SCHOOL_MANAGERS)
    return School.objects.filter(pk__in=managed).values_list("district_id", flat=True)


def overseen_campaigns(user: User) -> CampaignQuerySet:
    """Campaigns whose progress and aggregated results the user may see."""
    if user.is_administrator:
        return Campaign.objects.all()
    scope = user.scope
    schools = sorted(scope.school_ids_with(SCHOOL_MANAGERS) | scope.district_school_ids)
    districts = sorted(set(_managed_districts(user)) | scope.district_ids)
    # Lists of ids, which the indexes on the school and on the district answer; subqueries and
    # the join to the schools in an OR made the database read every campaign in the country.
    return Campaign.objects.filter(Q(school_id__in=schools) | Q(district_id__in=districts))


def launch_places(user: User) -> tuple[set[int], frozenset[int]]:
    """The schools (as their deputy director) and the districts (as their methodologist)
    where the user may launch a campaign, as ids: role memberships name existing ones."""
    return user.scope.school_ids_with(STAFF_EDITORS), user.scope.district_ids


def can_run(user: User, campaign: Campaign) -> bool:
    if user.is_administrator:
        return True
    if campaign.school_id is not None:
        return campaign.school_id in user.scope.school_ids_with(STAFF_EDITORS)
    return campaign.district_id in user.scope.district_ids


def get_campaign_for_user(user: User, pk: int, *, run: bool = False) -> Campaign:
    try:
        campaign = overseen_campaigns(user).for_list().get(pk=pk)
    except Campaign.DoesNotExist:
        raise Http404 from None
    if run and not can_run(user, campaign):
        raise PermissionDenied
    return campaign


def result_schools(user: User, campaign: Campaign) -> QuerySet[School]:
    """The schools of the campaign whose results the user sees."""
    schools = (
        School.objects.filter(pk=campaign.school_id)
        if campaign.school_id
        else School.objects.filter(district=campaign.district)
    )
    if user.is_administrator or campaign.district_id_of_scope in user.scope.district_ids:
        return schools
    return schools.filter(pk__in=user.scope.school_ids_with(SCHOOL_MANAGERS))


def can_see_individuals(user: User, school: School) -> bool:
    """One teacher's results: the school's managers and administrators, never the district."""
    return user.is_administrator or school.pk in user.scope.school_ids_with(SCHOOL_MANAGERS)


def can_assess(user: User, school: School) -> bool:
    """The council's expert assessment is given by the school's deputy director."""
    return user.is_administrator or school.pk in user.scope.school_ids_with(STAFF_EDITORS)


def get_proposal_for_user(user: User, pk: int) -> Proposal:
    """A proposal to decide: its school's managers see it (404 to anyone else); only the
    deputy director decides (403), and only while it is still proposed."""
    try:
        proposal = Proposal.objects.select_related(
            "campaign__version__instrument", "school", "dimension"
        ).get(pk=pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    managed = user.scope.school_ids_with(SCHOOL_MANAGERS)
    if not (user.is_administrator or proposal.school_id in managed):
        raise Http404
    if not can_assess(user, proposal.school) or proposal.status != Proposal.Status.PROPOSED:
        raise PermissionDenied
    return proposal


def get_assessed_staff_for_user(user: User, campaign: Campaign, pk: int) -> StaffProfile:
    """A teacher asked in the campaign whom the user assesses as an expert: 404 to one not
    asked, 403 to a user who may not assess their school, and to the teacher themself."""
    asked = campaign.invitations.filter(role=Invitation.Role.SELF).values("subject_id")
    staff = StaffProfile.objects.filter(pk=pk, pk__in=asked).select_related("school").first()
    if staff is None:
        raise Http404
    if not can_assess(user, staff.school) or staff.user_id == user.pk:
        raise PermissionDenied
    return staff


def get_invitation_for_user(user: User, pk: int) -> Invitation:
    """Only the invited person ever opens an invitation: it holds their draft answers."""
    try:
        return Invitation.objects.select_related(
            "campaign__version__instrument", "school", "subject"
        ).get(pk=pk, user=user)
    except Invitation.DoesNotExist:
        raise Http404 from None


def get_teacher_result_for_user(user: User, campaign: Campaign, staff_pk: int) -> StaffProfile:
    """A teacher's own results, or any of a managed school's teachers' for its managers."""
    if campaign.instrument.anonymous:
        raise Http404
    try:
        staff = StaffProfile.objects.select_related("school", "user").get(pk=staff_pk)
    except StaffProfile.DoesNotExist:
        raise Http404 from None
    if staff.user_id == user.pk:
        if not campaign.invitations.filter(user=user).exists():
            raise Http404
        return staff
    if not can_see_individuals(user, staff.school):
        raise Http404
    if not overseen_campaigns(user).filter(pk=campaign.pk).exists():
        raise Http404
    return staff


def can_edit_instruments(user: User) -> bool:
    return user.is_administrator or user.has_role(Role.DISTRICT_METHODOLOGIST)


def get_instrument_for_user(user: User, pk: int, *, edit: bool = False) -> Instrument:
    try:
        instrument = Instrument.objects.get(pk=pk)
    except Instrument.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_instruments(user):
        raise PermissionDenied
    return instrument

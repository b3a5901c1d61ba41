"""Home card: the questionnaires waiting for the user's answers (none shown when none wait); and
what the cached list of campaigns shows (diagnostics.views.index), declared with the schools it
renews."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from adisker.core.dashboard import Card, summary_counts, user_card
from adisker.core.http import AuthenticatedRequest
from adisker.diagnostics.models import Campaign, Instrument, Invitation
from adisker.schools.models import School


def schools_asked(campaign: Campaign) -> QuerySet[School]:
    if campaign.school_id is not None:
        return School.objects.filter(pk=campaign.school_id)
    return School.objects.filter(district_id=campaign.district_id)


def schools_using(instrument: Instrument) -> QuerySet[School]:
    campaigns = Campaign.objects.filter(version__instrument=instrument)
    return School.objects.filter(
        Q(pk__in=campaigns.values("school_id")) | Q(district__in=campaigns.values("district_id"))
    )


summary_counts(Campaign, schools_asked)
# The list counts submissions, which a draft saved at each section does not change.
summary_counts(
    Invitation,
    lambda invitation: School.objects.filter(pk=invitation.school_id),
    fields=frozenset({"submitted"}),
)
summary_counts(Instrument, schools_using)


@user_card
def questionnaires_to_answer(request: AuthenticatedRequest) -> Card | None:
    waiting = list(
        Invitation.objects.filter(
            user=request.user,
            role=Invitation.Role.SELF,
            submitted=False,
            campaign__status=Campaign.Status.OPEN,
        )
        .select_related("campaign__version__instrument")
        .order_by("campaign__deadline", "pk")[:5]
    )
    if not waiting:
        return None
    return Card("diagnostics/cards/to_answer.html", {"invitations": waiting}, order=12)

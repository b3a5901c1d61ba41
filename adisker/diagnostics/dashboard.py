"""Home card: the questionnaires waiting for the user's answers (none shown when none wait)."""

from __future__ import annotations

from adisker.core.dashboard import Card, card
from adisker.diagnostics.models import Campaign, Invitation
from adisker.people.http import AuthenticatedRequest


@card
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

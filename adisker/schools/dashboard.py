from __future__ import annotations

from adisker.core.dashboard import Card, card
from adisker.core.http import AuthenticatedRequest
from adisker.people.models import StaffProfile, User
from adisker.schools.models import District, Region, School


@card
def system_overview(request: AuthenticatedRequest) -> Card | None:
    if not request.user.is_administrator:
        return None
    counts = {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "schools": School.objects.count(),
        "staff": StaffProfile.objects.count(),
        "users": User.objects.filter(is_active=True).count(),
    }
    return Card("schools/cards/system_overview.html", {"counts": counts}, order=40)

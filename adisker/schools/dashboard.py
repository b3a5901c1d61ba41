from __future__ import annotations

from adisker.core.dashboard import Card, card
from adisker.lib.caching import cached
from adisker.lib.http import AuthenticatedRequest
from adisker.people.models import StaffProfile, User
from adisker.schools.models import District, Region, School


def system_counts() -> dict[str, int]:
    """The country's figures: counting 400,000 staff and users takes tens of milliseconds, so
    they are kept in the shared cache until one of these tables is written."""
    return {
        "regions": Region.objects.count(),
        "districts": District.objects.count(),
        "schools": School.objects.count(),
        "staff": StaffProfile.objects.count(),
        "users": User.objects.filter(is_active=True).count(),
    }


@card
def system_overview(request: AuthenticatedRequest) -> Card | None:
    if not request.user.is_administrator:
        return None
    return Card("schools/cards/system_overview.html", {"counts": cached(system_counts)}, order=40)

from __future__ import annotations

from django.core.cache import cache

from adisker.core.dashboard import Card, card, summary_counts
from adisker.core.http import AuthenticatedRequest
from adisker.people.models import StaffProfile, User
from adisker.schools.models import District, Region, School

# The lists of schools name their district (schools.views.school_list).
summary_counts(District, lambda district: School.objects.filter(district=district))

# Counting the whole country's staff and users took 70 ms of every administrator's home page
# on the national data set; counts a few minutes old serve the card as well.
OVERVIEW_KEY = "schools:system-overview"
OVERVIEW_SECONDS = 600


def system_counts() -> dict[str, int]:
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
    counts = cache.get_or_set(OVERVIEW_KEY, system_counts, OVERVIEW_SECONDS)
    return Card("schools/cards/system_overview.html", {"counts": counts}, order=40)

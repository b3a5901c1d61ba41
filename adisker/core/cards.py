"""The home page's cards of people and schools: one's own profile, the staff of the schools one
manages, a methodologist's district, the administrator's country. The other modules' cards
are in their `dashboard.py`."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from adisker.core.dashboard import Card, card, district_card, school_card
from adisker.lib.caching import cached
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import QualificationCategory, StaffProfile, User
from adisker.schools.models import District, Region, School


@card
def my_profile(request: AuthenticatedRequest) -> Card | None:
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return None
    # The card names the position, school and category, read with the user (StaffBackend).
    return Card("people/cards/my_profile.html", {"profile": profile}, order=10)


@school_card
def school_staff(school_ids: tuple[int, ...]) -> Card | None:
    """Per managed school: how many staff, and how they spread over the categories."""
    categories = list(QualificationCategory.objects.all())
    # One count per (school, category) pair: a filtered count per category over the join
    # cost more to compile than to run.
    counts = Counter(
        {
            (row["school_id"], row["category_id"]): row["count"]
            for row in StaffProfile.objects.filter(school_id__in=school_ids)
            .values("school_id", "category_id")
            .annotate(count=Count("pk"))
            .order_by()
        }
    )
    rows = []
    for school in School.objects.filter(pk__in=school_ids).order_by("name_kk", "pk"):
        by_category = [(c, counts[(school.pk, c.pk)]) for c in categories]
        school.staff_count = sum(n for _c, n in by_category)  # type: ignore[attr-defined]
        rows.append((school, by_category))
    return Card("people/cards/school_staff.html", {"rows": rows}, order=20)


@district_card
def district_schools(district_ids: tuple[int, ...]) -> Card | None:
    schools = list(
        School.objects.filter(district_id__in=district_ids)
        .annotate(staff_count=Count("staff"))
        .order_by("-staff_count")
    )
    totals = StaffProfile.objects.filter(school__district_id__in=district_ids).count()
    return Card(
        "people/cards/district_schools.html",
        {"schools": schools, "staff_total": totals},
        order=30,
    )


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

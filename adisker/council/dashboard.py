"""Home page cards: the plan's progress this month, and open protocol decisions by owner."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q

from adisker.core.dashboard import Card, card
from adisker.core.dates import today
from adisker.core.http import AuthenticatedRequest
from adisker.council.models import AnnualPlan, PlanItem, ProtocolDecision
from adisker.people.models import SCHOOL_MANAGERS

# How many of one's own open decisions the card lists.
LISTED = 8


@card
def plan_progress(request: AuthenticatedRequest) -> Card | None:
    """Done against planned this month, for each plan the user manages or runs."""
    user = request.user
    if user.is_administrator:
        return None
    scope = user.scope
    managed = scope.school_ids_with(SCHOOL_MANAGERS)
    if not managed and not scope.district_ids:
        return None
    on = today()
    plans = AnnualPlan.objects.filter(
        Q(school_id__in=managed) | Q(inter_school__district_id__in=scope.district_ids),
        academic_year__start_year=on.year if on.month >= 9 else on.year - 1,
    )
    # Counted from the month's items of these plans: "plan has an item in the month" as an
    # IN over every plan item of the country took SQLite 300 ms on the national data set.
    counts = {
        row["plan"]: row
        for row in PlanItem.objects.in_month(on)
        .filter(plan__in=plans)
        .values("plan")
        .annotate(planned=Count("pk"), done=Count("pk", filter=Q(status=PlanItem.Status.DONE)))
        .order_by()
    }
    if not counts:
        return None
    rows = list(
        AnnualPlan.objects.filter(pk__in=counts)
        .select_related("school", "inter_school")
        .order_by("pk")
    )
    for row in rows:
        row.planned, row.done = counts[row.pk]["planned"], counts[row.pk]["done"]  # type: ignore[attr-defined]
        row.percent = round(100 * row.done / row.planned)  # type: ignore[attr-defined]
    return Card("council/cards/plan_progress.html", {"plans": rows, "month": on}, order=40)


@card
def open_decisions(request: AuthenticatedRequest) -> Card | None:
    """The user's own open decisions; for school managers, the school's open ones by owner."""
    user = request.user
    profile = getattr(user, "staff_profile", None)
    on = today()
    mine = []
    if profile is not None:
        mine = list(
            ProtocolDecision.objects.open()
            .filter(owner=profile)
            .for_list()
            .order_by("due_on", "pk")[:LISTED]
        )
    managed = user.scope.school_ids_with(SCHOOL_MANAGERS)
    by_owner: list[tuple[str, int, int]] = []
    if managed:
        counts: Counter[tuple[str, str]] = Counter()
        overdue: Counter[tuple[str, str]] = Counter()
        open_ones = (
            ProtocolDecision.objects.open()
            .filter(agenda_item__meeting__association__school_id__in=managed)
            .values_list("owner__last_name", "owner__first_name", "due_on")
        )
        for last, first, due in open_ones:
            key = (last or "", first or "")
            counts[key] += 1
            if due is not None and due < on:
                overdue[key] += 1
        by_owner = [
            (f"{last} {first[:1]}." if last else "—", n, overdue[(last, first)])
            for (last, first), n in sorted(counts.items())
        ]
    if not mine and not by_owner:
        return None
    context = {"mine": mine, "by_owner": by_owner, "today": on}
    return Card("council/cards/open_decisions.html", context, order=41)

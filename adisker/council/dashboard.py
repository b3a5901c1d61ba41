"""Home page cards: the plan's progress this month, and open protocol decisions: one's own,
and for school managers the school's by owner."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q, QuerySet

from adisker.core.dashboard import Card, district_card, own_card, school_card
from adisker.council.models import (
    AnnualPlan,
    PlanItem,
    ProtocolDecision,
)
from adisker.lib.dates import academic_start_year, today

# How many of one's own open decisions the card lists.
LISTED = 8


def progress_card(plans: QuerySet[AnnualPlan], on: datetime.date) -> Card | None:
    """Done against planned this month, for each of `plans` of this academic year."""
    plans = plans.filter(academic_year__start_year=academic_start_year(on))
    # Counted from the month's items of these plans: "plan has an item in the month" as an
    # IN over every plan item of the country made SQLite read them all.
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


@school_card
def school_plan_progress(school_ids: tuple[int, ...]) -> Card | None:
    """The plans of the schools the user manages."""
    return progress_card(AnnualPlan.objects.filter(school_id__in=school_ids), today())


@district_card
def inter_school_plan_progress(district_ids: tuple[int, ...]) -> Card | None:
    """A methodologist's: the plans of their districts' inter-school associations."""
    return progress_card(
        AnnualPlan.objects.filter(inter_school__district_id__in=district_ids), today()
    )


@own_card
def my_decisions(staff_id: int) -> Card | None:
    """The user's own open decisions, those due first."""
    mine = list(
        ProtocolDecision.objects.open()
        .filter(owner_id=staff_id)
        .for_list()
        .order_by("due_on", "pk")[:LISTED]
    )
    if not mine:
        return None
    return Card("council/cards/open_decisions.html", {"mine": mine, "today": today()}, order=41)


@school_card
def school_decisions(school_ids: tuple[int, ...]) -> Card | None:
    """The open decisions of the schools the user manages, counted by owner."""
    on = today()
    counts: Counter[tuple[str, str]] = Counter()
    overdue: Counter[tuple[str, str]] = Counter()
    open_ones = (
        ProtocolDecision.objects.open()
        .filter(agenda_item__meeting__association__school_id__in=school_ids)
        .values_list("owner__last_name", "owner__first_name", "due_on")
    )
    for last, first, due in open_ones:
        key = (last or "", first or "")
        counts[key] += 1
        if due is not None and due < on:
            overdue[key] += 1
    if not counts:
        return None
    by_owner = [
        (f"{last} {first[:1]}." if last else "—", n, overdue[(last, first)])
        for (last, first), n in sorted(counts.items())
    ]
    return Card("council/cards/open_decisions.html", {"by_owner": by_owner}, order=42)

"""Counting related rows for a list, one correlated subquery per listed row.

`Count()` over a join groups every joined row before the list is cut to a page: on the national
data set that meant counting hundreds of thousands of invitations or memberships to show 25.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery


def count_of(rows: QuerySet[Any]) -> Subquery:
    """How many of `rows` (a queryset filtered on an `OuterRef`) there are, as an annotation.

    COUNT without GROUP BY always gives one row, 0 when nothing matches, so no Coalesce."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())

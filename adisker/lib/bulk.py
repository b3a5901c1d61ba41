"""Bulk updates of many rows, each to values of its own, with their history entries.

`QuerySet.bulk_update` builds a `When(pk=…, then=Value(…))` expression for every row and column
and resolves each one: for 10,000 staff of two changed columns that is seconds of Python before
the database sees a query. Here each column of a batch is one simple CASE over the ids, written
once as SQL with its values as parameters; the database does the same work as before.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.expressions import RawSQL

# The CASE is read row by row for each row it sets, a cost that grows with the square of the
# batch: small batches are several times faster in all.
UPDATE_BATCH_SIZE = 100


def update_in_bulk(
    model: type[Model], objects: Sequence[Model], fields: Sequence[str], *, batch_size: int
) -> None:
    """Write `fields` of each of `objects` as `bulk_update` would."""
    if not objects or not fields:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    assert meta.pk is not None and meta.pk.column is not None
    pk_column = quote(meta.pk.column)
    for start in range(0, len(objects), batch_size):
        batch = objects[start : start + batch_size]
        values = {}
        for name in fields:
            field = meta.get_field(name)
            params: list[object] = []
            for obj in batch:
                value = getattr(obj, field.attname)  # type: ignore[union-attr]
                params += [obj.pk, field.get_db_prep_save(value, connection)]  # type: ignore[union-attr]
            whens = " ".join(["WHEN %s THEN %s"] * len(batch))
            sql = f"CASE {pk_column} {whens} ELSE {quote(field.column)} END"  # type: ignore[union-attr,arg-type]
            values[name] = RawSQL(sql, params, output_field=field)  # type: ignore[arg-type]
        model._base_manager.filter(pk__in=[obj.pk for obj in batch]).update(**values)


@transaction.atomic(savepoint=False)
def update_with_history(
    model: type[Model],
    objects: Sequence[Model],
    fields: Sequence[str],
    *,
    by: Model | None,
    stamp: datetime.datetime,
    reason: str = "",
) -> None:
    """`update_in_bulk`, then one "changed" history entry for each object, as
    simple-history's `bulk_update_with_history` writes them."""
    update_in_bulk(model, objects, fields, batch_size=UPDATE_BATCH_SIZE)
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        objects,
        batch_size=500,
        update=True,
        default_user=by,
        default_change_reason=reason,
        default_date=stamp,
    )

"""What `bench/generate_scale.py` hands to each module's synthetic-data generator.

A national data set is millions of rows, too many for `save()` or even `bulk_create`, which
build a model instance per row. The writer streams plain tuples instead: PostgreSQL's COPY, or
SQLite's executemany in one transaction. Ids are given by the writer, not the database, so that a
generator can link children to parents without reading anything back; the sequences are moved
past them at the end.

Generated rows get no history entries: they stand for data that was there before Adisker.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from itertools import islice
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 10_000
Row = tuple[Any, ...]


def _to_sqlite(internal_type: str) -> Callable[[Any], Any] | None:
    """SQLite's own date adapters are deprecated; Django stores ISO text, datetimes in UTC."""
    if internal_type == "DateTimeField":
        return lambda value: (
            None
            if value is None
            else value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
        )
    if internal_type == "DateField":
        return lambda value: None if value is None else value.isoformat()
    if internal_type == "DecimalField":
        return lambda value: None if value is None else str(value)
    return None


class BulkWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.next_id: dict[type[models.Model], int] = {}
        self.written: dict[type[models.Model], int] = {}

    def reserve(self, model: type[models.Model], count: int) -> range:
        """Ids for rows the caller writes later with explicit ids."""
        start = self._next_id(model)
        self.next_id[model] = start + count
        return range(start, start + count)

    def _next_id(self, model: type[models.Model]) -> int:
        if model not in self.next_id:
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX({pk}), 0) FROM {table}")
                self.next_id[model] = cursor.fetchone()[0] + 1
        return self.next_id[model]

    def write(self, model: type[models.Model], names: Sequence[str], rows: Iterable[Row]) -> int:
        """Write `rows` of values for the fields `names`. Without an "id" among the names, the
        writer numbers the rows itself; with one, the ids must come from `reserve`."""
        fields = [model._meta.get_field(name) for name in names]
        if "id" not in names:
            fields.insert(0, model._meta.pk)
            # Read before the COPY starts: the connection is busy until it ends.
            rows = self._numbered(model, self._next_id(model), rows)
        columns = [f.column for f in fields]  # type: ignore[union-attr]
        count = 0
        remaining = iter(rows)
        chunks = iter(lambda: list(islice(remaining, BATCH)), [])
        if connection.vendor == "postgresql":
            count = self._copy(model._meta.db_table, columns, chunks)
        else:
            count = self._insert(model._meta.db_table, columns, fields, chunks)
        self.written[model] = self.written.get(model, 0) + count
        return count

    def _numbered(
        self, model: type[models.Model], next_id: int, rows: Iterable[Row]
    ) -> Iterator[Row]:
        try:
            for row in rows:
                yield (next_id, *row)
                next_id += 1
        finally:
            self.next_id[model] = next_id

    def _copy(self, table: str, columns: list[str], chunks: Iterator[list[Row]]) -> int:
        quote = connection.ops.quote_name
        sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        count = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for chunk in chunks:
                for row in chunk:
                    copy.write_row(row)
                count += len(chunk)
        return count

    def _insert(
        self, table: str, columns: list[str], fields: list[Any], chunks: Iterator[list[Row]]
    ) -> int:
        quote = connection.ops.quote_name
        marks = ", ".join("?" for _column in columns)
        sql = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES ({marks})"
        converters = [(i, _to_sqlite(f.get_internal_type())) for i, f in enumerate(fields)]
        converters = [(i, convert) for i, convert in converters if convert is not None]
        connection.ensure_connection()
        raw = connection.connection
        count = 0
        for chunk in chunks:
            if converters:
                converted = []
                for row in chunk:
                    values = list(row)
                    for i, convert in converters:
                        values[i] = convert(values[i])
                    converted.append(values)
                chunk = converted
            raw.executemany(sql, chunk)
            count += len(chunk)
        return count

    def finish(self) -> None:
        """Move every sequence past the ids given here, and refresh the planner's statistics."""
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.written)):
                cursor.execute(statement)
            cursor.execute("ANALYZE")


@dataclass
class SchoolRow:
    id: int
    district_id: int
    school_type: str
    locality: str
    language: str
    # Staff ids of a school are consecutive; the first is its director, the second its deputy
    # for methodological work.
    first_staff: int
    staff_count: int

    @property
    def staff_ids(self) -> range:
        return range(self.first_staff, self.first_staff + self.staff_count)

    @property
    def director(self) -> int:
        return self.first_staff

    @property
    def deputy(self) -> int:
        return self.first_staff + 1

    @property
    def teachers(self) -> range:
        return range(self.first_staff + 2, self.first_staff + self.staff_count)


@dataclass
class InterSchoolRow:
    id: int
    district_id: int
    base_school: SchoolRow
    members: list[SchoolRow]


@dataclass
class StaffFacts:
    """What later generators need to know of each staff member, by staff id."""

    first_id: int = 0
    count: int = 0
    first_user_id: int = 0
    subjects: list[tuple[str, ...]] = field(default_factory=list)
    started: list[int] = field(default_factory=list)  # the year pedagogical experience began
    category_rank: list[int] = field(default_factory=list)

    def user_id(self, staff_id: int) -> int:
        return self.first_user_id + staff_id - self.first_id

    def index(self, staff_id: int) -> int:
        return staff_id - self.first_id


@dataclass
class ScaleData:
    writer: BulkWriter
    seed: int
    on: datetime.date
    schools_wanted: int
    staff_per_school: int
    password_hash: str
    schools: list[SchoolRow] = field(default_factory=list)
    inter_schools: list[InterSchoolRow] = field(default_factory=list)
    district_ids: list[int] = field(default_factory=list)
    staff: StaffFacts = field(default_factory=StaffFacts)
    # Filled by the people generator: a login to print for each role.
    logins: dict[str, str] = field(default_factory=dict)
    # Filled by the council generator: each school's structures (council first) for this year.
    structures: dict[int, list[int]] = field(default_factory=dict)

    def rng(self, label: str) -> random.Random:
        """A generator of its own for each step, so one app's data never shifts another's."""
        return random.Random(f"{self.seed}-{label}")


# Each module's generator, parents first.
GENERATORS = ("schools", "people", "records", "council", "events", "plc", "diagnostics")


def generators() -> list[tuple[str, Callable[[ScaleData], None]]]:
    return [(name, import_module(f"bench.scale.{name}").generate) for name in GENERATORS]


def run(data: ScaleData, out: TextIO) -> None:
    for label, generate in generators():
        started = time.monotonic()
        before = dict(data.writer.written)
        generate(data)
        rows = sum(data.writer.written.values()) - sum(before.values())
        out.write(f"  {label:<12} {rows:>10,} rows  {time.monotonic() - started:7.1f} s\n")
        out.flush()
    data.writer.finish()

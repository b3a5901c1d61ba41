"""Data kept in the shared cache until a table it was read from is written.

`cached(build, *args)` returns what `build(*args)` returns, kept in Django's cache under the
build's name, its arguments, the language and the day. Nothing else reaches the build (no
request, no user), so what it returns depends on its arguments alone and two readers who get
the same entry would have built the same thing. It is for data that is the same for everyone
who may see it, checked by the caller before: a school's figures, a reference list. It never
holds HTML, and no list filtered by what the reader may see.

An entry remembers every table its build read, as the database was asked (every SELECT the
build ran, its prefetches and subqueries included), and the version each table had before
the build started. Every INSERT, UPDATE and DELETE that Django sends, through a model's save,
a bulk update, an import or the admin, gives its table a new version once its transaction
commits (`_observe`, on every database connection). An entry whose tables all still have
the versions it was built at is served; any other is built again. So nothing is declared by
hand, and a new column, join or query in a build is covered as soon as it runs.

Versions live in the shared cache (REDIS_URL), which every worker and server reads: without
one, each process would see only its own writes, so nothing is kept and every call builds.
A connection with writes not yet committed builds as well, so that the writer reads its own
changes. Writes that bypass Django's cursor (PostgreSQL's COPY in `generate_scale`) call
`tables_written()` themselves.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import pickle
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import get_language

from adisker.lib.dates import today

T = TypeVar("T")

logger = logging.getLogger(__name__)

# What may be an argument: values whose repr says what they are.
PLAIN = (int, str, datetime.date, bool, type(None), tuple, frozenset)
VERSION_PREFIX = "table-version:"
ENTRY_PREFIX = "data:"
# A day at most: the key holds the date, so an entry is never read on the next one anyway.
ENTRY_TIMEOUT = 24 * 60 * 60

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b", re.IGNORECASE)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)

# The tables read by the builds running in this context (nested builds each record theirs).
_reading: ContextVar[tuple[set[str], ...]] = ContextVar("adisker_tables_read", default=())


def is_shared() -> bool:
    return bool(getattr(settings, "CACHE_URL", ""))


def all_tables() -> set[str]:
    """Every model's table, many-to-many links and historical records included."""
    return {model._meta.db_table for model in apps.get_models(include_auto_created=True)}


def _version_key(table: str) -> str:
    return f"{VERSION_PREFIX}{table}"


def tables_written(tables: Iterable[str]) -> None:
    """Give each table a new version: what was read from it before is built again."""
    if not is_shared():
        return
    for table in set(tables):
        key = _version_key(table)
        try:
            cache.incr(key)
        except ValueError:
            # Never written since the cache started (or evicted): a random start, so that it
            # never returns to a version an entry was built at.
            cache.set(key, secrets.randbits(48), None)


def _pending(connection: BaseDatabaseWrapper) -> set[str]:
    found: set[str] | None = getattr(connection, "_adisker_tables_pending", None)
    if found is None:
        found = set()
        connection._adisker_tables_pending = found  # type: ignore[attr-defined]
    return found


def _flush_registered(connection: BaseDatabaseWrapper) -> bool:
    # Django keeps (savepoint ids, callback, robust) for each callback.
    return any(getattr(entry[1], "adisker_flush", False) for entry in connection.run_on_commit)


def has_pending_writes(connection: BaseDatabaseWrapper) -> bool:
    """Whether the connection's open transaction wrote tables not yet given new versions. A
    transaction rolled back took its callback with it: its tables were never written."""
    pending = _pending(connection)
    if pending and not _flush_registered(connection):
        pending.clear()
    return bool(pending)


def _written(connection: BaseDatabaseWrapper, tables: set[str]) -> None:
    if not connection.in_atomic_block:
        tables_written(tables)
        return
    pending = _pending(connection)
    pending.update(tables)

    def flush() -> None:
        written = set(pending)
        pending.clear()
        tables_written(written)

    # One callback a transaction, registered again if a rolled-back savepoint took it away.
    if not _flush_registered(connection):
        flush.adisker_flush = True  # type: ignore[attr-defined]
        transaction.on_commit(flush, using=connection.alias)


def _observe(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    """Installed on every connection: note the tables each statement writes or reads."""
    result = execute(sql, params, many, context)
    if written := _WRITE.match(sql):
        _written(context["connection"], {written.group(1)})
    elif _TRUNCATE.match(sql):
        _written(context["connection"], all_tables())
    elif readers := _reading.get():
        tables = set(_READ.findall(sql))
        for reader in readers:
            reader.update(tables)
    return result


def install(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: observe what the new connection writes and reads."""
    if _observe not in connection.execute_wrappers:
        connection.execute_wrappers.append(_observe)


@contextmanager
def reading() -> Iterator[set[str]]:
    """The tables read inside the block."""
    tables: set[str] = set()
    token = _reading.set((*_reading.get(), tables))
    try:
        yield tables
    finally:
        _reading.reset(token)


def _versions(tables: Iterable[str]) -> dict[str, int | None]:
    keys = {table: _version_key(table) for table in tables}
    found = cache.get_many(list(keys.values()))
    return {table: found.get(key) for table, key in keys.items()}


def _snapshot() -> dict[str, int]:
    """Every table's version, each table given one if it has none yet."""
    versions = _versions(all_tables())
    for table, version in versions.items():
        if version is None:
            cache.add(_version_key(table), secrets.randbits(48), None)
    missing = [table for table, version in versions.items() if version is None]
    versions.update(_versions(missing))
    return {table: version for table, version in versions.items() if version is not None}


@functools.cache
def code_version() -> str:
    """A digest of the application's source: an entry built by other code (before a
    deployment, by a server not yet updated) holds other classes or other shapes of data, and
    is never read."""
    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry_key(build: Callable[..., Any], args: tuple[Any, ...]) -> str:
    name = f"{build.__module__}.{build.__qualname__}"
    digest = hashlib.blake2b(repr((args, get_language(), today())).encode(), digest_size=16)
    return f"{ENTRY_PREFIX}{code_version()}:{name}:{digest.hexdigest()}"


def cached(build: Callable[..., T], *args: object) -> T:
    """`build(*args)`, from the cache while no table it read has been written since; the
    arguments must be plain values (ids, dates, strings) whose repr identifies them."""
    for arg in args:
        if not isinstance(arg, PLAIN):
            raise TypeError(f"cached() keys on plain values, not {type(arg).__name__}")
    connection = transaction.get_connection()
    if not is_shared() or has_pending_writes(connection):
        return build(*args)
    key = _entry_key(build, args)
    entry = cache.get(key)
    if entry is not None:
        versions, blob = entry
        if _versions(versions) == versions:
            try:
                value = pickle.loads(blob)
            except Exception:  # written by other code after all: built again below
                logger.warning("Cache entry %s could not be read; built again", key)
            else:
                # An enclosing build read these tables too, through this entry.
                for reader in _reading.get():
                    reader.update(versions)
                return cast(T, value)
    before = _snapshot()
    with reading() as tables:
        value = build(*args)
        # Pickled here, so that a lazy queryset in the value runs inside the block too.
        blob = pickle.dumps(value)
    if has_pending_writes(connection):  # the build wrote something itself: keep nothing
        return value
    # Words after FROM that name no table (EXTRACT(YEAR FROM ...)) are left out.
    versions = {table: before[table] for table in tables if table in before}
    cache.set(key, (versions, blob), ENTRY_TIMEOUT)
    return value

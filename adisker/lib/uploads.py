"""Untrusted spreadsheet uploads: checked before any parser sees them.

Tables (`read_table`) may be XLSX, XLS, ODS or CSV, told apart by their content, not by their
name: a ZIP archive with a workbook's parts is XLSX, one with OpenDocument's mimetype is ODS,
an OLE2 compound file is XLS; text is taken as CSV only from a file named .csv. XLSX, XLS and
ODS are read by python-calamine (a Rust parser that never expands XML entities); since it is
not defusedxml, the archive check below also refuses any XML part that declares an entity.

An XLSX file is a ZIP archive of XML parts. Before openpyxl opens one we make sure that it is
small, that it really is a workbook (whatever its name says), and that it cannot expand into
gigabytes: the sizes the archive declares are checked first, then each part is inflated in
small pieces, output discarded, to prove that the declared sizes are true (a forged archive can
declare a few bytes and inflate to a gigabyte, and the zipfile module allocates up to what it
inflates before cutting it to the declared size). openpyxl parses the XML with defusedxml,
which refuses entity expansion and external entities; we refuse to run without it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import secrets
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import timedelta
from typing import IO

import openpyxl
import python_calamine
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.workbook.workbook import Workbook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 1_000
# Spreadsheet XML compresses 5-30 times; a bomb of zeros about 1,000 times. Small parts may
# compress better than real sheets, so the ratio only counts for parts above a megabyte.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
XLSX_REQUIRED_ENTRIES = frozenset({"[Content_Types].xml", "xl/workbook.xml"})
ODS_REQUIRED_ENTRIES = frozenset({"mimetype", "content.xml"})
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# What defusedxml refuses and a billion-laughs file needs.
_ENTITY_DECLARATION = b"<!ENTITY"
CSV_DELIMITERS = (";", ",", "\t")
CSV_ENCODINGS = ("utf-8-sig", "cp1251")
_CHUNK = 64 * 1024


class TableKind:
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"


TABLE_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")

# Files kept between a preview and its confirmation; older ones were abandoned.
KEPT_UPLOADS_FOLDER = "imports"
KEPT_UPLOAD_MAX_AGE = timedelta(days=1)


def _not_a_table() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a table Adisker can read. Save it from Excel or LibreOffice as "
            "an Excel workbook (.xlsx or .xls), an OpenDocument spreadsheet (.ods) or CSV "
            "(.csv), then upload it again."
        ),
        code="not_a_table",
    )


def _declares_entities() -> ValidationError:
    return ValidationError(
        _(
            "This file declares XML entities, which no spreadsheet needs and which can make a "
            "small file expand without end; it is refused. Save it again from Excel or "
            "LibreOffice and upload that."
        ),
        code="entities",
    )


def _not_a_workbook() -> ValidationError:
    return ValidationError(
        _(
            "This file is not an Excel workbook (.xlsx). Open it in Excel and save it as "
            "“Excel Workbook (*.xlsx)”, then upload it again."
        ),
        code="not_xlsx",
    )


def _expands_too_far() -> ValidationError:
    return ValidationError(
        _(
            "This workbook expands to more than %(limit)s when opened, which no staff list "
            "needs. Remove pictures and other sheets, or split it."
        ),
        code="expands",
        params={"limit": filesizeformat(MAX_UNCOMPRESSED_BYTES)},
    )


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    file.seek(0, 2)
    return file.tell()


def _inflates_to_declared_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Inflate one part in bounded pieces and compare with the size it declares."""
    raw = copy(info)
    # Read the compressed bytes as they are stored; the CRC belongs to the inflated data.
    raw.compress_type = zipfile.ZIP_STORED
    raw.file_size = info.compress_size
    raw.CRC = None  # type: ignore[assignment]
    if info.compress_type == zipfile.ZIP_STORED:
        return info.file_size == info.compress_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    tail = b""
    with archive.open(raw) as source:
        while chunk := source.read(_CHUNK):
            data = inflater.decompress(chunk, _CHUNK)
            while True:
                produced += len(data)
                if produced > info.file_size:
                    return False
                # Across the pieces' edges too: the end of the last one is kept.
                if _ENTITY_DECLARATION in tail + data:
                    raise _declares_entities()
                tail = data[-len(_ENTITY_DECLARATION) :]
                if not inflater.unconsumed_tail:
                    break
                data = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        produced += len(inflater.flush())
    return produced == info.file_size


def _check_size(file: IO[bytes]) -> None:
    size = _size(file)
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )


def check_xlsx(file: IO[bytes]) -> None:
    """Raise ValidationError unless `file` is a reasonably sized, honest XLSX archive."""
    _check_size(file)
    _check_archive(file, XLSX_REQUIRED_ENTRIES, _not_a_workbook)


def _check_archive(
    file: IO[bytes], required: frozenset[str], refusal: Callable[[], ValidationError]
) -> None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if not {entry.filename for entry in entries} >= required:
                raise refusal()
            if len(entries) > MAX_ENTRIES:
                raise _expands_too_far()
            for entry in entries:
                if entry.flag_bits & 0x1 or entry.compress_type not in (
                    zipfile.ZIP_STORED,
                    zipfile.ZIP_DEFLATED,
                ):
                    # Encrypted parts, or compression Excel never writes.
                    raise refusal()
            if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
                raise _expands_too_far()
            for entry in entries:
                if (
                    entry.file_size > RATIO_FLOOR_BYTES
                    and entry.file_size > MAX_COMPRESSION_RATIO * entry.compress_size
                ):
                    raise _expands_too_far()
            # Only now, with every declared size sane, inflate to check they are true.
            for entry in entries:
                if not _inflates_to_declared_size(archive, entry):
                    raise _expands_too_far()
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        raise refusal() from None
    finally:
        file.seek(0)


@contextlib.contextmanager
def open_xlsx(file: IO[bytes]) -> Iterator[Workbook]:
    """Check an uploaded workbook, then open it read-only with cached formula values."""
    if not openpyxl.DEFUSEDXML:
        raise ImproperlyConfigured("defusedxml must be installed to read uploaded workbooks.")
    check_xlsx(file)
    try:
        with warnings.catch_warnings():
            # Files from other programs often lack styles openpyxl expects; harmless.
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(
                file, read_only=True, data_only=True, keep_links=False
            )
    except ValidationError:
        raise
    except Exception:  # openpyxl raises anything from KeyError to XML errors on bad files
        raise _not_a_workbook() from None
    try:
        yield workbook
    finally:
        workbook.close()


def table_kind(file: IO[bytes], name: str = "") -> str:
    """Check an upload as `check_xlsx` does and tell which kind of table it is, by its content;
    ValidationError when it is none of them."""
    _check_size(file)
    file.seek(0)
    head = file.read(len(OLE2_MAGIC))
    file.seek(0)
    if head.startswith(ZIP_MAGIC):
        return _archive_kind(file)
    if head == OLE2_MAGIC:
        return TableKind.XLS
    if name.lower().endswith(".csv") and b"\0" not in file.read(MAX_UPLOAD_BYTES):
        file.seek(0)
        return TableKind.CSV
    file.seek(0)
    raise _not_a_table()


def _archive_kind(file: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            ods = names >= ODS_REQUIRED_ENTRIES and archive.read("mimetype").strip() == ODS_MIMETYPE
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, KeyError):
        raise _not_a_table() from None
    finally:
        file.seek(0)
    if ods:
        _check_archive(file, ODS_REQUIRED_ENTRIES, _not_a_table)
        return TableKind.ODS
    if names >= XLSX_REQUIRED_ENTRIES:
        _check_archive(file, XLSX_REQUIRED_ENTRIES, _not_a_table)
        return TableKind.XLSX
    raise _not_a_table()


@dataclass
class TableSheet:
    """One sheet's rows as lists of cell values (None for an empty cell); `first_row` is the
    spreadsheet's number of the first of them."""

    title: str
    first_row: int
    rows: Iterable[Sequence[object]]


def read_table(file: IO[bytes], name: str = "") -> tuple[str, list[TableSheet]]:
    """Check an uploaded table and open it: (its kind, its sheets). Rows are read lazily."""
    kind = table_kind(file, name)
    if kind == TableKind.CSV:
        return kind, [_csv_sheet(file, name)]
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(file)
        sheets = []
        for title in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(title)
            first_row = sheet.start[0] + 1 if sheet.start else 1
            sheets.append(TableSheet(title, first_row, _calamine_rows(sheet.iter_rows())))
    except Exception:  # calamine raises its own errors, and panics, on broken files
        raise _not_a_table() from None
    return kind, sheets


def _calamine_rows(rows: Iterable[Sequence[object]]) -> Iterator[list[object]]:
    for row in rows:
        yield [None if value == "" else value for value in row]


def _csv_sheet(file: IO[bytes], name: str) -> TableSheet:
    raw = file.read()
    for encoding in CSV_ENCODINGS:
        try:
            text = codecs.decode(raw, encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1251 decodes nearly every byte; what it cannot is no Kazakh school's list
        raise _not_a_table()
    sample = text[:10_000].splitlines()[:20]
    delimiter = max(CSV_DELIMITERS, key=lambda d: sum(line.count(d) for line in sample))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = ([cell if cell.strip() else None for cell in row] for row in reader)
    return TableSheet(name.rsplit("/", 1)[-1] or "CSV", 1, rows)


def keep_upload(file: IO[bytes], *, suffix: str = ".xlsx") -> str:
    """Store an upload under a random name until the user confirms; return the stored name."""
    purge_kept_uploads()
    file.seek(0)
    name = f"{KEPT_UPLOADS_FOLDER}/{secrets.token_urlsafe(24)}{suffix}"
    return default_storage.save(name, file)


def purge_kept_uploads() -> None:
    """Delete kept uploads nobody confirmed within KEPT_UPLOAD_MAX_AGE."""
    try:
        _folders, names = default_storage.listdir(KEPT_UPLOADS_FOLDER)
    except FileNotFoundError:
        return
    oldest = timezone.now() - KEPT_UPLOAD_MAX_AGE
    for name in names:
        path = f"{KEPT_UPLOADS_FOLDER}/{name}"
        with contextlib.suppress(FileNotFoundError):
            if default_storage.get_modified_time(path) < oldest:
                default_storage.delete(path)

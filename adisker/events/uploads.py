"""Checks for an event's uploaded materials, before anything is stored.

A material is only ever downloaded again, never parsed here, so the checks are: the size cap,
an extension from a short list, and contents that really are of that type (a renamed
executable or an HTML page must not pass as a PDF, since the browser that opens it trusts the
extension).
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → how the file must begin, or the part an Office Open XML archive must hold.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
OFFICE_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ALLOWED_EXTENSIONS = sorted([*SIGNATURES, *OFFICE_PARTS])


def max_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def _wrong_type() -> ValidationError:
    return ValidationError(
        _("This file is not what its name says. Allowed files: %(types)s."),
        code="wrong_type",
        params={"types": ", ".join(ALLOWED_EXTENSIONS)},
    )


def _is_office_file(file: IO[bytes], part: str) -> bool:
    try:
        with zipfile.ZipFile(file) as archive:
            names = {info.filename for info in archive.infolist()}
            encrypted = any(info.flag_bits & 0x1 for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return not encrypted and {"[Content_Types].xml", part} <= names


def check_material(file: IO[bytes], name: str) -> None:
    """Raise ValidationError unless `file` is small enough and of an allowed type."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise _wrong_type()
    file.seek(0)
    try:
        if extension in OFFICE_PARTS:
            ok = _is_office_file(file, OFFICE_PARTS[extension])
        else:
            head = file.read(16)
            ok = head.startswith(SIGNATURES[extension])
    finally:
        file.seek(0)
    if not ok:
        raise _wrong_type()

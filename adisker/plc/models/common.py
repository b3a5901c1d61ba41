"""What the PLC models share: pupil codes, which keep pupils' names out, and attachments."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PUPIL_CODE_MAX_LENGTH = 4
# A code is one letter with an optional number ("A", "П1", "Ә-3") or a number ("12"). A longer
# word is most likely a name, or a pupil's initials, typed where a code belongs.
_PUPIL_CODE = re.compile(r"^(?:[^\W\d_]-?\d{0,2}|\d{1,3})$")
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "jpg", "jpeg", "png"]
PHOTO_EXTENSIONS = ["jpg", "jpeg", "png"]


def validate_pupil_code(value: str) -> None:
    """Refuse anything that could be a pupil's name: only a short code is accepted."""
    value = value.strip()
    if len(value) > PUPIL_CODE_MAX_LENGTH or " " in value or not _PUPIL_CODE.match(value):
        raise ValidationError(
            _(
                "Write a pupil code: one letter with an optional number, such as “A”, “B” or "
                "“П1”. Pupils are never named here."
            ),
            code="pupil_code",
        )


def upload_path(instance: models.Model, filename: str) -> str:
    return f"plc/{instance._meta.model_name}/{filename}"

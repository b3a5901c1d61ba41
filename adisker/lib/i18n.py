"""Reference data carries its own names in each language (name_kk, name_ru, name_en)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language


def localized(obj: object, field: str = "name") -> str:
    """The field in the active language, falling back to Kazakh, the language always filled."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_kk", "")


class LocalizedNameMixin(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self)

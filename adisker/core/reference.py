"""Reference lists: subjects, positions, qualification categories. A few dozen rows each, edited
by the administrator a few times a year, and offered by every filter form that lists staff."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

# How long another process may offer a list as it was: each process has its own cache, and the
# one that saved the change forgets its list at once.
REFERENCE_TIMEOUT = 5 * 60


def _key(model: type[Model], language: str | None) -> str:
    return f"reference:{model._meta.label}:{language}"


def _forget(sender: type[Model], **kwargs: Any) -> None:
    cache.delete_many([_key(sender, code) for code, _name in settings.LANGUAGES])


def reference_lists(*models: type[Model]) -> None:
    """Declare `models` reference lists: each save and delete of one forgets its cached list."""
    for model in models:
        uid = f"reference:{model._meta.label}"
        post_save.connect(_forget, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget, sender=model, dispatch_uid=uid)


def reference_choices(model: type[Model]) -> list[tuple[int, str]]:
    """The rows of a model declared with `reference_lists` as (pk, name in the active
    language), in the model's order."""
    key = _key(model, get_language())
    choices = cache.get(key)
    if choices is None:
        choices = [(row.pk, str(row)) for row in model._default_manager.all()]
        cache.set(key, choices, REFERENCE_TIMEOUT)
    return choices  # type: ignore[no-any-return]

"""Reference lists (subjects, positions, qualification categories, districts) as filter forms
offer them."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language

from adisker.lib.caching import cached


def reference_choices(model: type[Model]) -> list[tuple[int, str]]:
    """The rows of a model with names in three languages (core.i18n.LocalizedNameMixin) as
    (pk, name in the active language, else in Kazakh), in the model's order: the same for
    everyone, so kept in the shared cache until the table is written."""
    return cached(_choices, model._meta.label)


def _choices(label: str) -> list[tuple[int, str]]:
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    rows = apps.get_model(label)._default_manager.values_list("pk", "name_kk", f"name_{language}")
    return [(pk, name or kazakh) for pk, kazakh, name in rows]

"""Reference lists (subjects, positions, qualification categories, districts) as filter forms
offer them."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language


def reference_choices(model: type[Model]) -> list[tuple[int, str]]:
    """The rows of a model with names in three languages (core.i18n.LocalizedNameMixin) as
    (pk, name in the active language, else in Kazakh), in the model's order. Read on every
    use, as two or three columns: building the administrator's 203 districts as model
    instances cost a third of a list page."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    rows = model._default_manager.values_list("pk", "name_kk", f"name_{language}")
    return [(pk, name or kazakh) for pk, kazakh, name in rows]

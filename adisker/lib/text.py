"""Text normalisation for search.

SQLite's LIKE and lower() fold ASCII only, so "әлия" would never find "Әлия". Searchable models
keep a casefolded copy of their searchable text and queries compare against it.

Names of people and schools are folded further (`fold_letters`): the Kazakh letters become the
Russian ones they are typed as on a keyboard without them, so "Кусайынова" finds "Құсайынова";
and a query typed in Latin letters is read as Cyrillic where each letter has one reading
(`cyrillic_from_latin`), so "Omarov" finds "Омаров".
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Q

from adisker.lib.bulk import UPDATE_BATCH_SIZE, update_in_bulk

# The letters of the Kazakh alphabet that a Russian keyboard lacks, as people type them there;
# й and ё as и and е, which is how they come back from Latin ("Abai", "Fedorov").
KAZAKH_LETTERS = str.maketrans("әғқңөұүһійё", "агкноуухиие")

# Latin to Cyrillic, longest first; letters with more than one reading (c, j, q, w, x, y) are
# left out, and a query that has any of them is not transliterated.
_LATIN_TO_CYRILLIC = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "е"),
    *zip("abdefghiklmnoprstuvz", "абдефгхиклмнопрстувз", strict=True),
)
_LATIN_PATTERN = re.compile("|".join(latin for latin, _cyrillic in _LATIN_TO_CYRILLIC))
_LATIN_MAP = dict(_LATIN_TO_CYRILLIC)
_LATIN_ONLY = re.compile(r"[a-z\s'\-]+")


def fold(*parts: str) -> str:
    text = " ".join(part for part in parts if part)
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


def fold_letters(*parts: str) -> str:
    """`fold`, with the Kazakh letters as they are typed without a Kazakh keyboard."""
    return fold(*parts).translate(KAZAKH_LETTERS)


def cyrillic_from_latin(text: str) -> str | None:
    """A folded Latin query in Cyrillic, or None when it is not Latin or a letter in it could
    be read more than one way."""
    if not _LATIN_ONLY.fullmatch(text) or not re.search(r"[a-z]", text):
        return None
    converted = _LATIN_PATTERN.sub(lambda match: _LATIN_MAP[match.group()], text)
    return None if re.search(r"[a-z]", converted) else converted


def search_keys(text: str) -> list[str]:
    """What a name search looks for in a `fold_letters` text: the query as typed, and as
    Cyrillic when it was typed in Latin letters that have one reading."""
    folded = fold_letters(text)
    if not folded:
        return []
    latin = cyrillic_from_latin(folded)
    return [folded] if latin is None else [folded, latin]


def search_condition(text: str, field: str = "search_text") -> Q | None:
    """The condition on a `fold_letters` column that finds `text`; None for an empty query."""
    keys = search_keys(text)
    if not keys:
        return None
    condition = Q()
    for key in keys:
        condition |= Q(**{f"{field}__contains": key})
    return condition


def refold_search_text(model: type, fields: tuple[str, ...], *, batch: int = 2_000) -> None:
    """Store `fold_letters` of `fields` as each row's search_text, a batch at a time: for the
    data migrations that bring rows saved under an older fold up to date."""

    last_pk = 0
    while True:
        rows = list(
            model.objects.filter(pk__gt=last_pk)  # type: ignore[attr-defined]
            .order_by("pk")
            .values_list("pk", "search_text", *fields)[:batch]
        )
        if not rows:
            return
        changed = [
            model(pk=pk, search_text=text)
            for pk, stored, *values in rows
            if (text := fold_letters(*values)) != stored
        ]
        update_in_bulk(model, changed, ["search_text"], batch_size=UPDATE_BATCH_SIZE)
        last_pk = rows[-1][0]


_NOT_LETTERS = re.compile(r"[\W_]+")


def reference_key(text: str) -> str:
    """How a reference value is matched: case, Kazakh letters, spaces and punctuation ignored,
    so "Қаз. тілі", "каз тили" and "ҚАЗ.ТІЛІ" are one name."""
    return _NOT_LETTERS.sub("", fold_letters(text))

"""Text normalisation for search.

SQLite's LIKE and lower() fold ASCII only, so "әлия" would never find "Әлия". Searchable models
keep a casefolded copy of their searchable text and queries compare against it.
"""

from __future__ import annotations

import unicodedata


def fold(*parts: str) -> str:
    text = " ".join(part for part in parts if part)
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()

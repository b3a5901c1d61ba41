"""Subjects, positions and categories found by the names schools give them, through the
aliases of the reference data and of the school."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q
from django.utils import translation
from django.utils.translation import gettext as _

from adisker.lib.text import fold_letters, reference_key
from adisker.people.models import (
    CategoryAlias,
    Position,
    PositionAlias,
    QualificationCategory,
    StaffProfile,
)
from adisker.roster.columns import (
    CATEGORY,
    CATEGORY_SUFFIXES,
    EDUCATION_ALIASES,
    POSITION,
    SUBJECT,
    WITHOUT,
)
from adisker.schools.models import School, Subject, SubjectAlias


@dataclass(frozen=True)
class Found:
    """What a name stands for: the objects (several for "Қазақ тілі мен әдебиеті"); with
    `ambiguous`, the objects are the answers to offer rather than the answer."""

    items: tuple[Any, ...]
    ambiguous: bool = False


def _names(item: Model) -> Iterable[str]:
    return (item.code, item.name_kk, item.name_ru, item.name_en)  # type: ignore[attr-defined]


class References:
    """Subjects, positions and categories by every name they go by, loaded once per file: the
    school's own aliases first, then the names themselves, then the national aliases."""

    def __init__(self, school: School) -> None:
        self.subjects = list(Subject.objects.all())
        self.positions = list(Position.objects.all())
        self.categories = list(QualificationCategory.objects.all())
        by_id = {
            SUBJECT: {s.pk: s for s in self.subjects},
            POSITION: {p.pk: p for p in self.positions},
            CATEGORY: {c.pk: c for c in self.categories},
        }
        self.found: dict[str, dict[str, Found]] = {SUBJECT: {}, POSITION: {}, CATEGORY: {}}
        for kind, items in by_id.items():
            for item in items.values():
                for name in _names(item):
                    if name:
                        self.found[kind].setdefault(reference_key(name), Found((item,)))
        self._add_aliases(school, by_id)
        self.education: dict[str, str] = {}
        for level, names in EDUCATION_ALIASES.items():
            for name in names:
                self.education[reference_key(name)] = level
        for language in ("kk", "ru", "en"):
            with translation.override(language):
                for level, label in StaffProfile.Education.choices:
                    self.education.setdefault(reference_key(str(label)), level)
        self._education_prefixes = sorted(self.education, key=len, reverse=True)

    def _add_aliases(self, school: School, by_id: dict[str, dict[int, Any]]) -> None:
        # An alias's subjects in the curriculum's order (the order they were entered in).
        subject_ids: dict[int, list[int]] = defaultdict(list)
        through = SubjectAlias.subjects.through
        national_or_own = Q(school__isnull=True) | Q(school=school)
        for alias_id, subject_id in (
            through.objects.filter(
                Q(subjectalias__school__isnull=True) | Q(subjectalias__school=school)
            )
            .order_by("subject_id")
            .values_list("subjectalias_id", "subject_id")
        ):
            subject_ids[alias_id].append(subject_id)
        rows: list[tuple[str, int | None, str, tuple[int, ...], bool]] = [
            (SUBJECT, school_id, key, tuple(subject_ids[pk]), ambiguous)
            for pk, school_id, key, ambiguous in SubjectAlias.objects.filter(
                national_or_own
            ).values_list("pk", "school_id", "key", "ambiguous")
        ]
        for kind, model, target in (
            (POSITION, PositionAlias, "position_id"),
            (CATEGORY, CategoryAlias, "category_id"),
        ):
            rows += [
                (kind, school_id, key, (pk,), False)
                for school_id, key, pk in model.objects.filter(national_or_own).values_list(
                    "school_id", "key", target
                )
            ]
        # National aliases give way to the names themselves, a school's own to nothing.
        for kind, school_id, key, ids, ambiguous in sorted(rows, key=lambda r: r[1] is None):
            found = Found(tuple(by_id[kind][pk] for pk in ids), ambiguous)
            if school_id is not None:
                self.found[kind][key] = found
            else:
                self.found[kind].setdefault(key, found)

    def lookup(self, kind: str, text: str) -> Found | None:
        return self.found[kind].get(reference_key(text))

    def category(self, text: str) -> Found | None:
        found = self.lookup(CATEGORY, text)
        key = reference_key(text)
        for suffix in CATEGORY_SUFFIXES:
            if found is None and key.endswith(suffix) and key != suffix:
                found = self.found[CATEGORY].get(key.removesuffix(suffix))
        return found

    def position(self, text: str) -> tuple[Found | None, Found | None]:
        """(the position, the subject it names): "учитель математики", "физика мұғалімі"."""
        found = self.lookup(POSITION, text)
        if found is not None:
            return found, None
        words = fold_letters(text).split()
        for cut in range(1, len(words)):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            for position_part, subject_part in ((head, tail), (tail, head)):
                found = self.lookup(POSITION, position_part)
                if found is not None:
                    subject = self.lookup(SUBJECT, subject_part)
                    return found, subject if subject and not subject.ambiguous else None
        return None, None

    def education_level(self, text: str) -> str | None:
        key = reference_key(text)
        found = self.education.get(key)
        if found is None:
            # "Высшее педагогическое" is higher education.
            for name in self._education_prefixes:
                if key.startswith(name):
                    return self.education[name]
        return found

    def options(self, kind: str, found: Found | None) -> list[tuple[str, str]]:
        """The answers a question offers: an ambiguous name's subjects, each and all; for an
        unknown name, every item of its kind; and always "import without it"."""
        if found is not None and found.ambiguous:
            items = list(found.items)
            offered = [(str(item.pk), item.name) for item in items]
            if len(items) > 1:
                both = ", ".join(item.name for item in items)
                offered.append((",".join(str(item.pk) for item in items), both))
        else:
            items = {SUBJECT: self.subjects, POSITION: self.positions, CATEGORY: self.categories}[
                kind
            ]
            offered = [(str(item.pk), item.name) for item in items]
        return [*offered, (WITHOUT, _("import without it"))]

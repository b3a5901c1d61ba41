"""The home page is a column of cards; each module registers the cards it offers.

A provider receives the request and returns a Card, or None when the card does not concern the
user (wrong role, nothing to show). Providers must query in bulk: the home page's query count
is pinned by a test.

Some cards are built from ids alone and kept in the shared cache until a table they read is
written (lib.caching): a `school_card` of the aggregates of the schools the user manages, the
same for every manager of them; a `district_card` of a methodologist's districts; an
`own_card` of what belongs to the user's staff profile. The others, which depend on what the
user may see, are built on every visit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from adisker.lib.caching import cached
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import SCHOOL_MANAGERS


@dataclass(frozen=True)
class Card:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


CardProvider = Callable[[AuthenticatedRequest], Card | None]
_providers: list[CardProvider] = []


def card(provider: CardProvider) -> CardProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def school_card(build: Callable[[tuple[int, ...]], Card | None]) -> CardProvider:
    """Register a card of the aggregates of the schools the user directs or is deputy of:
    `build(school_ids)` reads nothing but those schools' data, so its card is the same for
    every manager of them and is kept in the shared cache."""

    @functools.wraps(build)
    def provider(request: AuthenticatedRequest) -> Card | None:
        school_ids = request.user.scope.school_ids_with(SCHOOL_MANAGERS)
        if not school_ids:
            return None
        return cached(build, tuple(sorted(school_ids)))

    return card(provider)


def district_card(build: Callable[[tuple[int, ...]], Card | None]) -> CardProvider:
    """Register a card of the figures of the districts the user is methodologist of:
    `build(district_ids)` reads nothing but those districts' data."""

    @functools.wraps(build)
    def provider(request: AuthenticatedRequest) -> Card | None:
        district_ids = request.user.scope.district_ids
        if not district_ids:
            return None
        return cached(build, tuple(sorted(district_ids)))

    return card(provider)


def own_card(build: Callable[[int], Card | None]) -> CardProvider:
    """Register a card of what belongs to the user's staff profile (their record, their
    decisions, their PLCs): `build(staff_id)` reads nothing but that person's own things."""

    @functools.wraps(build)
    def provider(request: AuthenticatedRequest) -> Card | None:
        profile = getattr(request.user, "staff_profile", None)
        if profile is None:
            return None
        return cached(build, profile.pk)

    return card(provider)


def cards_for(request: AuthenticatedRequest) -> list[Card]:
    found = [c for provider in _providers if (c := provider(request)) is not None]
    return sorted(found, key=lambda c: c.order)

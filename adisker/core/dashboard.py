"""The home page is a column of cards; each module registers the cards it offers.

A provider receives the request and returns a Card, or None when the card does not concern the
user (wrong role, nothing to show). Providers must query in bulk: the home page's query count
is pinned by a test.

The cards of a school's aggregates are the same for every manager of the school: a
`school_card` is built from the schools' ids alone and kept in the shared cache until a table
it read is written (core.caching). Every other card is built on every visit.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from adisker.core.caching import cached
from adisker.core.http import AuthenticatedRequest
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


def cards_for(request: AuthenticatedRequest) -> list[Card]:
    found = [c for provider in _providers if (c := provider(request)) is not None]
    return sorted(found, key=lambda c: c.order)

"""The home page is a column of cards; each module registers the cards it offers.

A provider receives the request and returns a Card, or None when the card does not concern the
user (wrong role, nothing to show). Cards are built on every visit from what the user may see,
so that a card never shows another reader's figures nor figures older than the last write.
Providers must therefore query in bulk: the home page's query count is pinned by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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


def schools_run_by(request: AuthenticatedRequest) -> set[int]:
    """The schools whose aggregates a user's cards show: those they direct or are deputy of."""
    return request.user.scope.school_ids_with(SCHOOL_MANAGERS)


def cards_for(request: AuthenticatedRequest) -> list[Card]:
    found = [c for provider in _providers if (c := provider(request)) is not None]
    return sorted(found, key=lambda c: c.order)

"""The home page is a column of cards; each module registers the cards it offers.

A provider receives the request and returns a Card, or None when the card does not concern the
user (wrong role, nothing to show). Providers must query in bulk: the home page's query count
is pinned by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from adisker.core.http import AuthenticatedRequest


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


def cards_for(request: AuthenticatedRequest) -> list[Card]:
    found = [c for provider in _providers if (c := provider(request)) is not None]
    return sorted(found, key=lambda c: c.order)

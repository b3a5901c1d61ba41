"""The home page is a column of cards; each module registers the cards it offers.

A provider receives the request and returns a Card, or None when the card does not concern the
user (wrong role, nothing to show). Providers must query in bulk: the home page's query count
is pinned by a test.

The cards of a school's aggregates, the same for every manager of the school, are summary
cards: built and rendered once per school summary version, language and day, then read from the
cache (`summary_card`). The cards of the user's own things are user cards: built and rendered
together, then read from the cache for a minute, or until the user writes anything
(`user_card`).
"""

from __future__ import annotations

import datetime
import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from adisker.core.dates import today
from adisker.core.http import AuthenticatedRequest
from adisker.people.models import SCHOOL_MANAGERS
from adisker.schools.models import School

# A day at most: the key holds the date, so an entry is never read on the next one anyway.
SUMMARY_TIMEOUT = 24 * 60 * 60
# How long another person's change may take to reach a user card: a decision given to the
# user, a campaign that asks them, an event of their school. Their own changes show at once.
USER_CARDS_TIMEOUT = 60
USER_CARDS_SESSION_KEY = "user_cards_version"


@dataclass(frozen=True)
class Card:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    # A summary card arrives rendered; its context is there only when it was built just now.
    html: SafeString | None = None


SUMMARY_LINK_ACTIONS = frozenset(
    {"pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"}
)
CardProvider = Callable[[AuthenticatedRequest], Card | None]
SummaryBuilder = Callable[[set[int], datetime.date], Card | None]
_providers: list[CardProvider] = []
_user_providers: list[CardProvider] = []
_absent = object()


def card(provider: CardProvider) -> CardProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def user_card(provider: CardProvider) -> CardProvider:
    """Register a card of what concerns the user alone (their record, their decisions,
    events, PLCs, questionnaires, their district's figures).

    All of a user's cards are built together, rendered and kept in the cache for
    USER_CARDS_TIMEOUT; every write request of the user gives their session a new version
    (`user_cards_changed`), so what they did themselves is on the next page. The provider may
    read anything the user may see, but its card must not depend on the request beyond the
    user and the language.
    """
    if provider not in _user_providers:
        _user_providers.append(provider)
    return provider


def user_cards_changed(session: SessionBase) -> None:
    """The user wrote something: their cards are built again on their next home page. Kept
    in the session, which every worker reads, rather than deleted from one worker's cache."""
    session[USER_CARDS_SESSION_KEY] = secrets.token_hex(8)


def _rendered(built: Card) -> Card:
    html = render_to_string(built.template, {"card": built.context})
    return Card(built.template, built.context, built.order, html)


def _stored(built: Card) -> Card:
    # A card is stored without its context: the page needs only its HTML.
    return Card(built.template, order=built.order, html=built.html)


def user_cards(request: AuthenticatedRequest) -> list[Card]:
    version = request.session.get(USER_CARDS_SESSION_KEY, "")
    key = f"user-cards:{request.user.pk}:{get_language()}:{version}"
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    built = [_rendered(c) for provider in _user_providers if (c := provider(request)) is not None]
    cache.set(key, [_stored(c) for c in built], USER_CARDS_TIMEOUT)
    return built


def summary_card(build: SummaryBuilder) -> CardProvider:
    """Register a card of the aggregates of the schools the user manages.

    `build(school_ids, on)` may read nothing but those schools' data as of that day, since
    its card is shown to every manager of them until one of the schools' summary version
    changes: each model it counts must be declared with `summary_counts`.
    The versions come with the user's roles, so a card read from the cache costs no query.
    """

    @functools.wraps(build)
    def provider(request: AuthenticatedRequest) -> Card | None:
        scope = request.user.scope
        school_ids = scope.school_ids_with(SCHOOL_MANAGERS)
        if not school_ids:
            return None
        on = today()
        versions = ",".join(f"{pk}.{scope.summary_versions[pk]}" for pk in sorted(school_ids))
        key = f"summary:{build.__module__}.{build.__name__}:{get_language()}:{on}:{versions}"
        found = cache.get(key, _absent)
        if found is not _absent:
            return found  # type: ignore[return-value]
        built = build(school_ids, on)
        if built is not None:
            built = _rendered(built)
        cache.set(key, built and _stored(built), SUMMARY_TIMEOUT)
        return built

    return card(provider)


def summary_counts(
    model: type[Model],
    schools: Callable[[Any], QuerySet[School]],
    *,
    fields: frozenset[str] | None = None,
) -> None:
    """Declare that summary cards, or another part cached per school summary version (the
    school's page of methodological work), show `model`: every save and delete of one gives
    `schools(instance)` a new summary version, in the writer's transaction: after a save, so
    that no reader caches the old figures under the new version, and before a delete, while
    the rows that name the schools (an association's member schools) are still there.

    Receivers rather than a call in each write path, because the cards are read far from where
    their rows are written: forms, services, imports, the admin, cascades of a delete. The
    bulk writes, which send no signals, call `School.objects.summary_changed()` themselves.

    With `fields`, a save that names its `update_fields` renews only if it writes one of them:
    a draft saved at every step of a questionnaire need not renew what counts submissions.
    """

    def changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
        written = kwargs.get("update_fields")
        if fields is not None and written is not None and not fields & written:
            return
        schools(instance).summary_changed()

    uid = f"summary:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    pre_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def summary_links(field: Any, schools: Callable[[Any], QuerySet[School]]) -> None:
    """As `summary_counts`, for the links of a many-to-many `field` (say
    `Association.members`): `schools(instance)` of the model that declares it after the
    change, and before a removal too, so that a school taken out gets a new version as well.

    Only changes made from the declaring side count: django-simple-history, which records
    these links, refuses changes from the other side (`staff.associations.add(...)`) anyway.
    """

    def changed(sender: type[Model], instance: Model, action: str, reverse: bool, **_: Any) -> None:
        if not reverse and action in SUMMARY_LINK_ACTIONS:
            schools(instance).summary_changed()

    through = field.through
    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"summary:{through._meta.label}"
    )


def cards_for(request: AuthenticatedRequest) -> list[Card]:
    found = [c for provider in _providers if (c := provider(request)) is not None]
    return sorted([*found, *user_cards(request)], key=lambda c: c.order)

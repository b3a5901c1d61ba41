"""Parts of a page that are the same for everyone who sees them, rendered once and cached.

The caller's key must change whenever what the part shows changes (a school's summary version,
the language, the day, what the reader may do); the part must not depend on the request
otherwise. Forms in it carry each reader's own CSRF token: the part is rendered with a
placeholder in the token's place, replaced on every read.

A school's part (`school_fragment`) is kept until the school's summary version changes; a part
that shows what several schools and inter-school associations have (`owners_fragment`: a
district's month, a district's staff list) until one of their summary versions changes. Each
model such a part shows must be declared with `core.dashboard.summary_counts` or
`summary_links`. An administrator's lists of the country have too many owners to read the
versions of: they are kept for the reader alone, for a minute and until their own next write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from adisker.core.dashboard import SUMMARY_TIMEOUT, USER_CARDS_SESSION_KEY, USER_CARDS_TIMEOUT
from adisker.core.dates import today
from adisker.core.http import AuthenticatedRequest
from adisker.schools.models import School

# Django's tokens are letters and digits, so no token is taken for it. Were a user to type it
# in a text the part shows, each reader would find their own token there, nobody else's.
CSRF_PLACEHOLDER = "csrf-token-of-the-reader"


def cached_fragment(
    request: AuthenticatedRequest,
    key: str,
    timeout: int,
    template: str,
    build: Callable[[], dict[str, Any]],
) -> SafeString:
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**build(), "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, html, timeout)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # The template escaped what it rendered, and a token is letters and digits.
    return mark_safe(html)


def school_fragment(
    request: AuthenticatedRequest,
    school: School,
    template: str,
    build: Callable[[], dict[str, Any]],
    *,
    variant: str,
) -> SafeString:
    """`template` rendered for `school` as of its summary version, the language and the day;
    `variant` names whatever else the part depends on (the year shown, the page, what the
    reader may do)."""
    key = school_key(school, template, variant)
    return cached_fragment(request, key, SUMMARY_TIMEOUT, template, build)


def school_key(school: School, name: str, variant: str = "") -> str:
    """A cache key of what `school` shows as of its summary version, the language and the day."""
    return (
        f"school:{name}:{school.pk}.{school.summary_version}:{get_language()}:{today()}:{variant}"
    )


def owners_version(school_ids: list[int], inter_school_ids: list[int]) -> str:
    """One string that changes with the summary version of any of these schools, or of a
    school of any of these inter-school associations (its base school or a member: a member's
    staff facilitate its PLCs), in one query."""
    # Unordered: SQLite takes no ORDER BY in the parts of a UNION.
    own = School.objects.filter(pk__in=school_ids).order_by()
    based = School.objects.filter(based_associations__in=inter_school_ids).order_by()
    members = School.objects.filter(inter_school_associations__in=inter_school_ids).order_by()
    # Three parts rather than one OR over the two joins, which took PostgreSQL 4 ms.
    versions = own.values_list("pk", "summary_version").union(
        based.values_list("pk", "summary_version"),
        members.values_list("pk", "summary_version"),
    )
    return versions_digest(sorted(versions), inter_school_ids)


def versions_digest(versions: list[tuple[int, int]], inter_school_ids: list[int]) -> str:
    """What `owners_version` makes of the schools' (id, summary version) pairs it read, for a
    caller that has read them already."""
    digest = hashlib.blake2b(repr((versions, inter_school_ids)).encode(), digest_size=12)
    return digest.hexdigest()


def owners_fragment(
    request: AuthenticatedRequest,
    owners: tuple[list[int], list[int]] | str | None,
    template: str,
    build: Callable[[], dict[str, Any]],
    *,
    variant: str,
) -> SafeString:
    """`template` rendered for what these schools and inter-school associations have, as of
    their summary versions, the language, the day and the request's query string (the filters
    and the page of a list); `variant` names whatever else the part depends on. `owners` may
    also be their `versions_digest`.

    None: the reader sees too many schools to read their versions (an administrator's lists of
    the country). The part is then kept for this reader alone, as the user cards are: until
    their own next write, and for a minute at most, so that other people's changes show up to
    a minute late."""
    # Hashed: a variant may be a list of ids, and a query string any text, too long or with
    # characters that a key of memcached may not have.
    rest = f"{variant}\n{request.GET.urlencode()}".encode()
    if owners is None:
        version = f"reader.{request.user.pk}.{request.session.get(USER_CARDS_SESSION_KEY, '')}"
        timeout = USER_CARDS_TIMEOUT
    else:
        version = owners if isinstance(owners, str) else owners_version(*owners)
        timeout = SUMMARY_TIMEOUT
    key = (
        f"owners:{template}:{version}:{get_language()}:{today()}:"
        f"{hashlib.blake2b(rest, digest_size=12).hexdigest()}"
    )
    return cached_fragment(request, key, timeout, template, build)

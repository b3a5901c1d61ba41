"""System checks of how the deployment is configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def shared_cache(**kwargs: Any) -> list[Warning]:
    """Several workers or servers each keeping a local-memory cache of their own would each
    count a user's failed logins and rate limits apart: production sets REDIS_URL."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is each process's own memory.",
                hint="Set REDIS_URL so that every worker and server shares one cache.",
                id="adisker.W001",
            )
        ]
    return []

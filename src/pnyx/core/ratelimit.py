"""Rate limits for acts people repeat (votes, comments, propositions), per person and per address.

Counters live in the cache (Redis in production, so every server shares them). A refusal is
logged to `pnyx.security`; the caller answers 429.
"""

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

security_log = logging.getLogger("pnyx.security")


@dataclass(frozen=True)
class Rate:
    """At most `per_person` acts by one person and `per_address` from one address per window."""

    per_person: int
    per_address: int
    window_seconds: int = 60


def rate_for(action: str, default: Rate) -> Rate:
    """The rate of an action: `settings.PNYX_RATE_LIMITS[action]` when set, else the default.

    A deployment (or the benchmark, which votes from one address) tunes limits there as
    `{"vote": (per_person, per_address, window_seconds)}`.
    """
    configured = getattr(settings, "PNYX_RATE_LIMITS", {}).get(action)
    return Rate(*configured) if configured else default


def _over(key: str, limit: int, window: int) -> bool:
    # add() starts the window once; incr() counts inside it, atomically in shared caches.
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add() and incr(): a new window starts
        cache.add(key, 1, timeout=window)
        return False


def exceeded(*, action: str, rate: Rate, person: Any, address: str) -> bool:
    """Count one attempt of `action`; True (and logged) past either limit.

    Both counters move on every attempt, so neither limit can be dodged through the other.
    """
    person_id = getattr(person, "pk", None)
    # Visitors without an account are counted by address only: one shared "no person" counter
    # would let a few of them use up the limit of all the others.
    by_person = person_id is not None and _over(
        f"pnyx:rate:{action}:user:{person_id}", rate.per_person, rate.window_seconds
    )
    by_address = _over(f"pnyx:rate:{action}:ip:{address}", rate.per_address, rate.window_seconds)
    if by_person or by_address:
        security_log.warning(
            "rate limit for %s reached by user %s from %s", action, person_id, address
        )
        return True
    return False


def request_exceeded(request: HttpRequest, action: str, default: Rate) -> bool:
    """Count one attempt of `action` by the request's person and address, at the rate configured
    for the action (`rate_for`) or `default`; True (and logged) past either limit."""
    return exceeded(
        action=action,
        rate=rate_for(action, default),
        person=request.user,
        address=request.META.get("REMOTE_ADDR", ""),
    )

"""Following a process or a proposition, to hear about what happens to it.

Both acts are idempotent: following twice leaves one row, stopping twice changes nothing. The
proposition's `follower_count` moves with F() in the same transaction as the row it counts, and
only when a row was really added or removed, so it stays exact under concurrent clicks.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from pnyx.core.permissions import require
from pnyx.participation.models import Follow, Process, Proposition

Followable = Process | Proposition


def _target_filter(target: Followable) -> dict[str, Any]:
    if isinstance(target, Proposition):
        return {"proposition": target, "process": None}
    if isinstance(target, Process):
        return {"process": target, "proposition": None}
    raise TypeError(f"Only a process or a proposition can be followed, not {type(target)!r}.")


def follow_create(*, user: Any, target: Followable) -> bool:
    """Make `user` follow `target`; returns whether a new follow was written.

    Needs `participation.follow`. A second call (or a concurrent duplicate) leaves the one row
    and the counter as they were.
    """
    require(user, "participation.follow", target)
    lookup = _target_filter(target)
    try:
        with transaction.atomic():
            if Follow.objects.filter(user=user, **lookup).exists():
                return False
            Follow.objects.create(user=user, **lookup)
            if isinstance(target, Proposition):
                Proposition.objects.filter(pk=target.pk).update(
                    follower_count=F("follower_count") + 1
                )
    except IntegrityError:
        # A concurrent request wrote the same follow first; the unique constraint kept one.
        return False
    return True


def follow_delete(*, user: Any, target: Followable) -> bool:
    """Make `user` stop following `target`; returns whether a follow was removed.

    Needs `participation.follow`. Without a follow there is nothing to do and nothing changes.
    """
    require(user, "participation.follow", target)
    with transaction.atomic():
        removed, _detail = Follow.objects.filter(user=user, **_target_filter(target)).delete()
        if removed and isinstance(target, Proposition):
            Proposition.objects.filter(pk=target.pk, follower_count__gt=0).update(
                follower_count=F("follower_count") - 1
            )
    return bool(removed)


def follow_toggle(*, user: Any, target: Followable, follow: bool) -> bool:
    """Follow (`follow=True`) or stop following; returns whether anything changed."""
    if follow:
        return follow_create(user=user, target=target)
    return follow_delete(user=user, target=target)

"""Casting, changing and withdrawing votes, exactly once each, whatever the concurrency.

A vote runs in one transaction that locks, in this fixed order, the voter's participant row, then
the proposition row (select_for_update on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers instead), then upserts the one Vote row the unique constraint allows and moves the
counters with F() expressions. Thirty-two identical parallel requests therefore leave one vote and
+1; parallel votes by different people only wait for each other on the proposition row. No
process-wide row is written (the process's total is the sum of its propositions' counters), so
votes on different propositions never wait for each other.

A vote costs few statements: the participant lock, the proposition lock that also reads the
person's current vote, the vote's write and the counters' update (plus the participant's counter
for a new vote, and about once a minute per agree/disagree/pass process, the queuing of its
opinion groups' recompute: `services.opinion_groups.opinion_groups_schedule`).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.participation.models import (
    VOTE_COUNTER,
    Participant,
    Process,
    Proposition,
    PropositionStatus,
    Vote,
    VoteMode,
    VoteValue,
)
from pnyx.participation.services.opinion_groups import opinion_groups_schedule
from pnyx.participation.services.propositions import decrement, increment, participant_locked

#: The counter column of each vote value, keyed by plain strings.
COUNTER_OF: dict[str, str] = {str(value): column for value, column in VOTE_COUNTER.items()}
VALUES_BY_MODE: dict[str, tuple[str, ...]] = {
    VoteMode.SUPPORT: (VoteValue.SUPPORT.value,),
    VoteMode.AGREE_DISAGREE: (
        VoteValue.AGREE.value,
        VoteValue.DISAGREE.value,
        VoteValue.PASS.value,
    ),
}


@dataclass(frozen=True)
class VoteResult:
    """The proposition with its counters after the act, and the person's vote (None if none)."""

    proposition: Proposition
    value: str | None
    changed: bool


def allowed_values(process: Process) -> tuple[str, ...]:
    """The vote values the process's vote mode accepts."""
    return VALUES_BY_MODE[process.vote_mode]


def check_value(process: Process, value: str) -> str:
    """The value when the process accepts it; ValidationError with a specific message otherwise."""
    allowed = allowed_values(process)
    if value in allowed:
        return value
    if process.vote_mode == VoteMode.SUPPORT:
        message = _("This consultation only counts supports: send “support” (not “%(value)s”).")
    else:
        message = _("“%(value)s” is not a vote here: choose agree, disagree or pass.")
    raise ValidationError({"value": [message % {"value": str(value)[:20]}]})


def threshold_column(process: Process) -> str:
    """The counter the support threshold watches: supports, or agreements in agree mode."""
    return "support_count" if process.vote_mode == VoteMode.SUPPORT else "agree_count"


def _apply(locked: Proposition, process: Process, deltas: dict[str, int]) -> None:
    """Move the proposition's counters by `deltas` with F() in one UPDATE, mark the threshold.

    The row is locked, so `locked` holds the exact counts and the new ones are known here; the
    in-memory object is brought up to date without reading it again.
    """
    changes: dict[str, Any] = {field: F(field) + delta for field, delta in deltas.items()}
    for field, delta in deltas.items():
        setattr(locked, field, max(0, getattr(locked, field) + delta))
    threshold = process.support_threshold
    if threshold:
        reached = getattr(locked, threshold_column(process)) >= threshold
        if reached and locked.threshold_reached_at is None:
            locked.threshold_reached_at = changes["threshold_reached_at"] = timezone.now()
        elif not reached and locked.threshold_reached_at is not None:
            locked.threshold_reached_at = changes["threshold_reached_at"] = None
    Proposition.objects.filter(pk=locked.pk).update(**changes)


def _lock(person: Any, proposition: Proposition) -> tuple[Participant, Proposition, str | None]:
    """Lock the participant, then the proposition, reading the person's current vote (its value,
    None without one) in the same statement: the participant lock serialises the person's
    requests, so the value cannot change before the transaction ends."""
    participant = participant_locked(process=proposition.process, person=person)
    current = Vote.objects.filter(proposition=OuterRef("pk"), user=person).values("value")[:1]
    locked = (
        Proposition.objects.select_for_update()
        .annotate(current_vote=Subquery(current))
        .get(pk=proposition.pk)
    )
    # The caller's process (with its prefetched phases) serves the permission checks that the
    # pages run on the result, instead of loading it again.
    locked.process = proposition.process
    return participant, locked, getattr(locked, "current_vote", None)


def _check_limit(process: Process, participant: Participant) -> None:
    limit = process.vote_limit
    if limit is not None and participant.vote_count >= limit:
        message = _(
            "You have used all %(limit)s of your votes in this consultation. Take one back to "
            "vote for this proposition."
        )
        raise ValidationError({"value": [message % {"limit": limit}]})


def vote_cast(*, person: Any, proposition: Proposition, value: str) -> VoteResult:
    """Vote on a proposition, or change one's vote to `value`.

    Requires `participation.vote_proposition` (voting open, in the audience, proposition live).
    A new vote counts against the process's vote limit (ValidationError when it is used up); a
    changed vote moves one from the old value's counter to the new one; the same vote again
    changes nothing. Sets or clears `threshold_reached_at` when the support threshold is crossed.
    """
    require(person, "participation.vote_proposition", proposition)
    process = proposition.process
    check_value(process, value)
    with transaction.atomic():
        participant, locked, current = _lock(person, proposition)
        if locked.status != PropositionStatus.PUBLISHED or locked.hidden_at is not None:
            raise PermissionDenied("participation.vote_proposition")  # withdrawn meanwhile
        if current == value:
            return VoteResult(locked, value, changed=False)
        mine = Vote.objects.filter(proposition=locked, user=person)
        if current is not None:
            mine.update(value=value, updated_at=timezone.now())
            _apply(locked, process, {COUNTER_OF[current]: -1, COUNTER_OF[value]: 1})
            opinion_groups_schedule(process=process)
            return VoteResult(locked, value, changed=True)
        _check_limit(process, participant)
        Vote.objects.create(proposition=locked, user=person, value=value)
        _apply(locked, process, {COUNTER_OF[value]: 1})
        increment(Participant.objects.filter(pk=participant.pk), "vote_count")
        opinion_groups_schedule(process=process)
    return VoteResult(locked, value, changed=True)


def vote_withdraw(*, person: Any, proposition: Proposition) -> VoteResult:
    """Take one's vote back; nothing happens when there is none.

    Requires `participation.unvote_proposition` (voting open, in the audience), which also holds
    on a withdrawn or hidden proposition. Frees one place in the person's vote limit.
    """
    require(person, "participation.unvote_proposition", proposition)
    process = proposition.process
    with transaction.atomic():
        participant, locked, current = _lock(person, proposition)
        if current is None:
            return VoteResult(locked, None, changed=False)
        Vote.objects.filter(proposition=locked, user=person).delete()
        _apply(locked, process, {COUNTER_OF[current]: -1})
        decrement(Participant.objects.filter(pk=participant.pk), "vote_count")
        opinion_groups_schedule(process=process)
    return VoteResult(locked, None, changed=True)

"""What is open in a process right now, and whether a person belongs to its audiences."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from pnyx.orgs.models import Membership, MembershipStatus
from pnyx.participation.models import (
    PHASE_FEATURES,
    Audience,
    Feature,
    Phase,
    Process,
    ProcessAccess,
)


def running_phases(*, process: Process, at: datetime | None = None) -> list[Phase]:
    """The phases of the process running at `at` (now by default), in their order.

    Uses the prefetched `phases` when the caller prefetched them, so a page asks once.
    """
    moment = at or timezone.now()
    return [phase for phase in process.phases.all() if phase.is_running(moment)]


def open_features(*, process: Process, at: datetime | None = None) -> frozenset[str]:
    """The features (propose, vote, comment) that the running phases open."""
    features: frozenset[str] = frozenset()
    for phase in running_phases(process=process, at=at):
        features |= PHASE_FEATURES[phase.kind]
    return features


def audience_of(process: Process, feature: str) -> str:
    return {
        Feature.PROPOSE: process.propose_audience,
        Feature.VOTE: process.vote_audience,
        Feature.COMMENT: process.comment_audience,
    }[Feature(feature)]


def is_in_audience(*, user: Any, process: Process, feature: str) -> bool:
    """Whether the person belongs to the audience the process set for this feature.

    Does not check the confirmed e-mail address nor the phases; `rules.py` composes those.
    """
    audience = audience_of(process, feature)
    if audience == Audience.CONFIRMED:
        return True
    if audience == Audience.MEMBERS:
        return Membership.objects.filter(
            user=user,
            status=MembershipStatus.ACTIVE,
            organisation__in=process.member_organisations.all(),
        ).exists()
    if audience == Audience.INVITED:
        return ProcessAccess.objects.filter(process=process, user=user).exists()
    return False

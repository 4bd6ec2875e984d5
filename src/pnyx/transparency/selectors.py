"""Reads of the transparency app: the debate attached to each algorithm and what it holds so far.

The cards come from the registry in code (`pnyx.core.algorithms`), not from the database.
"""

from dataclasses import dataclass

from pnyx.orgs.models import Organisation
from pnyx.participation.models import Proposition
from pnyx.participation.selectors.ranked import listed_propositions
from pnyx.transparency.models import AlgorithmDebate

LATEST_PROPOSITIONS = 3


@dataclass(frozen=True)
class DebateSummary:
    """What the card page shows of its debate: the consultation, its counters, its newest
    propositions."""

    debate: AlgorithmDebate
    latest: list[Proposition]

    @property
    def proposition_count(self) -> int:
        return self.debate.process.proposition_count

    @property
    def comment_count(self) -> int:
        return self.debate.process.comment_count


def debate_get(*, algorithm_id: str) -> AlgorithmDebate | None:
    """The debate attached to the algorithm, with its consultation, or None before it opens."""
    return (
        AlgorithmDebate.objects.select_related("process").filter(algorithm_id=algorithm_id).first()
    )


def debate_summary(*, algorithm_id: str) -> DebateSummary | None:
    """The debate with its newest listed propositions (public: the consultation is never a
    draft), in two queries; None before it opens."""
    debate = debate_get(algorithm_id=algorithm_id)
    if debate is None:
        return None
    newest = listed_propositions(process=debate.process).order_by("-created_at", "-pk")
    latest = list(newest.only("pk", "title", "created_at")[:LATEST_PROPOSITIONS])
    return DebateSummary(debate=debate, latest=latest)


def debate_organisation() -> Organisation | None:
    """The organisation that runs the debates opened so far (that of the first one)."""
    first = AlgorithmDebate.objects.select_related("process__organisation").first()
    return first.process.organisation if first is not None else None

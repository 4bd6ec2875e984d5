"""Reading a consultation's opinion groups: the latest run, its groups and propositions, the
consensus scores the ranking uses, and the map's positions.

Only the map and the member lists decode the stored arrays; they import NumPy when called
(`pnyx.participation.opinion_groups` takes most of a second to import with SciPy, which no
other page should pay).
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from pnyx.participation.algorithms import GroupConsensus
from pnyx.participation.models import (
    OpinionGroupsRun,
    Participant,
    Process,
    Proposition,
    PropositionStatus,
    VoteMode,
)
from pnyx.participation.selectors.results import voter_pseudonym

if TYPE_CHECKING:
    from pnyx.participation.opinion_groups import Positions

LISTED = Q(status=PropositionStatus.PUBLISHED, hidden_at__isnull=True)
#: How many propositions of the consensus ranking the results page lists.
CONSENSUS_SHOWN = 10
#: The fields of a run that pages need; the positions are read only for the map.
RUN_FIELDS = (
    "id",
    "process_id",
    "algorithm_version",
    "parameters",
    "computed_at",
    "vote_count",
    "participant_count",
    "grouped_count",
    "proposition_count",
    "silhouettes",
    "groups",
    "consensus",
)


def group_name(label: int) -> str:
    """A group's name on pages and in the API: A for the largest, then B, C…"""
    return chr(ord("A") + label)


@dataclass(frozen=True)
class GroupShare:
    """How one group voted on a proposition."""

    name: str
    agree: int
    votes: int

    @property
    def share(self) -> float:
        return self.agree / self.votes if self.votes else 0.0


@dataclass(frozen=True)
class RepresentativeShown:
    """A representative proposition of a group, with the numbers that make it one."""

    proposition: Proposition
    direction: str
    group_count: int
    group_votes: int
    other_count: int
    other_votes: int
    ratio: float
    z: float

    @property
    def group_share(self) -> float:
        return self.group_count / self.group_votes if self.group_votes else 0.0

    @property
    def other_share(self) -> float:
        return self.other_count / self.other_votes if self.other_votes else 0.0


@dataclass(frozen=True)
class GroupShown:
    label: int
    name: str
    size: int
    centre: tuple[float, float]
    representative: list[RepresentativeShown]


@dataclass(frozen=True)
class ConsensusShown:
    rank: int
    proposition: Proposition
    score: float
    groups: list[GroupShare]


@dataclass(frozen=True)
class OpinionGroupsShown:
    """A process's latest opinion groups ready to show; `run` is None when none was computed.

    `applicable` is False for support-only consultations, which have no opinion groups.
    """

    process: Process
    applicable: bool
    run: OpinionGroupsRun | None = None
    groups: list[GroupShown] = field(default_factory=list)
    consensus: list[ConsensusShown] = field(default_factory=list)


def latest_run(*, process: Process) -> OpinionGroupsRun | None:
    """The process's most recent opinion groups (without the participants' positions)."""
    return (
        OpinionGroupsRun.objects.filter(process=process)
        .only(*RUN_FIELDS)
        .order_by("-computed_at", "-id")
        .first()
    )


def group_consensus(*, process: Process) -> GroupConsensus | None:
    """The consensus scores of the latest run that formed groups, for the consensus ranking;
    None when there is none (a support-only process, or no groups computed yet)."""
    if process.vote_mode != VoteMode.AGREE_DISAGREE:
        return None
    row = (
        OpinionGroupsRun.objects.filter(process=process)
        .order_by("-computed_at", "-id")
        .values_list("groups", "consensus")
        .first()
    )
    if row is None or not row[0]:
        return None
    groups, consensus = row
    scores = {entry["proposition"]: entry["score"] for entry in consensus}
    return GroupConsensus(scores=scores, group_count=len(groups))


def _listed(process: Process, ids: set[int]) -> dict[int, Proposition]:
    propositions = Proposition.objects.filter(LISTED, process=process, pk__in=ids).only(
        "id", "process_id", "title", "external_id"
    )
    return {proposition.pk: proposition for proposition in propositions}


def _groups(run: OpinionGroupsRun, found: dict[int, Proposition]) -> list[GroupShown]:
    shown = []
    for group in run.groups:
        representative = [
            RepresentativeShown(
                proposition=found[entry["proposition"]],
                direction=entry["direction"],
                group_count=entry["group_count"],
                group_votes=entry["group_votes"],
                other_count=entry["other_count"],
                other_votes=entry["other_votes"],
                ratio=entry["ratio"],
                z=entry["z"],
            )
            for entry in group["representative"]
            if entry["proposition"] in found
        ]
        x, y = group["centre"]
        shown.append(
            GroupShown(
                label=group["label"],
                name=group_name(group["label"]),
                size=group["size"],
                centre=(x, y),
                representative=representative,
            )
        )
    return shown


def _consensus(
    run: OpinionGroupsRun, found: dict[int, Proposition], limit: int | None
) -> list[ConsensusShown]:
    """The consensus ranking; cut at `limit`, it keeps only propositions that every group voted
    on (the page's "common ground": one nobody voted on scores (1/2)^k, above many that
    divide, which the ranking accepts but a list of common ground should not show)."""
    shown: list[ConsensusShown] = []
    for entry in run.consensus:
        proposition = found.get(entry["proposition"])
        if proposition is None or (limit is not None and 0 in entry["votes"]):
            continue
        shares = [
            GroupShare(name=group_name(label), agree=agree, votes=votes)
            for label, (agree, votes) in enumerate(zip(entry["agree"], entry["votes"], strict=True))
        ]
        shown.append(ConsensusShown(len(shown) + 1, proposition, entry["score"], shares))
        if limit is not None and len(shown) >= limit:
            break
    return shown


def opinion_groups_shown(
    *, process: Process, consensus_limit: int | None = CONSENSUS_SHOWN
) -> OpinionGroupsShown:
    """The latest opinion groups with their propositions (still listed ones only) and the
    consensus ranking: its first `consensus_limit` propositions that every group voted on, or
    with None, all of them in order. Two queries."""
    if process.vote_mode != VoteMode.AGREE_DISAGREE:
        return OpinionGroupsShown(process=process, applicable=False)
    run = latest_run(process=process)
    if run is None:
        return OpinionGroupsShown(process=process, applicable=True)
    wanted = {entry["proposition"] for group in run.groups for entry in group["representative"]}
    wanted |= {entry["proposition"] for entry in run.consensus}
    found = _listed(process, wanted)
    return OpinionGroupsShown(
        process=process,
        applicable=True,
        run=run,
        groups=_groups(run, found),
        consensus=_consensus(run, found, consensus_limit),
    )


def run_positions(*, run: OpinionGroupsRun) -> "Positions":
    """The participants' positions and groups of a run (`opinion_groups.Positions`); empty
    arrays when the run no longer keeps them."""
    from pnyx.participation import opinion_groups  # see the module's docstring

    data = OpinionGroupsRun.objects.filter(pk=run.pk).values_list("positions", flat=True).first()
    return opinion_groups.unpack_positions(bytes(data or b""))


def participant_id_of(*, process: Process, user: Any) -> int | None:
    """The id of the person's participation in the process (their row on the map); None for a
    visitor or someone who never took part. One query, none for a visitor."""
    if not user.is_authenticated:
        return None
    found = Participant.objects.filter(process=process, user=user).values_list("pk", flat=True)
    return found.first()


def participant_get(*, pk: int) -> Participant | None:
    """A participation with its process, or None; who may see it is the caller's check."""
    return Participant.objects.select_related("process").filter(pk=pk).first()


def group_members(*, process: Process, run: OpinionGroupsRun) -> dict[int, list[str]]:
    """Each group's members, by label: their external id (imported participants) or else their
    pseudonym in the anonymised vote export; numbers in numeric order."""
    positions = run_positions(run=run)
    grouped = positions.group_of >= 0
    label_of = dict(
        zip(positions.ids[grouped].tolist(), positions.group_of[grouped].tolist(), strict=True)
    )
    members: dict[int, list[str]] = {group["label"]: [] for group in run.groups}
    rows = Participant.objects.filter(process=process).values_list("pk", "user_id", "external_id")
    for pk, user_id, external_id in rows.iterator(chunk_size=5000):
        label = label_of.get(pk)
        if label is not None:
            name = external_id or voter_pseudonym(process=process, user_id=user_id)
            members[label].append(name)
    for names in members.values():
        names.sort(key=lambda name: (len(name), name))
    return members

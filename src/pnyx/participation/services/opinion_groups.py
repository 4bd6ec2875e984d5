"""Computing and storing a consultation's opinion groups, and queuing that work as votes arrive.

`opinion_groups_recompute` reads the latest votes, runs `pnyx.participation.opinion_groups` and
stores a new `OpinionGroupsRun`; it is the background task's body (`tasks.py`) and the last
step of an import. Nobody asks for it, so it checks no permission; it never changes a vote.

`opinion_groups_schedule` is called in each vote's transaction. It costs one cache read on
almost every vote: the first vote after a quiet spell queues one job, keyed by the process so
that later votes join it, to run `RECOMPUTE_DELAY_SECONDS` later; a cache flag, set when that
job is committed and kept until shortly before it starts, spares the following votes even the
database lookup.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core.tasks import enqueue
from pnyx.participation.models import (
    OpinionGroupsRun,
    Participant,
    Process,
    Proposition,
    PropositionStatus,
    Vote,
    VoteMode,
    VoteValue,
)
from pnyx.participation.selectors.results import voter_pseudonym

if TYPE_CHECKING:
    from pnyx.participation.opinion_groups import OpinionGroups

RECOMPUTE_TASK = "participation.opinion_groups_recompute"
#: A recompute starts this long after the vote that queued it and takes every vote until then.
RECOMPUTE_DELAY_SECONDS = 60
#: Longer than any vote's transaction: a vote that found the flag set commits before the job
#: it relies on starts, so that job sees it.
COMMIT_MARGIN_SECONDS = 10
#: How many of a process's latest runs keep every participant's position; older runs keep
#: their groups, representative propositions and consensus.
POSITIONS_KEPT = 5
VOTE_NUMBER = {VoteValue.AGREE.value: 1, VoteValue.DISAGREE.value: -1, VoteValue.PASS.value: 0}


def _queued_flag(process: Process) -> str:
    return f"participation:opinion-groups-queued:{process.pk}"


def opinion_groups_schedule(*, process: Process) -> None:
    """Make sure a recompute of the process's opinion groups is queued (agree/disagree/pass
    processes only). Call it inside the transaction that changes votes: the job is written in
    it, so it exists exactly when the change does."""
    if process.vote_mode != VoteMode.AGREE_DISAGREE or cache.get(_queued_flag(process)):
        return
    now = timezone.now()
    job = enqueue(
        RECOMPUTE_TASK,
        key=f"{RECOMPUTE_TASK}:{process.pk}",
        run_after=now + timedelta(seconds=RECOMPUTE_DELAY_SECONDS),
        process_id=process.pk,
    )
    quiet = (job.run_after - now).total_seconds() - COMMIT_MARGIN_SECONDS
    if quiet > 0:
        # Only once the job is committed: a rolled-back vote must not silence the next ones.
        transaction.on_commit(partial(cache.set, _queued_flag(process), True, quiet))


@dataclass(frozen=True)
class _Votes:
    """The latest votes on the listed propositions, as (row, column, value) triplets: rows are
    the participants who voted (`row_ids`, by pk), columns every listed proposition
    (`column_ids`, by pk)."""

    rows: list[int]
    columns: list[int]
    values: list[int]
    row_ids: list[int]
    column_ids: list[int]


def _latest_votes(process: Process) -> _Votes:
    """Votes of deleted accounts are left out: nobody can be placed on the map for them.

    Rows come in the order of the voters' pseudonyms, columns in the order of the propositions'
    ids: k-means starts from seeded rows, so the order is part of the result, and this is the
    order the open-data export can publish (participation.opendata.groups), which lets anyone
    recompute the same groups from the exported votes.
    """
    listed = Proposition.objects.filter(
        process=process, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
    )
    column_ids = sorted(listed.values_list("pk", flat=True))
    column_of = {pk: column for column, pk in enumerate(column_ids)}
    participant_of = dict(Participant.objects.filter(process=process).values_list("user_id", "pk"))
    pseudonym_of = {
        participant: voter_pseudonym(process=process, user_id=user_id)
        for user_id, participant in participant_of.items()
    }
    votes = Vote.objects.filter(
        proposition__in=listed, user__isnull=False, value__in=list(VOTE_NUMBER)
    ).values_list("user_id", "proposition_id", "value")
    cells: list[tuple[int, int, int]] = []
    for user_id, proposition_id, value in votes.iterator(chunk_size=10000):
        participant = participant_of.get(user_id)
        if participant is not None and proposition_id in column_of:
            cells.append((participant, column_of[proposition_id], VOTE_NUMBER[value]))
    row_ids = sorted(
        {participant for participant, _column, _value in cells}, key=pseudonym_of.__getitem__
    )
    row_of = {pk: row for row, pk in enumerate(row_ids)}
    return _Votes(
        rows=[row_of[participant] for participant, _column, _value in cells],
        columns=[column for _participant, column, _value in cells],
        values=[value for _participant, _column, value in cells],
        row_ids=row_ids,
        column_ids=column_ids,
    )


def _groups_json(result: "OpinionGroups", column_ids: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "label": group.label,
            "size": group.size,
            "centre": [round(group.centre[0], 4), round(group.centre[1], 4)],
            "representative": [
                {
                    "proposition": column_ids[item.column],
                    "direction": item.direction,
                    "group_count": item.group_count,
                    "group_votes": item.group_votes,
                    "other_count": item.other_count,
                    "other_votes": item.other_votes,
                    "group_probability": round(item.group_probability, 4),
                    "other_probability": round(item.other_probability, 4),
                    "ratio": round(item.ratio, 4),
                    "z": round(item.z, 4),
                }
                for item in group.representative
            ],
        }
        for group in result.groups
    ]


def _consensus_json(result: "OpinionGroups", column_ids: list[int]) -> list[dict[str, Any]]:
    """Every proposition's consensus score, best first (the newer first on a tie, like every
    ranking), with each group's agreements and votes; empty when no groups were formed."""
    if not result.groups:
        return []
    entries = [
        {
            "proposition": pk,
            "score": round(float(result.consensus[column]), 6),
            "agree": result.agree_counts[:, column].tolist(),
            "votes": result.vote_counts[:, column].tolist(),
        }
        for column, pk in enumerate(column_ids)
    ]
    entries.sort(key=lambda entry: (-entry["score"], -entry["proposition"]))
    return entries


def opinion_groups_recompute(*, process: Process) -> OpinionGroupsRun:
    """Compute the process's opinion groups from its latest votes and store them as a new run.

    The process must count agree, disagree and pass votes (ValidationError otherwise). Runs by
    the background worker and the importer, for no one in particular: no permission. Older runs
    stay as history; only the latest POSITIONS_KEPT keep the participants' positions.
    """
    from pnyx.participation import opinion_groups  # NumPy and SciPy load only when needed

    if process.vote_mode != VoteMode.AGREE_DISAGREE:
        raise ValidationError(
            _("Opinion groups need a consultation where people agree, disagree or pass.")
        )
    votes = _latest_votes(process)
    shape = (len(votes.row_ids), len(votes.column_ids))
    matrix = opinion_groups.VoteMatrix.from_triplets(votes.rows, votes.columns, votes.values, shape)
    result = opinion_groups.compute(matrix)
    run = OpinionGroupsRun(
        process=process,
        algorithm_version=opinion_groups.ALGORITHM_VERSION,
        parameters=opinion_groups.parameters(),
        computed_at=timezone.now(),
        vote_count=len(votes.values),
        participant_count=len(votes.row_ids),
        grouped_count=result.grouped_count,
        proposition_count=len(votes.column_ids),
        silhouettes={str(k): value for k, value in sorted(result.silhouettes.items())},
        groups=_groups_json(result, votes.column_ids),
        consensus=_consensus_json(result, votes.column_ids),
        positions=opinion_groups.pack_positions(votes.row_ids, result.coordinates, result.group_of),
    )
    with transaction.atomic():
        run.save(force_insert=True)
        older = (
            OpinionGroupsRun.objects.filter(process=process)
            .exclude(positions=b"")
            .order_by("-computed_at", "-id")
            .values_list("pk", flat=True)[POSITIONS_KEPT:]
        )
        OpinionGroupsRun.objects.filter(pk__in=list(older)).update(positions=b"")
    return run

"""Opinion groups and the order that reads them, as recomputable outputs.

For each public agree/disagree/pass consultation the export computes the opinion groups from the
votes of its snapshot with `opinion_groups.compute` and publishes every voter's group (by
pseudonym); the group-informed consensus order is published from those groups. The recompute
rebuilds the same vote matrix from the exported votes and runs the same function.

The matrix is built the same way on both sides: one row per voter in the order of their
pseudonyms, one column per listed proposition by id, agree +1, disagree -1, pass 0, votes of
deleted accounts left out (nobody can be placed for them). Its order matters, since k-means
starts from seeded random rows; the pseudonym order is the only one the export can share.
The groups are those of the export's moment, which may be newer than the latest computation
shown on the site.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from pnyx.core.opendata import (
    ExportContext,
    ExportedPackage,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    Recompute,
    UnreadableExport,
    register_output,
)
from pnyx.participation.algorithms import (
    OPINION_GROUPS,
    RANKINGS,
    GroupConsensus,
    Ranking,
    RankingContext,
)
from pnyx.participation.models import PropositionStatus, Vote, VoteMode, VoteValue
from pnyx.participation.opendata.rankings import (
    OPEN_DATA_SEED,
    context_from,
    exported_rows,
    items_of,
    live_rows,
    parameters_of,
    process_of,
    scope_of,
)
from pnyx.participation.opendata.rows import public_processes
from pnyx.participation.selectors.ranked import listed_propositions
from pnyx.participation.selectors.results import voter_pseudonym

VOTE_NUMBER = {VoteValue.AGREE.value: 1, VoteValue.DISAGREE.value: -1, VoteValue.PASS.value: 0}
#: How the stored runs round the consensus scores that the consensus order reads.
CONSENSUS_DIGITS = 6
GROUP_RANKINGS = tuple(ranking for ranking in RANKINGS.values() if ranking.uses_groups)

Cell = tuple[str, int, int]


class Groups(NamedTuple):
    """A consultation's groups: each voter's group (-1 when not grouped) and the consensus."""

    voters: list[str]
    group_of: list[int]
    consensus: GroupConsensus | None


def compute_groups(cells: list[Cell], column_ids: list[int]) -> Groups:
    """Run the opinion groups over (pseudonym, proposition id, vote number) cells."""
    from pnyx.participation import opinion_groups  # NumPy and SciPy load only when needed

    voters = sorted({voter for voter, _proposition, _value in cells})
    row_of = {voter: row for row, voter in enumerate(voters)}
    column_of = {pk: column for column, pk in enumerate(column_ids)}
    matrix = opinion_groups.VoteMatrix.from_triplets(
        [row_of[voter] for voter, _proposition, _value in cells],
        [column_of[proposition] for _voter, proposition, _value in cells],
        [value for _voter, _proposition, value in cells],
        (len(voters), len(column_ids)),
    )
    result = opinion_groups.compute(matrix)
    consensus = None
    if result.groups:
        scores = {
            pk: round(float(result.consensus[column]), CONSENSUS_DIGITS)
            for column, pk in enumerate(column_ids)
        }
        consensus = GroupConsensus(scores=scores, group_count=len(result.groups))
    return Groups(voters, result.group_of.tolist(), consensus)


def _group_items(groups: Groups) -> Iterator[OutputItem]:
    for voter, label in zip(groups.voters, groups.group_of, strict=True):
        yield OutputItem(item=voter, group=label if label >= 0 else None)


# --- from the database ----------------------------------------------------------------------


def _live_groups(process_id: int) -> Groups:
    process = public_processes().get(pk=process_id)
    listed = listed_propositions(process=process)
    column_ids = sorted(listed.values_list("pk", flat=True))
    votes = Vote.objects.filter(
        proposition__in=listed, user__isnull=False, value__in=list(VOTE_NUMBER)
    ).values_list("user_id", "proposition_id", "value")
    cells = [
        (voter_pseudonym(process=process, user_id=user_id), proposition_id, VOTE_NUMBER[value])
        for user_id, proposition_id, value in votes.iterator(chunk_size=10000)
    ]
    return compute_groups(cells, column_ids)


def live_groups(context: ExportContext) -> dict[int, Groups]:
    """The groups of every public agree/disagree consultation, computed once per export."""

    def compute() -> dict[int, Groups]:
        return {
            process_id: _live_groups(process_id)
            for process_id, (vote_mode, _rows) in live_rows(context).items()
            if vote_mode == VoteMode.AGREE_DISAGREE
        }

    groups: dict[int, Groups] = context.remember("participation.groups", compute)
    return groups


def published_groups(context: ExportContext) -> Iterator[OutputRun]:
    computed = live_groups(context)
    if not computed:
        return
    from pnyx.participation import opinion_groups  # NumPy and SciPy load only when needed

    for process_id, groups in computed.items():
        yield OutputRun(
            scope=scope_of(process_id),
            parameters=opinion_groups.parameters(),
            items=_group_items(groups),
        )


def published_group_ranking(ranking: Ranking) -> Callable[[ExportContext], Iterator[OutputRun]]:
    def runs(context: ExportContext) -> Iterator[OutputRun]:
        groups = live_groups(context)
        for process_id, (vote_mode, rows) in live_rows(context).items():
            found = groups.get(process_id)
            ranking_context = RankingContext(
                now=context.now,
                seed=OPEN_DATA_SEED,
                vote_mode=vote_mode,
                consensus=found.consensus if found else None,
            )
            yield OutputRun(
                scope=scope_of(process_id),
                parameters=parameters_of(ranking_context),
                items=items_of(ranking.rank(rows, ranking_context)),
            )

    return runs


# --- from the export ------------------------------------------------------------------------


def _exported_cells(package: ExportedPackage) -> dict[int, tuple[list[Cell], list[int]]]:
    """Per consultation: the vote cells of the groups and the listed propositions' ids."""
    listed: dict[int, int] = {
        row["id"]: row["process_id"]
        for row in package.rows("propositions")
        if row["status"] == PropositionStatus.PUBLISHED and not row["hidden"]
    }
    cells: dict[int, list[Cell]] = defaultdict(list)
    for vote in package.rows("votes"):
        number = VOTE_NUMBER.get(vote["value"])
        process_id = listed.get(vote["proposition_id"])
        if number is None or process_id is None or not vote["voter"]:
            continue
        if process_id == vote["process_id"]:
            cells[process_id].append((vote["voter"], vote["proposition_id"], number))
    columns: dict[int, list[int]] = defaultdict(list)
    for pk, process_id in sorted(listed.items()):
        columns[process_id].append(pk)
    return {process_id: (cells[process_id], ids) for process_id, ids in columns.items()}


def exported_groups(package: ExportedPackage, process_id: int) -> Groups:
    """The groups recomputed from the export (once per consultation and package)."""

    def compute() -> Groups:
        everything = package.remember("participation.group_cells", lambda: _exported_cells(package))
        cells, column_ids = everything.get(process_id, ([], []))
        try:
            return compute_groups(cells, column_ids)
        except ValueError as error:
            raise UnreadableExport(f"votes.json, consultation {process_id}: {error}") from None

    groups: Groups = package.remember(f"participation.groups:{process_id}", compute)
    return groups


def recompute_groups(
    package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
) -> Iterator[OutputItem]:
    return _group_items(exported_groups(package, process_of(scope)))


def recompute_group_ranking(ranking: Ranking) -> Recompute:
    def recompute(
        package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
    ) -> list[OutputItem]:
        process_id = process_of(scope)
        context = context_from(scope, parameters)
        consensus = None
        if context.vote_mode == VoteMode.AGREE_DISAGREE:
            consensus = exported_groups(package, process_id).consensus
        with_groups = RankingContext(
            now=context.now, seed=context.seed, vote_mode=context.vote_mode, consensus=consensus
        )
        rows = exported_rows(package).get(process_id, [])
        return list(items_of(ranking.rank(rows, with_groups)))

    return recompute


GROUPS_OUTPUT = RecomputableOutput(
    name=OPINION_GROUPS.id,
    card=OPINION_GROUPS,
    item_kind=_("A voter's pseudonym"),
    published=published_groups,
    recompute=recompute_groups,
    reads=("propositions", "votes"),
)

OUTPUTS = (
    GROUPS_OUTPUT,
    *(
        RecomputableOutput(
            name=ranking.id,
            card=ranking.card,
            item_kind=_("A proposition id"),
            published=published_group_ranking(ranking),
            recompute=recompute_group_ranking(ranking),
            reads=("propositions", "votes", "comments"),
        )
        for ranking in GROUP_RANKINGS
    ),
)


def register() -> None:
    for output in OUTPUTS:
        register_output(output)

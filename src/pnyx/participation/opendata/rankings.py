"""The orders of each consultation's propositions, as recomputable outputs.

For every registered ranking and every public consultation, the export publishes the place and
score of each listed proposition (published, not hidden), computed by the ranking's pure
function from the stored counters at the export's moment. The recompute rebuilds the same
`RankingRow`s from the exported files alone (the votes counted by value, the visible comments
counted) and calls the same function with the published parameters: the export's moment for the
time-dependent orders and a fixed, published seed for the random one.
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core.opendata import (
    ExportContext,
    ExportedPackage,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    UnreadableExport,
    iso_moment,
    register_output,
)
from pnyx.participation.algorithms import (
    RANKINGS,
    RankedItem,
    Ranking,
    RankingContext,
    RankingRow,
)
from pnyx.participation.models import PropositionStatus, VoteValue
from pnyx.participation.opendata.rows import VISIBLE, public_processes
from pnyx.participation.selectors.ranked import ROW_COLUMNS, listed_propositions

#: The seed of the random order in the export: published with it, the same in every export.
OPEN_DATA_SEED = "pnyx-open-data"
SCOPE_PREFIX = "process:"
#: The counter of RankingRow each vote value adds to.
VOTE_FIELD = {
    VoteValue.SUPPORT.value: "support_count",
    VoteValue.AGREE.value: "agree_count",
    VoteValue.DISAGREE.value: "disagree_count",
    VoteValue.PASS.value: "pass_count",
}
#: Rankings recomputed here; those that read the opinion groups are published with them.
PLAIN_RANKINGS = tuple(ranking for ranking in RANKINGS.values() if not ranking.uses_groups)


def scope_of(process_id: int) -> str:
    return f"{SCOPE_PREFIX}{process_id}"


def process_of(scope: str) -> int:
    """The consultation id of a scope such as "process:12"."""
    number = scope.removeprefix(SCOPE_PREFIX)
    if scope == number or not number.isdigit():
        raise UnreadableExport(f"algorithm-runs.json: “{scope}” is not a consultation's scope.")
    return int(number)


def items_of(ranked: Iterable[RankedItem]) -> Iterator[OutputItem]:
    for position, item in enumerate(ranked, start=1):
        yield OutputItem(item=str(item.id), position=position, score=item.score)


def parameters_of(context: RankingContext) -> dict[str, Any]:
    return {"now": iso_moment(context.now), "seed": context.seed, "vote_mode": context.vote_mode}


def context_from(scope: str, parameters: Mapping[str, Any]) -> RankingContext:
    """The ranking context a run was published with; `UnreadableExport` if it is malformed."""
    try:
        now = datetime.fromisoformat(parameters["now"])
        seed, vote_mode = parameters["seed"], parameters["vote_mode"]
        if now.tzinfo is None or not isinstance(seed, str) or not isinstance(vote_mode, str):
            raise TypeError
    except (KeyError, TypeError, ValueError):
        raise UnreadableExport(
            f"algorithm-runs.json: the parameters of {scope} need “now” (a date and time with "
            "its time zone), “seed” and “vote_mode” (texts)."
        ) from None
    return RankingContext(now=now, seed=seed, vote_mode=vote_mode)


# --- from the database ----------------------------------------------------------------------


def live_rows(context: ExportContext) -> dict[int, tuple[str, list[RankingRow]]]:
    """Each public consultation's vote mode and the rows of its listed propositions, read once
    per export. The exact publication times are read (not the page's epoch shortcut), so that
    the scores equal those recomputed from the exported times."""

    def read() -> dict[int, tuple[str, list[RankingRow]]]:
        found = {}
        for process in public_processes().only("pk", "vote_mode", "status"):
            values = listed_propositions(process=process).order_by("pk").values_list(*ROW_COLUMNS)
            found[process.pk] = (process.vote_mode, [RankingRow(*row) for row in values])
        return found

    rows: dict[int, tuple[str, list[RankingRow]]] = context.remember(
        "participation.ranking_rows", read
    )
    return rows


def published_runs(ranking: Ranking) -> Callable[[ExportContext], Iterator[OutputRun]]:
    def runs(context: ExportContext) -> Iterator[OutputRun]:
        for process_id, (vote_mode, rows) in live_rows(context).items():
            ranking_context = RankingContext(
                now=context.now, seed=OPEN_DATA_SEED, vote_mode=vote_mode
            )
            yield OutputRun(
                scope=scope_of(process_id),
                parameters=parameters_of(ranking_context),
                items=items_of(ranking.rank(rows, ranking_context)),
            )

    return runs


# --- from the export ------------------------------------------------------------------------


def _listed(package: ExportedPackage) -> dict[int, tuple[int, datetime]]:
    """Listed propositions of the export: id → (consultation, publication time)."""
    return {
        row["id"]: (row["process_id"], row["created_at"])
        for row in package.rows("propositions")
        if row["status"] == PropositionStatus.PUBLISHED and not row["hidden"]
    }


def exported_rows(package: ExportedPackage) -> dict[int, list[RankingRow]]:
    """The rows every ranking reads, per consultation, counted from the exported votes and
    comments (not from the published counters)."""

    def read() -> dict[int, list[RankingRow]]:
        listed = _listed(package)
        votes: dict[int, Counter[str]] = defaultdict(Counter)
        for vote in package.rows("votes"):
            field = VOTE_FIELD.get(vote["value"])
            if field is not None and vote["proposition_id"] in listed:
                votes[vote["proposition_id"]][field] += 1
        comments: Counter[int] = Counter(
            comment["proposition_id"]
            for comment in package.rows("comments")
            if comment["state"] == VISIBLE
        )
        per_process: dict[int, list[RankingRow]] = defaultdict(list)
        for pk, (process_id, created_at) in listed.items():
            counts = votes.get(pk, Counter())
            per_process[process_id].append(
                RankingRow(pk, created_at, comment_count=comments[pk], **counts)
            )
        return per_process

    rows: dict[int, list[RankingRow]] = package.remember("participation.ranking_rows", read)
    return rows


def recompute_ranking(
    ranking: Ranking,
) -> Callable[[ExportedPackage, str, Mapping[str, Any]], list[OutputItem]]:
    def recompute(
        package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
    ) -> list[OutputItem]:
        rows = exported_rows(package).get(process_of(scope), [])
        return list(items_of(ranking.rank(rows, context_from(scope, parameters))))

    return recompute


def ranking_output(ranking: Ranking) -> RecomputableOutput:
    return RecomputableOutput(
        name=ranking.id,
        card=ranking.card,
        item_kind=_("A proposition id"),
        published=published_runs(ranking),
        recompute=recompute_ranking(ranking),
        reads=("propositions", "votes", "comments"),
    )


OUTPUTS = tuple(ranking_output(ranking) for ranking in PLAIN_RANKINGS)


def register() -> None:
    for output in OUTPUTS:
        register_output(output)

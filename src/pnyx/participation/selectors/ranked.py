"""The ranked list of a process's propositions: the process page's cards and the API's list.

A page costs the same few queries however many propositions and votes there are:

- The total comes from the stored counters (`Process.proposition_count`, `Question.
  proposition_count`: published propositions, kept exact by the services) less the hidden ones,
  which a partial index finds without reading the others. No COUNT(*) over the whole process.
- The rankings that sort by one indexed counter run in SQL: one query for the page's rows.
- The others read (id, counters, created_at) of every listed proposition and rank them with the
  registered pure function. The ranked ids are kept in the cache for RANKED_IDS_SECONDS, keyed by
  the number of listed propositions (a new, withdrawn or hidden one changes the key), so a busy
  page ranks at most once per interval. Whatever the order came from, the page's rows are read
  fresh: the counts on the cards, and the "why here" numbers computed from them, are current.
- The viewer's own votes on the page take one query (none for visitors).
"""

import hashlib
from array import array
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import FloatField, Func, Prefetch, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from pnyx.core.algorithms import AlgorithmOutput
from pnyx.core.models import Topic
from pnyx.participation.algorithms import (
    FACTOR_LABELS,
    RankedItem,
    Ranking,
    RankingContext,
    RankingRow,
)
from pnyx.participation.models import (
    Process,
    Proposition,
    PropositionStatus,
    Vote,
    VoteMode,
    VoteValue,
)
from pnyx.participation.selectors.opinion_groups import group_consensus

PAGE_SIZE = 20
#: How long a Python-ranked order is reused. The counts shown are always read fresh; only the
#: places may lag behind the votes of the last seconds. The cards of those rankings say "two
#: seconds" (algorithms.RECOMPUTED_NOTE): change both together.
RANKED_IDS_SECONDS = 2
ROW_COLUMNS = (
    "id",
    "created_at",
    "support_count",
    "agree_count",
    "disagree_count",
    "pass_count",
    "comment_count",
)
#: What a card on the process page shows (see includes/proposition_card.html): the body, the
#: topics and the moderation and answer columns stay in the database.
CARD_COLUMNS = (
    *ROW_COLUMNS,
    "process_id",
    "title",
    "threshold_reached_at",
    "author",
    "author__display_name",
)


@dataclass
class PropositionPage:
    """A page of ranked propositions, the viewer's votes on them and the order's label."""

    page: Page
    votes: dict[int, str]
    output: AlgorithmOutput
    ranking: Ranking
    ranked: dict[int, RankedItem] = field(default_factory=dict)
    #: The process counts supports only (cards show supports, not agree/disagree/pass).
    support_mode: bool = True
    #: What the page says about the order (`Ranking.explain`: it tells when the order fell back).
    explanation: str | Promise = ""

    @property
    def show_score(self) -> bool:
        """Whether cards show the score: only orders computed in Python have a telling one."""
        return self.ranking.db_order is None


class CountedPaginator(Paginator):
    """A paginator given its total, so that it never runs COUNT(*) itself."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # fills Paginator.count, a cached_property


def listed_propositions(*, process: Process, question_id: int | None = None) -> QuerySet[Any]:
    """The propositions a process lists: published, not hidden, of one question if given."""
    queryset = Proposition.objects.filter(
        process=process, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
    )
    if question_id is not None:
        queryset = queryset.filter(question_id=question_id)
    return queryset


def listed_count(*, process: Process, question_id: int | None = None) -> int:
    """How many propositions `listed_propositions` holds, from the stored counters.

    The counters count published propositions, hidden ones included; the hidden ones are
    subtracted with a query on the partial index `proposition_hidden` (only hidden rows).
    Uses the process's prefetched questions when a question is given.
    """
    if question_id is None:
        published = process.proposition_count
    else:
        question = next((q for q in process.questions.all() if q.pk == question_id), None)
        published = question.proposition_count if question is not None else 0
    hidden = Proposition.objects.filter(
        process=process, status=PropositionStatus.PUBLISHED, hidden_at__isnull=False
    )
    if question_id is not None:
        hidden = hidden.filter(question_id=question_id)
    return max(0, published - hidden.count())


class EpochSeconds(Func):
    """A timestamp as seconds since 1970: reading 10,000 numbers is several times cheaper than
    parsing 10,000 datetimes (SQLite returns text that Django parses row by row)."""

    output_field = FloatField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)")


def ranking_rows(queryset: QuerySet[Any]) -> list[RankingRow]:
    """The plain rows the rankings read, without loading whole propositions."""
    columns = [column for column in ROW_COLUMNS if column != "created_at"]
    values = queryset.order_by().annotate(epoch=EpochSeconds("created_at"))
    moment = datetime.fromtimestamp
    return [
        RankingRow(pk, moment(float(epoch), UTC), *counts)
        for pk, epoch, *counts in values.values_list(columns[0], "epoch", *columns[1:])
    ]


def _row_of(proposition: Proposition) -> RankingRow:
    return RankingRow(*(getattr(proposition, column) for column in ROW_COLUMNS))


def _ranked_ids(
    process: Process, question_id: int | None, ranking: Ranking, context: RankingContext
) -> "array[int]":
    """Every listed id in the ranking's order: from the cache when the same number of
    propositions was ranked in the last RANKED_IDS_SECONDS, otherwise ranked now.

    Kept as the bytes of an array of 64-bit integers: reading 10,000 ids back from the cache
    then costs microseconds rather than unpickling a list.
    """
    count = listed_count(process=process, question_id=question_id)
    # The seed only matters to the seeded order; hashed, as the API takes it from the client.
    seed = hashlib.sha256(context.seed.encode()).hexdigest()[:16] if ranking.seeded else ""
    key = f"participation:ranked:{process.pk}:{question_id}:{ranking.id}:{seed}:{count}"
    ids = array("q")
    cached: bytes | None = cache.get(key)
    if cached is not None:
        ids.frombytes(cached)
        return ids
    queryset = listed_propositions(process=process, question_id=question_id)
    ids.extend(item.id for item in ranking.rank(ranking_rows(queryset), context))
    cache.set(key, ids.tobytes(), RANKED_IDS_SECONDS)
    return ids


def proposition_page(
    *,
    process: Process,
    question_id: int | None,
    order: Ranking,
    seed: str,
    page: Any,
    viewer: Any,
    now: datetime | None = None,
    per_page: int = PAGE_SIZE,
    for_cards: bool = False,
) -> PropositionPage:
    """One page of the process's listed propositions in the order of the ranking `order`.

    `process` is read in the same request: its stored counters give the total (with its
    prefetched questions when `question_id` is given). `page` is the requested number
    (malformed or out of range gives a near page, as everywhere);
    `seed` is the visitor's shuffle seed for the random order. The propositions come with their
    author and topics, or, with `for_cards`, with only what a card shows (`CARD_COLUMNS`) and
    their author's name. Each carries `viewer_vote` and `viewer_vote_label` (the viewer's vote),
    `ranked` (its RankedItem) and `why` (labelled factors); `votes` maps ids to vote values.
    """
    consensus = group_consensus(process=process) if order.uses_groups else None
    context = RankingContext(
        now=now or timezone.now(), seed=seed, vote_mode=process.vote_mode, consensus=consensus
    )
    rows = listed_propositions(process=process, question_id=question_id).select_related("author")
    if for_cards:
        rows = rows.only(*CARD_COLUMNS)
    else:
        rows = rows.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("slug")))
    if order.db_order is not None:
        count = listed_count(process=process, question_id=question_id)
        ordered = rows.order_by(*order.db_order(context.vote_mode))
        page_obj = CountedPaginator(ordered, per_page, count=count).get_page(page)
        page_obj.object_list = list(page_obj.object_list)
    else:
        ids = _ranked_ids(process, question_id, order, context)
        page_obj = CountedPaginator(ids, per_page, count=len(ids)).get_page(page)
        found = rows.in_bulk(list(page_obj.object_list))
        page_obj.object_list = [found[pk] for pk in page_obj.object_list if pk in found]
    ranked = {item.id: item for item in order.rank(map(_row_of, page_obj.object_list), context)}
    votes = votes_of(viewer=viewer, proposition_ids=list(ranked))
    _decorate(page_obj.object_list, votes, ranked)
    return PropositionPage(
        page=page_obj,
        votes=votes,
        output=order.card.output(),
        ranking=order,
        ranked=ranked,
        support_mode=process.vote_mode == VoteMode.SUPPORT,
        explanation=order.explain(context),
    )


def _decorate(
    propositions: list[Proposition], votes: dict[int, str], ranked: dict[int, RankedItem]
) -> None:
    """Templates cannot index dictionaries: each card carries its own vote and placing."""
    for proposition in propositions:
        value, item = votes.get(proposition.pk), ranked.get(proposition.pk)
        setattr(proposition, "viewer_vote", value)  # noqa: B010
        setattr(proposition, "viewer_vote_label", VoteValue(value).label if value else "")  # noqa: B010
        setattr(proposition, "ranked", item)  # noqa: B010
        factors = item.factors if item is not None else ()
        why = [(FACTOR_LABELS.get(name, name), amount) for name, amount in factors]
        setattr(proposition, "why", why)  # noqa: B010


def votes_of(*, viewer: Any, proposition_ids: list[int]) -> dict[int, str]:
    """The viewer's vote value on each of these propositions (one query; none for visitors)."""
    if not getattr(viewer, "is_authenticated", False) or not proposition_ids:
        return {}
    votes = Vote.objects.filter(user=viewer, proposition_id__in=proposition_ids)
    return dict(votes.values_list("proposition_id", "value"))

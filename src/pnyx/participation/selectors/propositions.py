"""Reads of propositions and votes: the ranked list, one proposition, similar titles, drift.

The ranked list costs the same few queries however many propositions and votes there are: the
rankings that sort by one indexed counter run in SQL (COUNT plus one page query); the others read
only (id, counters, created_at) for every proposition, rank them in Python with the registered
pure function and then fetch the page's rows. The viewer's own votes on the page take one query.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, FloatField, Func, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core import search
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
    Feature,
    Participant,
    Phase,
    Process,
    ProcessStatus,
    Proposition,
    PropositionStatus,
    PropositionVersion,
    Question,
    Vote,
    VoteValue,
)
from pnyx.participation.selectors import access

PAGE_SIZE = 20
SIMILAR_LIMIT = 5
SIMILAR_MAX_WORDS = 8
SIMILAR_MIN_WORD_LENGTH = 3
# Words so common in titles that sharing them says nothing (English, French, Spanish).
COMMON_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "our",
        "all",
        "every",
        "que",
        "les",
        "des",
        "une",
        "pour",
        "par",
        "los",
        "las",
        "por",
        "con",
        "una",
        "del",
    ]
)
ROW_COLUMNS = (
    "id",
    "created_at",
    "support_count",
    "agree_count",
    "disagree_count",
    "pass_count",
    "comment_count",
)


@dataclass
class PropositionPage:
    """A page of ranked propositions, the viewer's votes on them and the order's label."""

    page: Page
    votes: dict[int, str]
    output: AlgorithmOutput
    ranking: Ranking
    ranked: dict[int, RankedItem] = field(default_factory=dict)


def listed_propositions(*, process: Process, question_id: int | None = None) -> QuerySet[Any]:
    """The propositions a process lists: published, not hidden, of one question if given."""
    queryset = Proposition.objects.filter(
        process=process, status=PropositionStatus.PUBLISHED, hidden_at__isnull=True
    )
    if question_id is not None:
        queryset = queryset.filter(question_id=question_id)
    return queryset


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


def _page_in_python(
    queryset: QuerySet[Any], ranking: Ranking, context: RankingContext, number: Any, size: int
) -> tuple[Page, dict[int, RankedItem]]:
    ranked = ranking.rank(ranking_rows(queryset), context)
    page = Paginator([item.id for item in ranked], size).get_page(number)
    found = queryset.select_related("author", "question").in_bulk(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    by_id = {item.id: item for item in ranked}
    return page, {pk: by_id[pk] for pk in found}


def _page_in_sql(
    queryset: QuerySet[Any], ranking: Ranking, context: RankingContext, number: Any, size: int
) -> tuple[Page, dict[int, RankedItem]]:
    assert ranking.db_order is not None  # noqa: S101 - only called for SQL-ordered rankings
    ordered = queryset.select_related("author", "question").order_by(
        *ranking.db_order(context.vote_mode)
    )
    page = Paginator(ordered, size).get_page(number)
    page.object_list = list(page.object_list)
    rows = [RankingRow(*(getattr(p, column) for column in ROW_COLUMNS)) for p in page.object_list]
    return page, {item.id: item for item in ranking.rank(rows, context)}


def votes_of(*, viewer: Any, proposition_ids: list[int]) -> dict[int, str]:
    """The viewer's vote value on each of these propositions (one query; none for visitors)."""
    if not getattr(viewer, "is_authenticated", False) or not proposition_ids:
        return {}
    votes = Vote.objects.filter(user=viewer, proposition_id__in=proposition_ids)
    return dict(votes.values_list("proposition_id", "value"))


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
) -> PropositionPage:
    """One page of the process's listed propositions in the order of the ranking `order`.

    `page` is the requested number (malformed or out of range gives a near page, as everywhere);
    `seed` is the visitor's shuffle seed for the random order. The propositions come with their
    author and question; `votes` maps each one's id to the viewer's vote value.
    """
    context = RankingContext(now=now or timezone.now(), seed=seed, vote_mode=process.vote_mode)
    queryset = listed_propositions(process=process, question_id=question_id)
    paginate = _page_in_sql if order.db_order is not None else _page_in_python
    page_obj, ranked = paginate(queryset, order, context, page, per_page)
    ids = [proposition.pk for proposition in page_obj.object_list]
    votes = votes_of(viewer=viewer, proposition_ids=ids)
    for proposition in page_obj.object_list:
        # Templates cannot index dictionaries: each card carries its own vote and placing.
        value, item = votes.get(proposition.pk), ranked.get(proposition.pk)
        setattr(proposition, "viewer_vote", value)  # noqa: B010
        setattr(proposition, "viewer_vote_label", VoteValue(value).label if value else "")  # noqa: B010
        setattr(proposition, "ranked", item)  # noqa: B010
        why = (
            [(FACTOR_LABELS.get(name, name), amount) for name, amount in item.factors]
            if item
            else []
        )
        setattr(proposition, "why", why)  # noqa: B010
    return PropositionPage(
        page=page_obj, votes=votes, output=order.card.output(), ranking=order, ranked=ranked
    )


def proposition_get_visible(*, pk: int, user: Any) -> Proposition:
    """The proposition with its process (organiser, phases), question, author and topics.

    Raises Http404 for an unknown id or a proposition of a draft the person may not see. Hidden
    and withdrawn propositions are returned: their page shows a tombstone or a notice.
    """
    phases = Prefetch("process__phases", queryset=Phase.objects.order_by("position", "starts_at"))
    topics = Prefetch("topics", queryset=Topic.objects.order_by("slug"))
    proposition = (
        Proposition.objects.select_related("process__organisation", "question", "author")
        .prefetch_related(phases, topics)
        .filter(pk=pk)
        .first()
    )
    if proposition is None:
        raise Http404("No such proposition.")
    process = proposition.process
    if process.status == ProcessStatus.DRAFT and not user.has_perm(
        "participation.view_process", process
    ):
        raise Http404("No such proposition.")
    return proposition


def proposition_versions(*, proposition: Proposition) -> list[PropositionVersion]:
    """The earlier wordings of a proposition, latest first."""
    return list(PropositionVersion.objects.filter(proposition=proposition).order_by("-number"))


def vote_of(*, user: Any, proposition: Proposition) -> str | None:
    """The person's vote value on the proposition, None without one (or for visitors)."""
    return votes_of(viewer=user, proposition_ids=[proposition.pk]).get(proposition.pk)


@dataclass(frozen=True)
class SimilarProposition:
    """A proposition whose title or text shares words with a title being typed."""

    proposition: Proposition
    shared_words: tuple[str, ...]


def _title_words(title: str) -> list[str]:
    words: list[str] = []
    for word in search.words(title):
        if len(word) >= SIMILAR_MIN_WORD_LENGTH and word not in COMMON_WORDS and word not in words:
            words.append(word)
    return words[:SIMILAR_MAX_WORDS]


def similar_propositions(
    *, process: Process, title: str, exclude_id: int | None = None
) -> list[SimilarProposition]:
    """Up to five listed propositions of the process sharing the most words with `title`.

    Each word is looked up in the search index on its own (any word may match, as a prefix);
    a proposition scores one per shared word, ties going to the newer. Costs one query per word
    (at most eight) and one for the propositions.
    """
    shared: dict[int, list[str]] = {}
    kind = search.kind_of(Proposition)
    for word in _title_words(title):
        for object_id in search.matching_ids(kind, word):
            shared.setdefault(int(object_id), []).append(word)
    if exclude_id is not None:
        shared.pop(exclude_id, None)
    if not shared:
        return []
    candidates = listed_propositions(process=process).filter(pk__in=list(shared))
    found = candidates.select_related("question").in_bulk()
    best = sorted(found, key=lambda pk: (-len(shared[pk]), -pk))[:SIMILAR_LIMIT]
    return [SimilarProposition(found[pk], tuple(shared[pk])) for pk in best]


@dataclass(frozen=True)
class Drift:
    """A counter that differs from the rows it counts."""

    counter: str
    stored: int
    counted: int


def _vote_counts(process: Process) -> QuerySet[Any]:
    counts = {
        f"n_{value}": Count("votes", filter=Q(votes__value=value)) for value in VoteValue.values
    }
    return Proposition.objects.filter(process=process).annotate(**counts).order_by("pk")


def _proposition_drift(process: Process) -> list[Drift]:
    drift = []
    for proposition in _vote_counts(process):
        for value in VoteValue.values:
            stored = getattr(proposition, f"{value}_count")
            counted = getattr(proposition, f"n_{value}")
            if stored != counted:
                drift.append(Drift(f"proposition {proposition.pk} {value}_count", stored, counted))
    return drift


def _participant_drift(process: Process) -> list[Drift]:
    published = Q(user__propositions__process=process) & Q(
        user__propositions__status=PropositionStatus.PUBLISHED
    )
    participants = Participant.objects.filter(process=process).annotate(
        n_votes=Count("user__votes", filter=Q(user__votes__proposition__process=process)),
    )
    authored = dict(
        Participant.objects.filter(process=process)
        .annotate(n=Count("user__propositions", filter=published))
        .values_list("pk", "n")
    )
    drift = []
    for participant in participants:
        if participant.vote_count != participant.n_votes:
            label = f"participant {participant.user_id} vote_count"
            drift.append(Drift(label, participant.vote_count, participant.n_votes))
        if participant.proposition_count != authored[participant.pk]:
            label = f"participant {participant.user_id} proposition_count"
            drift.append(Drift(label, participant.proposition_count, authored[participant.pk]))
    return drift


def counter_drift(process: Process) -> list[Drift]:
    """Every vote, proposition and participant counter of the process that differs from a
    recount of its rows (an empty list when all agree). Comment counters belong to comments."""
    process = Process.objects.get(pk=process.pk)
    listed = Proposition.objects.filter(process=process, status=PropositionStatus.PUBLISHED)
    totals = [
        ("process proposition_count", process.proposition_count, listed.count()),
        (
            "process vote_count",
            process.vote_count,
            Vote.objects.filter(proposition__process=process).count(),
        ),
        (
            "process participant_count",
            process.participant_count,
            Participant.objects.filter(process=process).count(),
        ),
    ]
    questions = Question.objects.filter(process=process).annotate(
        n=Count("propositions", filter=Q(propositions__status=PropositionStatus.PUBLISHED))
    )
    totals += [(f"question {q.pk} proposition_count", q.proposition_count, q.n) for q in questions]
    drift = [
        Drift(label, stored, counted) for label, stored, counted in totals if stored != counted
    ]
    return drift + _proposition_drift(process) + _participant_drift(process)


def refusal_reason(*, user: Any, process: Process, feature: str, proposition: Any = None) -> str:
    """Why the person may not propose or vote here, in words for the 403 page and the API."""
    if not getattr(user, "is_authenticated", False):
        return str(_("Log in to take part in this consultation."))
    if not has_confirmed_email(user):
        return str(_("Confirm your e-mail address before taking part."))
    if process.status != ProcessStatus.PUBLISHED:
        return str(_("This consultation is not open: it is a draft or has been archived."))
    if feature not in access.open_features(process=process):
        if feature == Feature.PROPOSE:
            return str(_("Proposing is closed in this consultation at the moment."))
        return str(_("Voting is closed in this consultation at the moment."))
    if proposition is not None and proposition.status == PropositionStatus.WITHDRAWN:
        return str(_("This proposition was withdrawn by its author: it takes no new votes."))
    if proposition is not None and proposition.hidden_at is not None:
        return str(_("This proposition was hidden by the moderators."))
    if not access.is_in_audience(user=user, process=process, feature=feature):
        return str(_("This consultation is open to a restricted audience that you are not in."))
    return str(_("You are not allowed to do this."))


def question_get(*, process: Process, pk: int) -> Question | None:
    """The process's question with this id, None for another process's or an unknown one."""
    return Question.objects.filter(process=process, pk=pk).first()


def topics_by_slugs(*, slugs: list[str]) -> list[Topic]:
    """The topics with these slugs (unknown slugs are skipped)."""
    return list(Topic.objects.filter(slug__in=slugs).order_by("slug"))

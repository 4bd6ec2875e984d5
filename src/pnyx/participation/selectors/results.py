"""The results of a consultation: totals, rankings, answers, activity over time, and exports.

Totals are the stored counters (the same numbers every other page shows); the anonymised vote
export lets anyone recount them, and `counters_recount` recounts them from the rows.
"""

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    F,
    FloatField,
    Q,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber, TruncDate
from django.http import Http404

from pnyx.core.export import csv_bytes
from pnyx.participation.models import (
    AnswerState,
    Comment,
    Process,
    ProcessStatus,
    Proposition,
    PropositionStatus,
    Question,
    Vote,
    VoteMode,
)

#: How many propositions each question's ranking shows.
RANKING_SIZE = 20
#: Cells a spreadsheet would read as a formula (or that hide one) get a leading apostrophe.
LIVE = Q(status=PropositionStatus.PUBLISHED, hidden_at__isnull=True)
ANSWERED = (AnswerState.ACCEPTED, AnswerState.REJECTED, AnswerState.IMPLEMENTED)
ACCEPTED = (AnswerState.ACCEPTED, AnswerState.IMPLEMENTED)
VOTES_TOTAL = F("support_count") + F("agree_count") + F("disagree_count") + F("pass_count")


@dataclass(frozen=True)
class Totals:
    propositions: int = 0
    votes: int = 0
    comments: int = 0
    participants: int = 0


@dataclass(frozen=True)
class DayCount:
    day: date
    votes: int
    propositions: int


@dataclass(frozen=True)
class Ranked:
    """A proposition in a ranking with its score (supports, or the agree share in percent)."""

    rank: int
    proposition: Proposition
    score: float


@dataclass(frozen=True)
class QuestionResults:
    question: Question
    totals: Totals
    ranking: list[Ranked]
    live: int
    answered: int
    accepted: int
    days: list[DayCount]

    @property
    def answered_share(self) -> float:
        return self.answered / self.live if self.live else 0.0

    @property
    def accepted_share(self) -> float:
        return self.accepted / self.live if self.live else 0.0


@dataclass(frozen=True)
class ProcessResults:
    process: Process
    totals: Totals
    questions: list[QuestionResults]
    days: list[DayCount]
    live: int = 0
    answered: int = 0
    accepted: int = 0

    @property
    def agree_mode(self) -> bool:
        return self.process.vote_mode == VoteMode.AGREE_DISAGREE

    @property
    def answered_share(self) -> float:
        return self.answered / self.live if self.live else 0.0

    @property
    def accepted_share(self) -> float:
        return self.accepted / self.live if self.live else 0.0


def process_results_get(*, slug: str | None = None, pk: int | None = None) -> Process:
    """A published or archived process by slug or id (Http404 otherwise).

    Results of drafts are not public; callers still check `participation.view_process`.
    """
    found = (
        Process.objects.select_related("organisation")
        .exclude(status=ProcessStatus.DRAFT)
        .filter(**({"slug": slug} if slug is not None else {"pk": pk}))
        .first()
    )
    if found is None:
        raise Http404
    return found


def _ranking(process: Process) -> dict[int, list[Ranked]]:
    """The top RANKING_SIZE live propositions of each question, in one windowed query."""
    if process.vote_mode == VoteMode.AGREE_DISAGREE:
        score: Any = (
            Cast(F("agree_count"), FloatField()) * Value(100.0) / NullIf(VOTES_TOTAL, Value(0))
        )
        order = [F("score").desc(nulls_last=True), F("agree_count").desc(), F("id").desc()]
    else:
        score = Cast(F("support_count"), FloatField())
        order = [F("support_count").desc(), F("id").desc()]
    rows = (
        Proposition.objects.filter(LIVE, process=process)
        .select_related("author")
        .annotate(
            score=score,
            position=Window(RowNumber(), partition_by=[F("question_id")], order_by=order),
        )
        .filter(position__lte=RANKING_SIZE)
        .order_by("question_id", "position")
    )
    ranking: dict[int, list[Ranked]] = defaultdict(list)
    for row in rows:
        ranking[row.question_id].append(
            Ranked(rank=row.position, proposition=row, score=round(row.score or 0.0, 1))
        )
    return ranking


def _question_sums(process: Process) -> dict[int, dict[str, Any]]:
    rows = (
        Proposition.objects.filter(process=process)
        .values("question_id")
        .annotate(
            n_votes=Coalesce(Sum(VOTES_TOTAL), 0),
            n_comments=Coalesce(Sum("comment_count"), 0),
            live=Count("id", filter=LIVE),
            answered=Count("id", filter=LIVE & Q(answer_state__in=ANSWERED)),
            accepted=Count("id", filter=LIVE & Q(answer_state__in=ACCEPTED)),
        )
        .order_by()
    )
    return {row["question_id"]: dict(row) for row in rows}


def _question_participants(process: Process) -> dict[int, int]:
    """How many different people proposed, voted or commented on each question."""
    sources: list[Iterable[tuple[int, int]]] = [
        Proposition.objects.filter(process=process, author__isnull=False)
        .values_list("question_id", "author_id")
        .distinct(),
        Vote.objects.filter(proposition__process=process, user__isnull=False)
        .values_list("proposition__question_id", "user_id")
        .distinct(),
        Comment.objects.filter(proposition__process=process, author__isnull=False)
        .values_list("proposition__question_id", "author_id")
        .distinct(),
    ]
    people: dict[int, set[int]] = defaultdict(set)
    for source in sources:
        for question_id, user_id in source:
            people[question_id].add(user_id)
    return {question_id: len(users) for question_id, users in people.items()}


def _days(process: Process) -> dict[int, dict[date, list[int]]]:
    """Votes and new propositions per question and per day (UTC)."""
    series: dict[int, dict[date, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    votes = (
        Vote.objects.filter(proposition__process=process)
        .annotate(day=TruncDate("created_at"))
        .values("proposition__question_id", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in votes:
        series[row["proposition__question_id"]][row["day"]][0] += row["n"]
    propositions = (
        Proposition.objects.filter(process=process)
        .annotate(day=TruncDate("created_at"))
        .values("question_id", "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    for new in propositions:
        series[new["question_id"]][new["day"]][1] += new["n"]
    return series


def _day_list(per_day: dict[date, list[int]]) -> list[DayCount]:
    return [DayCount(day=d, votes=v, propositions=p) for d, (v, p) in sorted(per_day.items())]


def process_results(*, process: Process) -> ProcessResults:
    """Everything the results page and the results API show, in a fixed number of queries."""
    questions = list(process.questions.all())
    sums, ranking = _question_sums(process), _ranking(process)
    participants, days = _question_participants(process), _days(process)
    all_days: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    per_question = []
    for question in questions:
        row = sums.get(question.pk, {})
        for day, (votes, propositions) in days.get(question.pk, {}).items():
            all_days[day][0] += votes
            all_days[day][1] += propositions
        per_question.append(
            QuestionResults(
                question=question,
                totals=Totals(
                    propositions=question.proposition_count,
                    votes=row.get("n_votes", 0),
                    comments=row.get("n_comments", 0),
                    participants=participants.get(question.pk, 0),
                ),
                ranking=ranking.get(question.pk, []),
                live=row.get("live", 0),
                answered=row.get("answered", 0),
                accepted=row.get("accepted", 0),
                days=_day_list(days.get(question.pk, {})),
            )
        )
    return ProcessResults(
        process=process,
        totals=Totals(
            propositions=process.proposition_count,
            votes=sum(q.totals.votes for q in per_question),
            comments=process.comment_count,
            participants=process.participant_count,
        ),
        questions=per_question,
        days=_day_list(all_days),
        live=sum(q.live for q in per_question),
        answered=sum(q.answered for q in per_question),
        accepted=sum(q.accepted for q in per_question),
    )


# --- exports --------------------------------------------------------------------------------


PROPOSITION_COLUMNS = [
    "id",
    "question_id",
    "question",
    "title",
    "author",
    "created",
    "supports",
    "agrees",
    "disagrees",
    "passes",
    "comments",
    "followers",
    "answer",
]


def proposition_export_rows(*, process: Process) -> Iterator[dict[str, Any]]:
    """One row per live proposition (withdrawn and hidden ones are left out), by question."""
    propositions = (
        Proposition.objects.filter(LIVE, process=process)
        .select_related("question", "author")
        .order_by("question__position", "question_id", "pk")
    )
    for proposition in propositions.iterator(chunk_size=2000):
        yield {
            "id": proposition.pk,
            "question_id": proposition.question_id,
            "question": proposition.question.title,
            "title": proposition.title,
            "author": proposition.author.public_name if proposition.author else "",
            "created": proposition.created_at.date().isoformat(),
            "supports": proposition.support_count,
            "agrees": proposition.agree_count,
            "disagrees": proposition.disagree_count,
            "passes": proposition.pass_count,
            "comments": proposition.comment_count,
            "followers": proposition.follower_count,
            "answer": proposition.answer_state,
        }


def propositions_csv(*, process: Process) -> bytes:
    """The propositions export as CSV bytes."""
    rows = proposition_export_rows(process=process)
    return csv_bytes(PROPOSITION_COLUMNS, ([row[c] for c in PROPOSITION_COLUMNS] for row in rows))


def voter_pseudonym(*, process: Process, user_id: int) -> str:
    """A voter's name in one process's vote export: stable, unlinkable across processes.

    An HMAC keyed with SECRET_KEY, so nobody without the key can test a guess of who voted.
    """
    message = f"participation.votes:{process.pk}:{user_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return digest[:12]


VOTE_COLUMNS = ["voter", "proposition_id", "question_id", "value", "day", "entered_offline"]


def votes_csv(*, process: Process) -> bytes:
    """Every vote of the process, one row each, voters replaced by pseudonyms.

    Rows are sorted, so the same votes always give the same bytes (and the same SHA-256). A vote
    whose voter deleted their account keeps an empty voter cell.
    """
    votes = Vote.objects.filter(proposition__process=process).values_list(
        "user_id",
        "proposition_id",
        "proposition__question_id",
        "value",
        "created_at",
        "entered_offline",
    )
    rows = sorted(
        (
            voter_pseudonym(process=process, user_id=user_id) if user_id else "",
            proposition_id,
            question_id,
            value,
            created_at.date().isoformat(),
            int(offline),
        )
        for user_id, proposition_id, question_id, value, created_at, offline in votes.iterator(
            chunk_size=5000
        )
    )
    return csv_bytes(VOTE_COLUMNS, rows)


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()

"""Recounting a process's counters from the rows they cache (used by the demo and the tests).

Published propositions (not withdrawn) count toward the proposition totals; every comment that
is neither deleted nor hidden counts toward the comment totals; participants are the Participant
rows. Votes are counted per proposition (a process's total is their sum, stored nowhere else).
`selectors.propositions.counter_drift` (area B) checks the vote counters the same way.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from pnyx.participation.models import (
    Comment,
    Follow,
    Process,
    Proposition,
    PropositionStatus,
    Vote,
)

#: The cached counters each proposition row carries, all checked by `counter_drift`.
PROPOSITION_COUNTERS = [
    "support_count",
    "agree_count",
    "disagree_count",
    "pass_count",
    "comment_count",
    "follower_count",
]


@dataclass
class Recount:
    """The true value of every counter of a process, recounted from the rows."""

    process: dict[str, int] = field(default_factory=dict)
    questions: dict[int, int] = field(default_factory=dict)
    propositions: dict[int, dict[str, int]] = field(default_factory=dict)
    participants: dict[int, dict[str, int]] = field(default_factory=dict)


def _per(queryset: QuerySet[Any], key: str, **counts: Any) -> dict[int, dict[str, int]]:
    rows = queryset.values(key).annotate(**counts).order_by()
    return {row[key]: {name: row[name] for name in counts} for row in rows}


def counters_recount(*, process: Process) -> Recount:
    """Recount every counter of the process from its votes, comments, propositions and follows.

    See the module's docstring for what each counter counts.
    """
    published = Proposition.objects.filter(process=process, status=PropositionStatus.PUBLISHED)
    votes = Vote.objects.filter(proposition__process=process)
    comments = Comment.objects.filter(
        proposition__process=process, deleted_at__isnull=True, hidden_at__isnull=True
    )
    counts = {
        "support_count": Count("id", filter=Q(value="support")),
        "agree_count": Count("id", filter=Q(value="agree")),
        "disagree_count": Count("id", filter=Q(value="disagree")),
        "pass_count": Count("id", filter=Q(value="pass")),
    }
    recount = Recount()
    by_proposition = _per(votes, "proposition_id", **counts)
    comment_counts = _per(comments, "proposition_id", n=Count("id"))
    follower_counts = _per(
        Follow.objects.filter(proposition__process=process),
        "proposition_id",
        n=Count("id"),
    )
    zero = dict.fromkeys(counts, 0)
    for pk in Proposition.objects.filter(process=process).values_list("pk", flat=True):
        recount.propositions[pk] = {
            **by_proposition.get(pk, zero),
            "comment_count": comment_counts.get(pk, {"n": 0})["n"],
            "follower_count": follower_counts.get(pk, {"n": 0})["n"],
        }
    question_counts = _per(published, "question_id", n=Count("id"))
    for question_id in process.questions.values_list("pk", flat=True):
        recount.questions[question_id] = question_counts.get(question_id, {"n": 0})["n"]
    recount.participants = _participant_counts(process, published, votes, comments)
    recount.process = {
        "proposition_count": published.count(),
        "comment_count": comments.count(),
        "participant_count": process.participants.count(),
    }
    return recount


def _participant_counts(
    process: Process,
    published: QuerySet[Proposition],
    votes: QuerySet[Vote],
    comments: QuerySet[Comment],
) -> dict[int, dict[str, int]]:
    by_votes = _per(votes, "user_id", n=Count("id"))
    by_propositions = _per(published, "author_id", n=Count("id"))
    by_comments = _per(comments, "author_id", n=Count("id"))
    result = {}
    for user_id in process.participants.values_list("user_id", flat=True):
        result[user_id] = {
            "vote_count": by_votes.get(user_id, {"n": 0})["n"],
            "proposition_count": by_propositions.get(user_id, {"n": 0})["n"],
            "comment_count": by_comments.get(user_id, {"n": 0})["n"],
        }
    return result


def counters_drift(*, process: Process) -> list[str]:
    """Each stored counter of the process that differs from its recount, described in a line."""
    recount = counters_recount(process=process)
    problems = []
    stored_process = {name: getattr(process, name) for name in recount.process}
    problems += [
        f"process.{name}: stored {stored_process[name]}, counted {value}"
        for name, value in recount.process.items()
        if stored_process[name] != value
    ]
    for question_id, stored in process.questions.values_list("pk", "proposition_count"):
        if recount.questions.get(question_id) != stored:
            problems.append(
                f"question {question_id}.proposition_count: stored {stored}, "
                f"counted {recount.questions.get(question_id)}"
            )
    names = PROPOSITION_COUNTERS
    for row in Proposition.objects.filter(process=process).values("pk", *names):
        expected = recount.propositions[row["pk"]]
        problems += [
            f"proposition {row['pk']}.{name}: stored {row[name]}, counted {expected[name]}"
            for name in names
            if row[name] != expected[name]
        ]
    return problems

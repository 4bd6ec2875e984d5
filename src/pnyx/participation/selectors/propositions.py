"""Reads of propositions and votes: one proposition, the viewer's vote, similar titles, drift.

The ranked list of a process's propositions is in `selectors.ranked`.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core import search
from pnyx.core.models import Topic
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
    VoteValue,
)
from pnyx.participation.selectors import access
from pnyx.participation.selectors.ranked import listed_propositions, votes_of

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


def proposition_for_vote(*, pk: int, user: Any) -> Proposition:
    """The proposition with only what a vote reads: its process and the process's phases.

    Raises Http404 like `proposition_get_visible`; the organiser, question, author and topics
    are not loaded (a vote costs three fewer joins and one query less).
    """
    phases = Prefetch("process__phases", queryset=Phase.objects.order_by("position", "starts_at"))
    proposition = (
        Proposition.objects.select_related("process").prefetch_related(phases).filter(pk=pk).first()
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
    recount of its rows (an empty list when all agree). Comment counters belong to comments.

    The process's vote total is not stored (it is the sum of the proposition counters checked
    here), so a process-wide counter cannot drift.
    """
    process = Process.objects.get(pk=process.pk)
    listed = Proposition.objects.filter(process=process, status=PropositionStatus.PUBLISHED)
    totals = [
        ("process proposition_count", process.proposition_count, listed.count()),
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

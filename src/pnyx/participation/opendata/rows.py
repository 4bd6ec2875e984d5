"""The rows of the consultations' datasets, streamed from the database (`datasets` declares
the tables). Only what a visitor can see: published and archived consultations; hidden
propositions and deleted or hidden comments without their text; no author; voters under their
per-consultation pseudonym (`selectors.results.voter_pseudonym`)."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from pnyx.core.models import Topic
from pnyx.core.opendata import ExportContext
from pnyx.participation.models import (
    Comment,
    Phase,
    Process,
    ProcessStatus,
    Proposition,
    Question,
    Vote,
)
from pnyx.participation.selectors.results import voter_pseudonym

PUBLIC_STATUSES = (ProcessStatus.PUBLISHED, ProcessStatus.ARCHIVED)
CHUNK = 2000
VISIBLE, DELETED, HIDDEN = "visible", "deleted", "hidden"


def public_processes() -> QuerySet[Process]:
    """The consultations anyone can see: published and archived ones, by id."""
    return Process.objects.filter(status__in=PUBLIC_STATUSES).order_by("pk")


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("slug").only("slug"))


def process_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    processes = public_processes().prefetch_related(_topics())
    for process in processes.iterator(chunk_size=CHUNK):
        yield {
            "id": process.pk,
            "slug": process.slug,
            "title": process.title,
            "summary": process.summary,
            "body": process.body,
            "organisation_id": process.organisation_id,
            "status": process.status,
            "vote_mode": process.vote_mode,
            "vote_limit": process.vote_limit,
            "support_threshold": process.support_threshold,
            "propose_audience": process.propose_audience,
            "vote_audience": process.vote_audience,
            "comment_audience": process.comment_audience,
            "languages": list(process.languages),
            "topics": [topic.slug for topic in process.topics.all()],
            "published_at": process.published_at,
            "created_at": process.created_at,
        }


def phase_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    phases = Phase.objects.filter(process__status__in=PUBLIC_STATUSES).order_by("pk")
    for phase in phases.iterator(chunk_size=CHUNK):
        yield {
            "id": phase.pk,
            "process_id": phase.process_id,
            "kind": phase.kind,
            "title": phase.title,
            "description": phase.description,
            "starts_at": phase.starts_at,
            "ends_at": phase.ends_at,
            "position": phase.position,
        }


def question_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    questions = Question.objects.filter(process__status__in=PUBLIC_STATUSES).order_by("pk")
    for question in questions.iterator(chunk_size=CHUNK):
        yield {
            "id": question.pk,
            "process_id": question.process_id,
            "title": question.title,
            "description": question.description,
            "position": question.position,
        }


def proposition_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    propositions = (
        Proposition.objects.filter(process__status__in=PUBLIC_STATUSES)
        .prefetch_related(_topics())
        .order_by("pk")
    )
    for proposition in propositions.iterator(chunk_size=CHUNK):
        hidden = proposition.hidden_at is not None
        yield {
            "id": proposition.pk,
            "process_id": proposition.process_id,
            "question_id": proposition.question_id,
            "status": proposition.status,
            "hidden": hidden,
            "hidden_reason": proposition.hidden_reason if hidden else "",
            "title": "" if hidden else proposition.title,
            "body": "" if hidden else proposition.body,
            "topics": [] if hidden else [topic.slug for topic in proposition.topics.all()],
            "entered_offline": proposition.entered_offline,
            "created_at": proposition.created_at,
            "supports": proposition.support_count,
            "agreements": proposition.agree_count,
            "disagreements": proposition.disagree_count,
            "passes": proposition.pass_count,
            "comments": proposition.comment_count,
        }


def _vote_row(process: Process, user_id: int | None, values: tuple[Any, ...]) -> dict[str, Any]:
    proposition_id, value, created_at, offline = values
    return {
        "process_id": process.pk,
        "proposition_id": proposition_id,
        "voter": voter_pseudonym(process=process, user_id=user_id) if user_id else None,
        "value": value,
        "day": created_at.date(),
        "entered_offline": offline,
    }


def _in_voter_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A proposition's votes by pseudonym: the database's order would tell who voted first."""
    return sorted(rows, key=lambda row: (row["voter"] or "", row["value"], row["day"]))


def vote_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    """Every vote, one proposition after another; only one proposition's votes are held."""
    votes = (
        Vote.objects.filter(proposition__process__status__in=PUBLIC_STATUSES)
        .order_by("proposition_id")
        .values_list(
            "proposition__process_id",
            "user_id",
            "proposition_id",
            "value",
            "created_at",
            "entered_offline",
        )
    )
    processes: dict[int, Process] = {}
    current: int | None = None
    pending: list[dict[str, Any]] = []
    for process_id, user_id, proposition_id, *values in votes.iterator(chunk_size=CHUNK * 5):
        if proposition_id != current:
            yield from _in_voter_order(pending)
            current, pending = proposition_id, []
        process = processes.get(process_id)
        if process is None:
            process = processes[process_id] = Process(pk=process_id)
        pending.append(_vote_row(process, user_id, (proposition_id, *values)))
    yield from _in_voter_order(pending)


def _comment_state(deleted_at: Any, hidden_at: Any) -> str:
    if deleted_at is not None:
        return DELETED
    return HIDDEN if hidden_at is not None else VISIBLE


COMMENT_COLUMNS = (
    "pk",
    "proposition__process_id",
    "proposition_id",
    "parent_id",
    "depth",
    "stance",
    "body",
    "created_at",
    "edited_at",
    "deleted_at",
    "hidden_at",
    "hidden_reason",
)


def comment_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    comments = Comment.objects.filter(proposition__process__status__in=PUBLIC_STATUSES)
    rows = comments.order_by("pk").values_list(*COMMENT_COLUMNS)
    for row in rows.iterator(chunk_size=CHUNK):
        pk, process_id, proposition_id, parent_id, depth, stance, body, created_at = row[:8]
        edited_at, deleted_at, hidden_at, hidden_reason = row[8:]
        state = _comment_state(deleted_at, hidden_at)
        visible = state == VISIBLE
        yield {
            "id": pk,
            "process_id": process_id,
            "proposition_id": proposition_id,
            "parent_id": parent_id,
            "depth": depth,
            "state": state,
            "hidden_reason": hidden_reason if state == HIDDEN else "",
            "stance": stance if visible else "",
            "body": body if visible else "",
            "created_at": created_at,
            "edited": visible and edited_at is not None,
        }


def answer_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    """The official answers of propositions that are not hidden."""
    answered = (
        Proposition.objects.filter(process__status__in=PUBLIC_STATUSES, hidden_at__isnull=True)
        .exclude(answer_state="")
        .order_by("pk")
        .values_list("pk", "process_id", "answer_state", "answer_text", "answered_at")
    )
    for pk, process_id, state, text, answered_at in answered.iterator(chunk_size=CHUNK):
        yield {
            "proposition_id": pk,
            "process_id": process_id,
            "state": state,
            "text": text,
            "answered_at": answered_at,
        }

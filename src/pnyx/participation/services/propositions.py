"""Writing, editing and withdrawing propositions.

Counters (process, question, participant) count the published propositions; they change with F()
expressions in the transaction that changes the proposition. Lock order, shared with the votes:
participant, then proposition, then question and process (updated last, held briefly).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.core.permissions import require
from pnyx.core.text import plain_text
from pnyx.participation.models import (
    Comment,
    Participant,
    Process,
    Proposition,
    PropositionStatus,
    PropositionVersion,
    Question,
    Vote,
)

TITLE_MIN_LENGTH = 5
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10000


def _clean_title(title: str) -> tuple[str, list[str]]:
    value = " ".join((title or "").split())
    if not value:
        return value, [_("Give your proposition a title.")]
    if len(value) < TITLE_MIN_LENGTH:
        message = _("Make the title at least %(min)s characters long (it has %(length)s).")
        return value, [message % {"min": TITLE_MIN_LENGTH, "length": len(value)}]
    if len(value) > TITLE_MAX_LENGTH:
        message = _("Keep the title under %(max)s characters (it has %(length)s).")
        return value, [message % {"max": TITLE_MAX_LENGTH, "length": len(value)}]
    return value, []


def _clean_body(body: str) -> tuple[str, list[str]]:
    value = (body or "").strip()
    if not value:
        return value, [_("Explain your proposition in a few sentences.")]
    if len(value) > BODY_MAX_LENGTH:
        message = _("Keep the text under %(max)s characters (it has %(length)s).")
        return value, [message % {"max": BODY_MAX_LENGTH, "length": len(value)}]
    return value, []


def clean_text(*, title: str, body: str) -> tuple[str, str]:
    """The title and body as stored; ValidationError keyed by field with specific messages."""
    clean_title, title_errors = _clean_title(title)
    clean_body, body_errors = _clean_body(body)
    errors = {name: found for name, found in (("title", title_errors), ("body", body_errors))}
    if any(errors.values()):
        raise ValidationError({name: found for name, found in errors.items() if found})
    return clean_title, clean_body


def _index(proposition: Proposition) -> None:
    search.index_object(
        proposition,
        title=proposition.title,
        body=plain_text(proposition.body, limit=BODY_MAX_LENGTH),
    )


def decrement(queryset: QuerySet[Any], field: str, by: int = 1) -> None:
    """Take `by` off a counter, never below zero (rows written without the services, such as
    test fixtures, would otherwise break the column's check; `counter_drift` reports them)."""
    queryset.update(**{field: Greatest(F(field) - by, Value(0))})


def increment(queryset: QuerySet[Any], field: str, by: int = 1) -> None:
    queryset.update(**{field: F(field) + by})


def participant_locked(*, process: Process, person: Any) -> Participant:
    """The person's participant row, created (and counted) on first participation, locked.

    One statement when the row exists (every act but a person's first in the process).
    """
    locked = Participant.objects.select_for_update().filter(process=process, user=person).first()
    if locked is not None:
        return locked
    participant, created = Participant.objects.get_or_create(process=process, user=person)
    if created:
        Process.objects.filter(pk=process.pk).update(participant_count=F("participant_count") + 1)
    return Participant.objects.select_for_update().get(pk=participant.pk)


def proposition_create(
    *,
    actor: Any,
    process: Process,
    question: Question,
    title: str,
    body: str,
    topics: Iterable[Topic] = (),
) -> Proposition:
    """Publish a proposition answering one question of the process.

    Requires `participation.add_proposition` on the process (proposing open, in the audience).
    Raises ValidationError keyed by field (nothing stored) for a question of another process or
    an empty, too short or too long title or text. Indexes the proposition for search and adds
    one to the process, question and participant counters.
    """
    require(actor, "participation.add_proposition", process)
    errors: dict[str, list[str]] = {}
    if question.process_id != process.pk:
        errors["question"] = [_("Choose one of the questions of this consultation.")]
    try:
        title, body = clean_text(title=title, body=body)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        participant = participant_locked(process=process, person=actor)
        proposition = Proposition.objects.create(
            process=process, question=question, author=actor, title=title, body=body
        )
        proposition.topics.set(list(topics))
        _index(proposition)
        Participant.objects.filter(pk=participant.pk).update(
            proposition_count=F("proposition_count") + 1
        )
        Question.objects.filter(pk=question.pk).update(proposition_count=F("proposition_count") + 1)
        Process.objects.filter(pk=process.pk).update(proposition_count=F("proposition_count") + 1)
    return proposition


def _has_reactions(proposition: Proposition) -> bool:
    """Whether anyone voted or commented: from then on, edits keep the earlier wording."""
    return (
        Vote.objects.filter(proposition=proposition).exists()
        or Comment.objects.filter(proposition=proposition).exists()
    )


def proposition_update(
    *,
    actor: Any,
    proposition: Proposition,
    title: str,
    body: str,
    topics: Iterable[Topic] | None = None,
) -> Proposition:
    """Change a proposition's wording (and topics when given).

    Requires `participation.change_proposition` (its author, while it is live). Before anyone
    voted or commented the text is replaced; afterwards the previous wording is kept as a
    PropositionVersion and `version_count` grows, so readers see what they reacted to.
    """
    require(actor, "participation.change_proposition", proposition)
    title, body = clean_text(title=title, body=body)
    with transaction.atomic():
        locked = Proposition.objects.select_for_update().get(pk=proposition.pk)
        if (locked.title, locked.body) != (title, body) and _has_reactions(locked):
            PropositionVersion.objects.create(
                proposition=locked,
                number=locked.version_count,
                title=locked.title,
                body=locked.body,
                created_at=locked.updated_at,
            )
            locked.version_count += 1
        locked.title, locked.body = title, body
        locked.save(update_fields=["title", "body", "version_count", "updated_at"])
        if topics is not None:
            locked.topics.set(list(topics))
        _index(locked)
    return locked


def proposition_withdraw(*, actor: Any, proposition: Proposition) -> Proposition:
    """Withdraw one's own proposition: it stays readable with its votes but takes no new votes.

    Requires `participation.withdraw_proposition`. Takes one off the process, question and
    author's proposition counters. Vote counters are unchanged: the votes are kept, and each
    voter may still take theirs back (`participation.unvote_proposition`).
    """
    require(actor, "participation.withdraw_proposition", proposition)
    with transaction.atomic():
        locked = Proposition.objects.select_for_update().get(pk=proposition.pk)
        if locked.status == PropositionStatus.WITHDRAWN:
            return locked
        locked.status = PropositionStatus.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        decrement(
            Participant.objects.filter(process_id=locked.process_id, user=actor),
            "proposition_count",
        )
        decrement(Question.objects.filter(pk=locked.question_id), "proposition_count")
        decrement(Process.objects.filter(pk=locked.process_id), "proposition_count")
    return locked

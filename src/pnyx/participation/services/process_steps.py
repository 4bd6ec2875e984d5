"""Phases and questions of a consultation: adding, editing, deleting and ordering them.

Part of the `processes` services (re-exported there). Each service requires
`participation.change_process`, checks everything before writing and runs in one transaction;
the process row is locked first so that two organisers editing at once cannot break the rules
(no overlapping phases of one kind; a published consultation keeps a phase and a question).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core.permissions import require
from pnyx.participation.models import Phase, Process, ProcessStatus, Proposition, Question


def _locked(process: Process) -> Process:
    return Process.objects.select_for_update().get(pk=process.pk)


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _check_phase(phase: Phase) -> None:
    errors: dict[str, list[str]] = {}
    try:
        phase.full_clean(exclude=["process", "position"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not errors and phase.ends_at <= phase.starts_at:
        errors["ends_at"] = [_("The phase must end after it starts.")]
    if errors:
        raise ValidationError(errors)
    overlapping = (
        Phase.objects.filter(process_id=phase.process_id, kind=phase.kind)
        .exclude(pk=phase.pk)
        .filter(starts_at__lt=phase.ends_at, ends_at__gt=phase.starts_at)
        .first()
    )
    if overlapping is not None:
        message = _(
            "This phase overlaps the %(kind)s phase from %(start)s to %(end)s. Two phases of the "
            "same kind cannot overlap: change the dates or the kind."
        ) % {
            "kind": overlapping.get_kind_display(),
            "start": _moment(overlapping.starts_at),
            "end": _moment(overlapping.ends_at),
        }
        raise ValidationError({"starts_at": [message]})


def _renumber_phases(process_id: int) -> None:
    """Keep positions in calendar order, so the timeline reads from first to last."""
    phases = Phase.objects.filter(process_id=process_id).order_by("starts_at", "ends_at", "pk")
    for position, phase in enumerate(phases):
        if phase.position != position:
            Phase.objects.filter(pk=phase.pk).update(position=position)


@dataclass
class PhaseDetails:
    kind: str
    starts_at: datetime
    ends_at: datetime
    title: str = ""
    description: str = ""


def _save_phase(phase: Phase, details: PhaseDetails) -> Phase:
    phase.kind = details.kind
    phase.starts_at, phase.ends_at = details.starts_at, details.ends_at
    phase.title, phase.description = details.title.strip(), details.description.strip()
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=phase.process_id).first()
        _check_phase(phase)
        phase.save()
        _renumber_phases(phase.process_id)
    phase.refresh_from_db()
    return phase


def phase_add(*, actor: User, process: Process, details: PhaseDetails) -> Phase:
    """Add a phase; phases are kept in calendar order.

    Requires `participation.change_process`. Raises ValidationError (nothing saved) when the
    phase ends before it starts or overlaps another phase of the same kind.
    """
    require(actor, "participation.change_process", process)
    return _save_phase(Phase(process=process), details)


def phase_update(*, actor: User, phase: Phase, details: PhaseDetails) -> Phase:
    """Change a phase's kind, dates or text; the same checks as `phase_add`."""
    require(actor, "participation.change_process", phase.process)
    return _save_phase(Phase.objects.get(pk=phase.pk), details)


def phase_delete(*, actor: User, phase: Phase) -> None:
    """Delete a phase. Requires `participation.change_process`; refuses (ValidationError) to
    delete the last phase of a published or archived consultation."""
    process = phase.process
    require(actor, "participation.change_process", process)
    with transaction.atomic():
        current = _locked(process)
        if current.status != ProcessStatus.DRAFT and current.phases.count() <= 1:
            raise ValidationError(
                _("A published consultation keeps at least one phase."), code="last_phase"
            )
        Phase.objects.filter(pk=phase.pk).delete()
        _renumber_phases(process.pk)


def _check_question(question: Question) -> None:
    try:
        question.full_clean(exclude=["process", "position", "proposition_count"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error


def question_add(*, actor: User, process: Process, title: str, description: str = "") -> Question:
    """Add a question at the end of the list. Requires `participation.change_process`."""
    require(actor, "participation.change_process", process)
    question = Question(process=process, title=title.strip(), description=description.strip())
    _check_question(question)
    with transaction.atomic():
        _locked(process)
        last = Question.objects.filter(process=process).aggregate(last=Max("position"))["last"]
        question.position = 0 if last is None else last + 1
        question.save()
    return question


def question_update(
    *, actor: User, question: Question, title: str, description: str = ""
) -> Question:
    """Change a question's wording. Requires `participation.change_process`."""
    require(actor, "participation.change_process", question.process)
    current = Question.objects.get(pk=question.pk)
    current.title, current.description = title.strip(), description.strip()
    _check_question(current)
    with transaction.atomic():
        current.save(update_fields=["title", "description"])
    return current


def question_delete(*, actor: User, question: Question) -> None:
    """Delete a question that nobody answered yet.

    Requires `participation.change_process`. Refuses (ValidationError) once the question has a
    proposition, and the last question of a published or archived consultation.
    """
    process = question.process
    require(actor, "participation.change_process", process)
    with transaction.atomic():
        current = _locked(process)
        if Proposition.objects.filter(question_id=question.pk).exists():
            raise ValidationError(
                _("This question already has propositions, so it cannot be deleted."),
                code="has_propositions",
            )
        if current.status != ProcessStatus.DRAFT and current.questions.count() <= 1:
            raise ValidationError(
                _("A published consultation keeps at least one question."), code="last_question"
            )
        Question.objects.filter(pk=question.pk).delete()


def question_move(*, actor: User, question: Question, direction: Literal["up", "down"]) -> None:
    """Swap a question with the one before (`up`) or after it (`down`); nothing at the ends.

    Requires `participation.change_process`. Positions are renumbered 0, 1, 2… on the way.
    """
    require(actor, "participation.change_process", question.process)
    with transaction.atomic():
        _locked(question.process)
        ordered = list(
            Question.objects.filter(process_id=question.process_id).order_by("position", "pk")
        )
        index = next(i for i, item in enumerate(ordered) if item.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered):
            if item.position != position:
                Question.objects.filter(pk=item.pk).update(position=position)

"""Official answers of the organiser to propositions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.participation.models import AnswerState, Proposition
from pnyx.participation.services.notifications import notify

#: The states an organiser may give; "not answered yet" is only the initial state.
ANSWER_STATES = [
    AnswerState.EVALUATING,
    AnswerState.ACCEPTED,
    AnswerState.REJECTED,
    AnswerState.IMPLEMENTED,
]
TEXT_MAX_LENGTH = 10000


def _clean(state: str, text: str) -> tuple[str, str]:
    if state not in ANSWER_STATES:
        message = _("Choose the state of the answer among: %(choices)s.")
        raise ValidationError(
            {"state": message % {"choices": ", ".join(ANSWER_STATES)}}, code="state"
        )
    answer = (text or "").strip()
    if state == AnswerState.REJECTED and not answer:
        raise ValidationError(
            {"text": _("Explain why the proposition is rejected: the reason is required.")},
            code="reason_required",
        )
    if len(answer) > TEXT_MAX_LENGTH:
        message = _("The answer has at most %(limit)s characters.")
        raise ValidationError({"text": message % {"limit": TEXT_MAX_LENGTH}}, code="too_long")
    return state, answer


def proposition_answer(
    *, organiser: User, proposition: Proposition, state: str, text: str
) -> Proposition:
    """Give (or change) the organiser's official answer to a proposition.

    Requires `participation.answer_proposition` (an administrator of the organising organisation
    or a platform administrator). States: evaluating, accepted, rejected (a reason text is then
    required), implemented; ValidationError by field otherwise. Sets `answered_at`/`answered_by`,
    records `participation.proposition_answered` with the state, and after commit notifies the
    author and the followers (`participation.proposition_answered`).
    """
    require(organiser, "participation.answer_proposition", proposition)
    state, answer = _clean(state, text)
    with transaction.atomic():
        current = Proposition.objects.select_for_update().get(pk=proposition.pk)
        previous = current.answer_state
        current.answer_state = state
        current.answer_text = answer
        current.answered_at = timezone.now()
        current.answered_by = organiser
        current.save(update_fields=["answer_state", "answer_text", "answered_at", "answered_by"])
        audit.record(
            action="participation.proposition_answered",
            actor=organiser,
            target=current,
            data={"state": state, "previous_state": previous, "process": current.process_id},
        )
        transaction.on_commit(
            lambda: notify(
                event="participation.proposition_answered",
                actor=organiser,
                proposition=current,
                data={"state": state, "title": current.title[:200]},
            )
        )
    return current

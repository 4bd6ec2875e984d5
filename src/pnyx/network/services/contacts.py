"""Contact requests to practitioners and the conversations they open.

Asking needs `network.contact` (a confirmed address); only one request between the same two
people waits for an answer at a time. The practitioner is notified and answers with
`network.decide_contact`; accepting opens a conversation, where both people (and only they,
`network.read_conversation`) write and see each other's e-mail address.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.network.models import (
    ContactRequest,
    ContactState,
    Conversation,
    HelpRequest,
    Message,
    Practitioner,
)
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people
from pnyx.programs.services.text import required_text

CONTACT_MESSAGE_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 5000


def contact_request_send(
    *,
    actor: Any,
    practitioner: Practitioner,
    message: str,
    help_request: HelpRequest | None = None,
) -> ContactRequest:
    """Ask a practitioner for help; needs `network.contact`. The practitioner must be
    available, not oneself, and not already asked by this person without an answer yet."""
    require(actor, "network.contact", practitioner)
    if practitioner.user_id == actor.pk:
        raise ValidationError(_("You cannot ask yourself for help."), code="self")
    if not practitioner.available:
        raise ValidationError(_("This practitioner is not available at the moment."), "paused")
    text = required_text("message", message, CONTACT_MESSAGE_MAX_LENGTH)
    if help_request is not None and not actor.has_perm(
        "network.ask_help", help_request.organisation
    ):
        refusal = _("Choose a help request of an organisation you belong to.")
        raise ValidationError({"help_request": refusal}, code="help_request")
    waiting = _("You already asked this practitioner; wait for their answer.")
    if ContactRequest.objects.filter(
        sender=actor, recipient_id=practitioner.user_id, state=ContactState.PENDING
    ).exists():
        raise ValidationError(waiting, code="pending")
    try:
        with transaction.atomic():
            contact = ContactRequest.objects.create(
                sender=actor,
                recipient_id=practitioner.user_id,
                help_request=help_request,
                message=text,
            )
    except IntegrityError:  # another tab sent the same request a moment ago
        raise ValidationError(waiting, code="pending") from None
    notify_people(
        event="network.contact_requested",
        people=[practitioner.user_id],
        actor=actor,
        data={"name": actor.public_name, "path": reverse("network:contact-list")},
    )
    return contact


def contact_decide(*, actor: Any, contact: ContactRequest, accept: bool) -> ContactRequest:
    """Accept (opening a conversation) or decline a waiting request addressed to the actor;
    needs `network.decide_contact`. The sender is notified."""
    require(actor, "network.decide_contact", contact)
    with transaction.atomic():
        locked = ContactRequest.objects.select_for_update().get(pk=contact.pk)
        if locked.state != ContactState.PENDING:
            raise ValidationError(_("This request was already answered."), code="decided")
        locked.state = ContactState.ACCEPTED if accept else ContactState.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "decided_at"])
        path = reverse("network:contact-list")
        if accept:
            conversation = Conversation.objects.create(contact=locked)
            path = reverse("network:conversation-detail", kwargs={"pk": conversation.pk})
        notify_people(
            event=f"network.contact_{locked.state}",
            people=[locked.sender_id],
            actor=actor,
            data={"name": actor.public_name, "path": path},
        )
    return locked


def message_send(*, actor: Any, conversation: Conversation, body: str) -> Message:
    """Write in a conversation; needs `network.read_conversation` (one of its two people)."""
    require(actor, "network.read_conversation", conversation)
    return Message.objects.create(
        conversation=conversation,
        author=actor,
        body=required_text("body", body, MESSAGE_MAX_LENGTH),
    )


def register_contact_messages() -> None:
    """Word the notifications of contact requests (called from the app's `ready`)."""
    register_message(
        "network.contact_requested",
        lambda n: _("%(name)s asks you for help.") % {"name": n.data.get("name", "")},
    )
    register_message(
        "network.contact_accepted",
        lambda n: (
            _("%(name)s accepted your contact request: you can now write to each other.")
            % {"name": n.data.get("name", "")}
        ),
    )
    register_message(
        "network.contact_declined",
        lambda n: _("%(name)s declined your contact request.") % {"name": n.data.get("name", "")},
    )

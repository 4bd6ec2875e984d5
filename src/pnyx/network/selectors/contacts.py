"""Reads of contact requests and conversations; each person only reads their own."""

from typing import Any

from django.db.models import Q, QuerySet

from pnyx.network.models import ContactRequest, ContactState, Conversation, Message


def contacts_sent(*, user: Any) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(sender=user)
        .select_related("recipient", "help_request", "conversation")
        .order_by("-created_at", "-pk")
    )


def contacts_received(*, user: Any) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(recipient=user)
        .select_related("sender", "help_request", "conversation")
        .order_by("-created_at", "-pk")
    )


def contact_get(*, pk: int) -> ContactRequest | None:
    return ContactRequest.objects.select_related("sender", "recipient").filter(pk=pk).first()


def pending_contact(*, sender: Any, recipient: Any) -> ContactRequest | None:
    return ContactRequest.objects.filter(
        sender=sender, recipient=recipient, state=ContactState.PENDING
    ).first()


def conversations_of(*, user: Any) -> QuerySet[Conversation]:
    """The person's conversations, the one opened last first."""
    mine = Q(contact__sender=user) | Q(contact__recipient=user)
    return (
        Conversation.objects.filter(mine)
        .select_related("contact__sender", "contact__recipient", "contact__help_request")
        .order_by("-created_at", "-pk")
    )


def conversation_get(*, pk: int) -> Conversation | None:
    return (
        Conversation.objects.select_related("contact__sender", "contact__recipient")
        .filter(pk=pk)
        .first()
    )


def conversation_messages(*, conversation: Conversation, limit: int = 200) -> list[Message]:
    """The latest `limit` messages of a conversation, oldest first."""
    newest = (
        Message.objects.filter(conversation=conversation)
        .select_related("author")
        .order_by("-created_at", "-pk")[:limit]
    )
    return list(reversed(newest))

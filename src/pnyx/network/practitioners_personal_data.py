"""What the practitioner side of the network holds about a person: their practitioner profile,
their contact requests and messages, and the help requests and answers they wrote."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data, search
from pnyx.network.models import (
    ContactRequest,
    ContactState,
    ExpertAnswer,
    HelpRequest,
    Message,
    Practitioner,
)


def export_profile(person: Any) -> list[dict[str, Any]]:
    """The practitioner profile, as one row (none when the person never offered help)."""
    found = Practitioner.objects.filter(user=person).prefetch_related("topics", "tools").first()
    if found is None:
        return []
    return [
        {
            "headline": found.headline,
            "available": found.available,
            "topics": sorted(topic.slug for topic in found.topics.all()),
            "tools": sorted(tool.slug for tool in found.tools.all()),
            "languages": list(found.languages),
            "countries": list(found.countries),
            "hours_per_month": found.hours_per_month,
            "data_expert": found.data_expert,
            "updated_at": found.updated_at.isoformat(),
        }
    ]


def delete_profile(person: Any) -> None:
    with transaction.atomic():
        for practitioner in Practitioner.objects.filter(user=person):
            search.remove_object(practitioner)
            practitioner.delete()


def export_contacts(person: Any) -> list[dict[str, Any]]:
    """Contact requests sent and received, and the messages the person wrote, oldest first."""
    requests = (
        ContactRequest.objects.filter(Q(sender=person) | Q(recipient=person))
        .select_related("sender", "recipient")
        .order_by("created_at", "pk")
    )
    rows: list[dict[str, Any]] = [
        {
            "event": "network.contact_sent"
            if request.sender_id == person.pk
            else "network.contact_received",
            "with": (
                request.recipient if request.sender_id == person.pk else request.sender
            ).public_name,
            "message": request.message,
            "state": request.state,
            "created_at": request.created_at.isoformat(),
        }
        for request in requests
    ]
    rows += [
        {
            "event": "network.message_written",
            "conversation": message.conversation_id,
            "message": message.body,
            "created_at": message.created_at.isoformat(),
        }
        for message in Message.objects.filter(author=person).order_by("created_at", "pk")
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def anonymise_contacts(person: Any) -> None:
    """Empty the person's messages and forget they wrote them; delete their contact requests
    that opened no conversation, and empty the text of those that did (the other person keeps
    the conversation and their own messages)."""
    with transaction.atomic():
        Message.objects.filter(author=person).update(body="", author=None)
        mine = ContactRequest.objects.filter(Q(sender=person) | Q(recipient=person))
        mine.exclude(state=ContactState.ACCEPTED).delete()
        mine.filter(sender=person).update(message="")


def export_help(person: Any) -> list[dict[str, Any]]:
    """The help requests and answers the person wrote, oldest first."""
    rows: list[dict[str, Any]] = [
        {
            "event": "network.help_requested",
            "title": help_request.title,
            "url": help_request.get_absolute_url(),
            "created_at": help_request.created_at.isoformat(),
        }
        for help_request in HelpRequest.objects.filter(author=person).order_by("created_at", "pk")
    ]
    rows += [
        {
            "event": "network.answer_written",
            "help_request": answer.help_request_id,
            "answer": answer.body,
            "created_at": answer.created_at.isoformat(),
        }
        for answer in ExpertAnswer.objects.filter(author=person).order_by("created_at", "pk")
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def anonymise_help(person: Any) -> None:
    """Forget who wrote the help requests and answers: they stay, as the organisation's
    requests and as anonymous answers."""
    with transaction.atomic():
        HelpRequest.objects.filter(author=person).update(author=None)
        ExpertAnswer.objects.filter(author=person).update(author=None)


def register_sources() -> None:
    """Declare the sources in the core registry (called from `NetworkConfig.ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="network.practitioner",
            label=_("Your practitioner profile"),
            description=_(
                "What you offered to help with: headline, topics, tools, languages, countries, "
                "hours a month and help with data sets."
            ),
            export=export_profile,
            anonymise=delete_profile,
            purpose=_("To let organisations find you and ask you for help."),
            visibility=personal_data.Visibility.PUBLIC,
            seen_by=_(
                "Everyone sees your profile in the directory while it is not paused. Your e-mail "
                "address is never shown there."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="network.contacts",
            label=_("Your contact requests and conversations"),
            description=_(
                "The contact requests you sent and received, and the messages you wrote in "
                "conversations."
            ),
            export=export_contacts,
            anonymise=anonymise_contacts,
            purpose=_("To put people who ask for help in touch with practitioners."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_(
                "Only the other person of each request and conversation. Once a request is "
                "accepted, each of you sees the other's e-mail address."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="network.help",
            label=_("Help requests and answers you wrote"),
            description=_(
                "The help requests you posted for an organisation and your answers to requests "
                "about data sets."
            ),
            export=export_help,
            anonymise=anonymise_help,
            purpose=_("To show organisations' help requests and the answers of experts."),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees the help requests and answers; your public name is shown beside "
                "your answers."
            ),
        )
    )

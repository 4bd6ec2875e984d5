"""Factories for the network: practitioners, help requests, answers, contact requests and
conversations. Organisations and people come from the orgs and accounts tests, tools from the
toolbox tests."""

import factory

from pnyx.core.models import Topic
from pnyx.network.models import (
    ContactRequest,
    ContactState,
    Conversation,
    ExpertAnswer,
    HelpKind,
    HelpRequest,
    Message,
    Practitioner,
)
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.programs.factories import add_admin, add_member

__all__ = [
    "ContactRequestFactory",
    "ConversationFactory",
    "ExpertAnswerFactory",
    "HelpRequestFactory",
    "MessageFactory",
    "OrganisationFactory",
    "PractitionerFactory",
    "UserFactory",
    "add_admin",
    "add_member",
    "topics",
]


def topics(*slugs):
    """The topic rows of these slugs (the taxonomy's migration creates them)."""
    return list(Topic.objects.filter(slug__in=slugs))


class PractitionerFactory(factory.django.DjangoModelFactory):
    """An available practitioner (not indexed for search: use the service for that).

    Pass `topics=[...]` or `tools=[...]` (rows) to set them."""

    class Meta:
        model = Practitioner
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    headline = factory.Sequence(lambda n: f"I help with open data, case {n}")
    languages = factory.LazyFunction(lambda: ["en"])
    countries = factory.LazyFunction(lambda: ["FR"])
    hours_per_month = 4

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """An open "help" request; pass `kind=HelpKind.DATA` with a `dataset_url` for data."""

    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    author = None
    kind = HelpKind.HELP
    title = factory.Sequence(lambda n: f"We need help with our budget portal {n}")
    body = "We publish the **budget** and nobody reads it."
    languages = factory.LazyFunction(lambda: ["en"])
    country = "FR"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def tools(self, create, extracted, **kwargs):
        if create and extracted:
            self.tools.set(extracted)


class ExpertAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertAnswer

    help_request = factory.SubFactory(
        HelpRequestFactory, kind=HelpKind.DATA, dataset_url="https://data.example.org/budget.csv"
    )
    author = factory.SubFactory(UserFactory)
    body = "Column C holds the **amounts** in thousands."


class ContactRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactRequest

    sender = factory.SubFactory(UserFactory)
    recipient = factory.SubFactory(UserFactory)
    message = "Could you help us read our budget data?"
    state = ContactState.PENDING


class ConversationFactory(factory.django.DjangoModelFactory):
    """The conversation of an accepted contact request."""

    class Meta:
        model = Conversation

    contact = factory.SubFactory(ContactRequestFactory, state=ContactState.ACCEPTED)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.LazyAttribute(lambda message: message.conversation.contact.sender)
    body = "Thanks for accepting!"

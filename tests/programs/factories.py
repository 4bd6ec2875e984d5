"""Factories for programs and charters; organisations, people and propositions come from the
orgs and participation tests."""

import factory

from pnyx.orgs.models import Membership, MembershipStatus, Role
from pnyx.programs.models import Document, Measure, Section
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.participation.factories import ProcessFactory, PropositionFactory

__all__ = [
    "DocumentFactory",
    "MeasureFactory",
    "ProcessFactory",
    "PropositionFactory",
    "SectionFactory",
    "UserFactory",
    "add_admin",
    "add_member",
]


class DocumentFactory(factory.django.DjangoModelFactory):
    """A draft program with no section (nothing published)."""

    class Meta:
        model = Document

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    summary = "Our **commitments**."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    document = factory.SubFactory(DocumentFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    position = factory.Sequence(lambda n: n)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"Measure {n}: open every budget line")
    position = factory.Sequence(lambda n: n)


def _join(organisation, role, user=None):
    person = user or UserFactory()
    Membership.objects.update_or_create(
        organisation=organisation,
        user=person,
        defaults={"role": role, "status": MembershipStatus.ACTIVE},
    )
    return person


def add_admin(organisation, user=None):
    """Make a person (a new one by default) an administrator of the organisation."""
    return _join(organisation, Role.ADMIN, user)


def add_member(organisation, user=None):
    """Make a person (a new one by default) a plain member of the organisation."""
    return _join(organisation, Role.MEMBER, user)

"""Factories for consultations; people and organisations come from the accounts and orgs tests."""

from datetime import timedelta

import factory
from django.db.models import F
from django.utils import timezone

from pnyx.orgs.models import Membership, MembershipStatus, Role
from pnyx.participation.models import (
    Comment,
    Phase,
    PhaseKind,
    Process,
    ProcessStatus,
    Proposition,
    PropositionStatus,
    Question,
    Report,
    ReportReason,
    Stance,
)
from tests.orgs.factories import OrganisationFactory, UserFactory

__all__ = [
    "CommentFactory",
    "OrganisationFactory",
    "PhaseFactory",
    "ProcessFactory",
    "PropositionFactory",
    "QuestionFactory",
    "ReportFactory",
    "UserFactory",
    "add_organiser",
]


class ProcessFactory(factory.django.DjangoModelFactory):
    """A published process whose proposing phase runs now (pass `phase=None` for no phase)."""

    class Meta:
        model = Process
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Consultation {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    summary = "What should the city do with its open data?"
    body = "We ask **everyone**."
    status = ProcessStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def phase(self, create, extracted, **kwargs):
        if create and extracted is not False:
            PhaseFactory(process=self, kind=extracted or PhaseKind.PROPOSING)


class PhaseFactory(factory.django.DjangoModelFactory):
    """A phase running from yesterday to next month."""

    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory, phase=False)
    kind = PhaseKind.PROPOSING
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    position = factory.Sequence(lambda n: n)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Question {n}: how do we open government?")
    position = factory.Sequence(lambda n: n)


class PropositionFactory(factory.django.DjangoModelFactory):
    """A proposition written directly, counted like the service counts it on its process and
    question (the listing reads those counters for its total); no participant row, no search
    entry, vote counters as given. Use the services to vote on it."""

    class Meta:
        model = Proposition
        skip_postgeneration_save = True

    question = factory.SubFactory(QuestionFactory)
    process = factory.LazyAttribute(lambda proposition: proposition.question.process)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}: publish every budget line")
    body = "Each line of the budget, **online**, in open formats."

    @factory.post_generation
    def counted(self, create, extracted, **kwargs):
        if create and self.status == PropositionStatus.PUBLISHED:
            one_more = {"proposition_count": F("proposition_count") + 1}
            Process.objects.filter(pk=self.process_id).update(**one_more)
            Question.objects.filter(pk=self.question_id).update(**one_more)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment row written directly (counters untouched); use the service to count it."""

    class Meta:
        model = Comment

    proposition = factory.SubFactory(PropositionFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Comment {n}: publish the data **now**.")
    stance = Stance.FOR


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    proposition = factory.SubFactory(PropositionFactory)
    process = factory.LazyAttribute(lambda report: report.proposition.process)
    reporter = factory.SubFactory(UserFactory)
    reason = ReportReason.SPAM


def add_organiser(process: Process, user=None):
    """Make `user` (a new person by default) an administrator of the process's organisation."""
    person = user or UserFactory()
    Membership.objects.update_or_create(
        organisation=process.organisation,
        user=person,
        defaults={"role": Role.ADMIN, "status": MembershipStatus.ACTIVE},
    )
    return person

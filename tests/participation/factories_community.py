"""Factories of area C (comments, reports); the lead may merge them into factories.py."""

import factory

from pnyx.participation.models import Comment, Report, ReportReason, Stance
from tests.participation.factories import PropositionFactory, UserFactory


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

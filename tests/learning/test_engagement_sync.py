"""The entries Pnyx keeps from a learner's activity in consultations: totals and dates only,
refreshed without duplicates, removed when the activity goes unless an application rests on
them."""

import datetime

import pytest
from django.utils import timezone

from pnyx.learning.models import EngagementEntry, EngagementSource
from pnyx.learning.services.engagement_sync import engagement_refresh
from pnyx.participation.models import Process, ProcessStatus, Vote, VoteValue
from tests.learning.factories import CreditApplicationFactory, UserFactory
from tests.participation.factories import (
    CommentFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def take_part(person, title="City budget 2025", propositions=2, comments=1, votes=3):
    """Give the person activity in a new consultation; returns the consultation."""
    process = ProcessFactory(title=title)
    question = QuestionFactory(process=process)
    for _ in range(propositions):
        PropositionFactory(question=question, author=person)
    other = PropositionFactory(question=question)
    for _ in range(comments):
        CommentFactory(proposition=other, author=person)
    for _ in range(votes):
        target = PropositionFactory(question=question)
        Vote.objects.create(
            proposition=target,
            user=person,
            value=VoteValue.SUPPORT,
            created_at=datetime.datetime(2025, 1, 10, 12, tzinfo=datetime.UTC),
        )
    return process


def test_a_consultation_becomes_one_entry_of_totals():
    person = UserFactory()
    process = take_part(person)
    engagement_refresh(learner=person)
    entry = EngagementEntry.objects.get()
    assert entry.source == EngagementSource.PNYX
    assert entry.source_key == f"participation.process:{process.pk}"
    assert entry.activity == "City budget 2025"
    assert entry.organisation == process.organisation
    assert entry.description == "2 propositions, 1 comment, 3 votes in City budget 2025"
    assert entry.started_on == datetime.date(2025, 1, 10)
    assert entry.ended_on == timezone.localdate()
    assert entry.shared is False


def test_kinds_at_zero_are_left_out_and_what_was_voted_never_appears():
    person = UserFactory()
    take_part(person, title="Parks plan", propositions=0, comments=0, votes=1)
    engagement_refresh(learner=person)
    entry = EngagementEntry.objects.get()
    assert entry.description == "1 vote in Parks plan"
    assert "support" not in entry.description.lower()


def test_refreshing_again_writes_nothing_new(django_assert_max_num_queries):
    person = UserFactory()
    take_part(person)
    engagement_refresh(learner=person)
    before = EngagementEntry.objects.get()
    with django_assert_max_num_queries(7):
        engagement_refresh(learner=person)
    after = EngagementEntry.objects.get()
    assert after.pk == before.pk
    assert after.updated_at == before.updated_at


def test_new_activity_updates_the_totals():
    person = UserFactory()
    process = take_part(person, votes=1)
    engagement_refresh(learner=person)
    PropositionFactory(question=process.questions.get(), author=person)
    engagement_refresh(learner=person)
    assert EngagementEntry.objects.get().description == (
        "3 propositions, 1 comment, 1 vote in City budget 2025"
    )


def test_an_entry_whose_activity_went_is_removed_unless_an_application_rests_on_it():
    person = UserFactory()
    gone = take_part(person, title="Old consultation")
    kept = take_part(person, title="Applied consultation")
    engagement_refresh(learner=person)
    applied = EngagementEntry.objects.get(activity="Applied consultation")
    CreditApplicationFactory(learner=person, entries=[applied])
    # Back to draft: the consultations no longer count, as if the activity went.
    Process.objects.filter(pk__in=[gone.pk, kept.pk]).update(status=ProcessStatus.DRAFT)
    engagement_refresh(learner=person)
    assert list(EngagementEntry.objects.values_list("activity", flat=True)) == [
        "Applied consultation"
    ]


def test_the_written_entries_are_left_alone():
    person = UserFactory()
    EngagementEntry.objects.create(
        learner=person, activity="Beach clean-up", started_on=datetime.date(2024, 5, 1)
    )
    engagement_refresh(learner=person)
    assert list(EngagementEntry.objects.values_list("activity", flat=True)) == ["Beach clean-up"]

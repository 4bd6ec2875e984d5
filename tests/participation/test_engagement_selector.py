"""One person's engagement per consultation: totals and dates only, counting what stays public."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pnyx.participation.models import ProcessStatus, PropositionStatus, Vote, VoteValue
from pnyx.participation.selectors.engagement import engagement_by_process
from tests.participation.factories import (
    CommentFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _vote(person, proposition, when):
    return Vote.objects.create(
        proposition=proposition, user=person, value=VoteValue.SUPPORT, created_at=when
    )


def test_totals_and_dates_per_consultation(django_assert_max_num_queries):
    person = UserFactory()
    now = timezone.now()
    budget = QuestionFactory(process=ProcessFactory(title="City budget 2025"))
    parks = QuestionFactory(process=ProcessFactory(title="Parks plan"))
    mine = PropositionFactory(question=budget, author=person)
    mine.created_at = now - timedelta(days=30)
    mine.save(update_fields=["created_at"])
    PropositionFactory(question=budget, author=person)
    others = PropositionFactory(question=budget)
    CommentFactory(proposition=others, author=person, created_at=now - timedelta(days=10))
    _vote(person, others, now - timedelta(days=40))
    _vote(person, PropositionFactory(question=parks), now - timedelta(days=2))
    with django_assert_max_num_queries(4):
        found = engagement_by_process(person=person)
    assert [
        (item.process.title, item.propositions, item.comments, item.votes) for item in found
    ] == [
        ("City budget 2025", 2, 1, 1),
        ("Parks plan", 0, 0, 1),
    ]
    assert found[0].first_at == now - timedelta(days=40)
    assert found[1].first_at == found[1].last_at == now - timedelta(days=2)


def test_hidden_withdrawn_deleted_and_draft_activity_does_not_count():
    person = UserFactory()
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    PropositionFactory(question=question, author=person, status=PropositionStatus.WITHDRAWN)
    PropositionFactory(question=question, author=person, hidden_at=timezone.now())
    other = PropositionFactory(question=question)
    CommentFactory(proposition=other, author=person, deleted_at=timezone.now())
    CommentFactory(proposition=other, author=person, hidden_at=timezone.now())
    draft = QuestionFactory(process=ProcessFactory(status=ProcessStatus.DRAFT))
    PropositionFactory(question=draft, author=person)
    assert engagement_by_process(person=person) == []


def test_nothing_for_anonymous_people_or_people_who_took_no_part():
    assert engagement_by_process(person=None) == []
    assert engagement_by_process(person=UserFactory()) == []

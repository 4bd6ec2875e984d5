"""SECURITY.md case 1 with real threads, each on its own database connection.

Runs on the database of the test run: SQLite (a file, so every thread opens its own connection and
IMMEDIATE transactions serialise the writers) or PostgreSQL (row locks taken by select_for_update).
The last test needs PostgreSQL and is skipped, with a message, elsewhere.
"""

import threading

import pytest
from django.db import connection

from pnyx.accounts.models import User
from pnyx.participation.models import Participant, Proposition, Vote, VoteMode
from pnyx.participation.selectors.processes import process_vote_count
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.services import votes
from pnyx.participation.services.propositions import proposition_create
from tests.participation.factories import ProcessFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 32


def propose_in(process):
    return proposition_create(
        actor=UserFactory(),
        process=process,
        question=QuestionFactory(process=process),
        title="Publish every budget line",
        body="Online, each month.",
    )


def in_parallel(count, act):
    """Run act(i) in `count` threads released together; return the exceptions they raised."""
    barrier = threading.Barrier(count)
    failures = []

    def worker(index):
        try:
            barrier.wait(timeout=30)
            act(index)
        except Exception as error:  # noqa: BLE001 - the test asserts on every failure
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def cast(user_id, proposition_id, value):
    """What one request does: load the person and the proposition, then vote."""
    person = User.objects.get(pk=user_id)
    proposition = Proposition.objects.select_related("process").get(pk=proposition_id)
    votes.vote_cast(person=person, proposition=proposition, value=value)


def test_32_identical_parallel_votes_leave_one_vote_and_add_one():
    proposition = propose_in(ProcessFactory())
    person = UserFactory()

    failures = in_parallel(PARALLEL, lambda i: cast(person.pk, proposition.pk, "support"))

    assert failures == []
    proposition.refresh_from_db()
    assert Vote.objects.filter(proposition=proposition).count() == 1
    assert proposition.support_count == 1
    assert Participant.objects.get(user=person).vote_count == 1
    assert counter_drift(proposition.process) == []


def test_parallel_votes_of_many_people_are_all_counted():
    proposition = propose_in(ProcessFactory())
    people = [UserFactory().pk for _ in range(PARALLEL)]

    failures = in_parallel(PARALLEL, lambda i: cast(people[i], proposition.pk, "support"))

    assert failures == []
    proposition.refresh_from_db()
    assert proposition.support_count == PARALLEL
    assert process_vote_count(process=proposition.process) == PARALLEL
    assert counter_drift(proposition.process) == []


def test_parallel_changes_of_one_vote_keep_exactly_one_count():
    process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE)
    proposition = propose_in(process)
    person = UserFactory()
    values = ["agree", "disagree", "pass"]

    failures = in_parallel(PARALLEL, lambda i: cast(person.pk, proposition.pk, values[i % 3]))

    assert failures == []
    proposition.refresh_from_db()
    assert proposition.vote_total == 1
    assert Vote.objects.get(proposition=proposition).value == (
        "agree" if proposition.agree_count else "disagree" if proposition.disagree_count else "pass"
    )
    assert counter_drift(process) == []


def test_the_vote_limit_holds_against_parallel_votes_on_different_propositions():
    process = ProcessFactory(vote_limit=3)
    propositions = [propose_in(process).pk for _ in range(8)]
    person = UserFactory()

    failures = in_parallel(8, lambda i: cast(person.pk, propositions[i], "support"))

    assert len(failures) == 5
    assert {type(failure).__name__ for failure in failures} == {"ValidationError"}
    assert Vote.objects.filter(user=person).count() == 3
    assert Participant.objects.get(user=person).vote_count == 3
    assert counter_drift(process) == []


def test_postgresql_row_locks_serialise_one_persons_votes_across_propositions():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://… to test row locks")
    process = ProcessFactory(vote_limit=10)
    propositions = [propose_in(process).pk for _ in range(16)]
    person = UserFactory()

    failures = in_parallel(PARALLEL, lambda i: cast(person.pk, propositions[i % 16], "support"))

    assert {type(failure).__name__ for failure in failures} <= {"ValidationError"}
    assert Vote.objects.filter(user=person).count() == 10
    assert Participant.objects.get(user=person).vote_count == 10
    assert counter_drift(process) == []

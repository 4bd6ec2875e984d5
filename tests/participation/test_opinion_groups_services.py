"""Computing, storing and queuing a consultation's opinion groups."""

from contextlib import suppress
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pnyx.core.models import Job, JobStatus
from pnyx.core.tasks import run_due_jobs
from pnyx.participation import opinion_groups as og
from pnyx.participation.models import OpinionGroupsRun, Participant, VoteMode
from pnyx.participation.selectors.opinion_groups import run_positions
from pnyx.participation.services import opinion_groups as services
from pnyx.participation.services.votes import vote_cast, vote_withdraw
from tests.participation.factories import ProcessFactory, PropositionFactory, UserFactory
from tests.participation.opinion_groups_data import adjusted_rand_index, voted_process

pytestmark = pytest.mark.django_db


def test_a_recompute_stores_the_groups_of_the_latest_votes():
    process, items, people, truth = voted_process((10, 8), propositions=8)

    run = services.opinion_groups_recompute(process=process)

    assert run.algorithm_version == og.ALGORITHM_VERSION
    assert run.parameters == og.parameters()
    assert (run.vote_count, run.participant_count, run.proposition_count) == (144, 18, 8)
    assert run.grouped_count == 18
    assert [group["size"] for group in run.groups] == [10, 8]
    assert set(run.silhouettes) == {"2"}  # everyone votes like their group: two positions
    positions = run_positions(run=run)
    participant_of = dict(Participant.objects.filter(process=process).values_list("pk", "user_id"))
    user_rows = {person.pk: row for row, person in enumerate(people)}
    found = [positions.group_of[i] for i in range(len(positions.ids))]
    expected = [truth[user_rows[participant_of[pk]]] for pk in positions.ids.tolist()]
    assert adjusted_rand_index(found, expected) == 1.0
    representative = run.groups[0]["representative"]
    assert {entry["proposition"] for entry in representative} <= {item.pk for item in items}
    scores = [entry["score"] for entry in run.consensus]
    assert scores == sorted(scores, reverse=True)
    assert len(run.consensus) == 8
    assert all(len(entry["agree"]) == 2 for entry in run.consensus)


def test_hidden_propositions_and_their_votes_are_left_out():
    process, items, _people, _truth = voted_process((8, 8), propositions=8)
    items[0].hidden_at = timezone.now()
    items[0].save()

    run = services.opinion_groups_recompute(process=process)

    assert run.proposition_count == 7
    assert run.vote_count == 16 * 7
    assert items[0].pk not in {entry["proposition"] for entry in run.consensus}


def test_a_support_only_process_has_no_opinion_groups():
    process = ProcessFactory(vote_mode=VoteMode.SUPPORT)

    with pytest.raises(ValidationError, match="agree, disagree or pass"):
        services.opinion_groups_recompute(process=process)

    assert not OpinionGroupsRun.objects.exists()


def test_runs_are_kept_as_history_and_only_the_latest_keep_positions():
    process, _items, _people, _truth = voted_process((6, 6), propositions=6)

    runs = [services.opinion_groups_recompute(process=process) for _ in range(7)]

    assert OpinionGroupsRun.objects.filter(process=process).count() == 7
    kept = [len(run_positions(run=run).ids) for run in runs]
    assert kept == [0, 0, 12, 12, 12, 12, 12]
    assert all(run.groups for run in OpinionGroupsRun.objects.filter(process=process))


def agree_proposition():
    return PropositionFactory(question__process__vote_mode=VoteMode.AGREE_DISAGREE)


def test_a_vote_queues_one_recompute_a_minute_later_and_later_votes_join_it():
    proposition = agree_proposition()
    before = timezone.now()

    vote_cast(person=UserFactory(), proposition=proposition, value="agree")
    vote_cast(person=UserFactory(), proposition=proposition, value="disagree")

    job = Job.objects.get()
    assert job.name == "participation.opinion_groups_recompute"
    assert job.key == f"participation.opinion_groups_recompute:{proposition.process_id}"
    assert job.kwargs == {"process_id": proposition.process_id}
    assert job.run_after >= before + timedelta(seconds=services.RECOMPUTE_DELAY_SECONDS)


def test_once_the_job_is_committed_later_votes_skip_even_the_lookup(
    django_assert_num_queries, django_capture_on_commit_callbacks
):
    proposition = agree_proposition()
    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(person=UserFactory(), proposition=proposition, value="agree")

    with django_assert_num_queries(0):
        services.opinion_groups_schedule(process=proposition.process)


def test_a_rolled_back_change_silences_no_later_vote(django_capture_on_commit_callbacks):
    proposition = agree_proposition()
    with (
        django_capture_on_commit_callbacks(execute=True),
        suppress(RuntimeError),
        transaction.atomic(),
    ):
        services.opinion_groups_schedule(process=proposition.process)
        raise RuntimeError("the vote failed")
    assert not Job.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        vote_cast(person=UserFactory(), proposition=proposition, value="agree")

    assert Job.objects.count() == 1


def test_changing_or_taking_back_a_vote_also_queues_a_recompute():
    proposition = agree_proposition()
    person = UserFactory()
    vote_cast(person=person, proposition=proposition, value="agree")
    Job.objects.all().delete()

    vote_withdraw(person=person, proposition=proposition)

    assert Job.objects.filter(kwargs__process_id=proposition.process_id).count() == 1


def test_support_votes_queue_nothing():
    proposition = PropositionFactory(question__process__vote_mode=VoteMode.SUPPORT)

    vote_cast(person=UserFactory(), proposition=proposition, value="support")

    assert not Job.objects.exists()


def test_the_queued_job_computes_the_groups_when_it_is_due():
    process, items, _people, _truth = voted_process((6, 6), propositions=6)
    vote_cast(person=UserFactory(), proposition=items[0], value="agree")

    assert run_due_jobs() == 0  # not due for a minute
    ran = run_due_jobs(now=timezone.now() + timedelta(minutes=2))

    assert ran == 1
    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    run = OpinionGroupsRun.objects.get(process=process)
    assert job.result == {"run": run.pk, "groups": 2}
    assert run.vote_count == 12 * 6 + 1


def test_a_job_for_a_process_switched_to_supports_does_nothing():
    process, _items, _people, _truth = voted_process((6, 6), propositions=6)
    services.opinion_groups_schedule(process=process)
    process.vote_mode = VoteMode.SUPPORT
    process.save()

    run_due_jobs(now=timezone.now() + timedelta(minutes=2))

    assert Job.objects.get().result == {"run": 0, "groups": 0}
    assert not OpinionGroupsRun.objects.exists()

"""The demo consultation: size, exact counters, answers, follows, and idempotence."""

import pytest
from allauth.account.models import EmailAddress

from pnyx.accounts import demo as accounts_demo
from pnyx.core.models import AuditEntry
from pnyx.orgs import demo as orgs_demo
from pnyx.participation import demo
from pnyx.participation.models import (
    Comment,
    Follow,
    Notification,
    Phase,
    Process,
    ProcessStatus,
    Proposition,
    Vote,
)
from pnyx.participation.selectors.access import open_features
from pnyx.participation.selectors.processes import process_vote_count
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.selectors.recount import counters_drift

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(django_capture_on_commit_callbacks):
    accounts_demo.load()
    orgs_demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    return Process.objects.get(title="Democracy Night")


def test_the_demo_has_the_size_of_democracy_night(loaded):
    process = loaded

    assert process.status == ProcessStatus.PUBLISHED
    assert process.organisation.name == "Open Budget Lab"
    assert process.questions.count() == 3
    assert Proposition.objects.filter(process=process).count() >= 70
    assert Vote.objects.filter(proposition__process=process).count() >= 2000
    assert Comment.objects.filter(proposition__process=process).count() >= 200
    assert process.participant_count >= 150
    assert [q.proposition_count for q in process.questions.all()] == [24, 24, 24]


def test_every_counter_equals_a_recount(loaded):
    assert counters_drift(process=loaded) == []
    assert counter_drift(loaded) == []


def test_the_phases_are_past_running_and_future(loaded):
    kinds = list(Phase.objects.filter(process=loaded).values_list("kind", flat=True))

    assert kinds == ["information", "proposing", "voting"]
    assert open_features(process=loaded) == frozenset({"propose", "vote", "comment"})


def test_generated_participants_are_confirmed_and_cannot_log_in(loaded):
    participant = EmailAddress.objects.get(email="participant001@pnyx.example")

    assert participant.verified is True
    assert participant.user.has_usable_password() is False


def test_official_answers_are_audited_and_notified(loaded):
    answered = Proposition.objects.filter(process=loaded).exclude(answer_state="")

    assert sorted(answered.values_list("answer_state", flat=True)) == [
        "accepted",
        "accepted",
        "evaluating",
        "implemented",
        "rejected",
    ]
    assert answered.get(answer_state="rejected").answer_text != ""
    assert AuditEntry.objects.filter(action="participation.proposition_answered").count() == 5
    # Amina answered (an actor is not told of her own act); Sofía follows the process.
    assert Notification.objects.filter(user__email=demo.SOFIA).count() == 5


def test_demo_people_follow_the_process_and_propositions(loaded):
    follows = Follow.objects.filter(user__email__in=[demo.AMINA, demo.LUCAS, demo.SOFIA])

    assert follows.filter(process=loaded).count() == 2
    assert follows.filter(proposition__isnull=False).count() == 6


def test_loading_again_adds_nothing(loaded, django_capture_on_commit_callbacks):
    counts = (
        Proposition.objects.count(),
        Vote.objects.count(),
        Comment.objects.count(),
        Follow.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        demo.load()

    assert (
        Proposition.objects.count(),
        Vote.objects.count(),
        Comment.objects.count(),
        Follow.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    assert counters_drift(process=loaded) == []


def test_the_demo_is_the_same_every_time(loaded):
    first = list(
        Proposition.objects.filter(process=loaded).order_by("pk").values_list("support_count")
    )

    assert sum(count for (count,) in first) == process_vote_count(process=loaded)


def test_without_the_organisation_the_demo_is_skipped():
    demo.load()

    assert Process.objects.count() == 0

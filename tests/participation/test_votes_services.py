import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.participation.models import Participant, PhaseKind, Vote, VoteMode
from pnyx.participation.selectors.processes import process_vote_count
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.services import votes
from pnyx.participation.services.propositions import proposition_create
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def propose_in(process):
    """A proposition written through the service, so that every counter starts right."""
    return proposition_create(
        actor=UserFactory(),
        process=process,
        question=QuestionFactory(process=process),
        title="Publish every budget line",
        body="Online, each month.",
    )


def a_proposition(**process_fields):
    process = ProcessFactory(**process_fields)
    if "phase" in process_fields:
        return PropositionFactory(question__process=process)
    return propose_in(process)


def counts(proposition):
    proposition.refresh_from_db()
    return (
        proposition.support_count,
        proposition.agree_count,
        proposition.disagree_count,
        proposition.pass_count,
    )


def test_a_support_is_counted_once_even_when_sent_twice():
    proposition = a_proposition()
    person = UserFactory()

    first = votes.vote_cast(person=person, proposition=proposition, value="support")
    again = votes.vote_cast(person=person, proposition=proposition, value="support")

    assert (first.changed, again.changed) == (True, False)
    assert counts(proposition) == (1, 0, 0, 0)
    assert Vote.objects.count() == 1
    assert Participant.objects.get(user=person).vote_count == 1
    assert counter_drift(proposition.process) == []


def test_changing_a_vote_moves_one_count_from_the_old_value_to_the_new():
    proposition = a_proposition(vote_mode=VoteMode.AGREE_DISAGREE)
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="agree")

    result = votes.vote_cast(person=person, proposition=proposition, value="disagree")

    assert result.value == "disagree"
    assert counts(proposition) == (0, 0, 1, 0)
    assert process_vote_count(process=proposition.process) == 1
    assert counter_drift(proposition.process) == []


def test_withdrawing_a_vote_removes_it_and_its_counts():
    proposition = a_proposition()
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="support")

    votes.vote_withdraw(person=person, proposition=proposition)

    assert counts(proposition) == (0, 0, 0, 0)
    assert Vote.objects.count() == 0
    assert Participant.objects.get(user=person).vote_count == 0
    assert counter_drift(proposition.process) == []


@pytest.mark.parametrize(
    ("mode", "value", "message"),
    [
        (
            VoteMode.SUPPORT,
            "agree",
            "This consultation only counts supports: send “support” (not “agree”).",
        ),
        (
            VoteMode.AGREE_DISAGREE,
            "support",
            "“support” is not a vote here: choose agree, disagree or pass.",
        ),
        (
            VoteMode.AGREE_DISAGREE,
            "maybe",
            "“maybe” is not a vote here: choose agree, disagree or pass.",
        ),
    ],
)
def test_a_value_the_vote_mode_does_not_take_is_refused(mode, value, message):
    proposition = a_proposition(vote_mode=mode)
    voter = UserFactory()

    with pytest.raises(ValidationError) as error:
        votes.vote_cast(person=voter, proposition=proposition, value=value)

    assert error.value.message_dict == {"value": [message]}
    assert Vote.objects.count() == 0
    assert not Participant.objects.filter(user=voter).exists()


def test_the_vote_limit_counts_the_votes_of_the_process_and_frees_a_place_on_withdrawal():
    process = ProcessFactory(vote_limit=2)
    first, second, third = (propose_in(process) for _ in range(3))
    person = UserFactory()
    votes.vote_cast(person=person, proposition=first, value="support")
    votes.vote_cast(person=person, proposition=second, value="support")

    with pytest.raises(ValidationError) as error:
        votes.vote_cast(person=person, proposition=third, value="support")

    assert error.value.message_dict["value"][0].startswith("You have used all 2 of your votes")
    assert counts(third) == (0, 0, 0, 0)
    votes.vote_withdraw(person=person, proposition=first)
    votes.vote_cast(person=person, proposition=third, value="support")
    assert Participant.objects.get(user=person).vote_count == 2
    assert counter_drift(process) == []


def test_changing_a_vote_does_not_use_a_place_of_the_limit():
    process = ProcessFactory(vote_limit=1, vote_mode=VoteMode.AGREE_DISAGREE)
    proposition = propose_in(process)
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="agree")

    votes.vote_cast(person=person, proposition=proposition, value="pass")

    assert counts(proposition) == (0, 0, 0, 1)


def test_the_support_threshold_is_marked_when_reached_and_cleared_below_it():
    proposition = a_proposition(support_threshold=2)
    alice, bob = UserFactory(), UserFactory()
    votes.vote_cast(person=alice, proposition=proposition, value="support")
    proposition.refresh_from_db()
    assert proposition.threshold_reached_at is None

    result = votes.vote_cast(person=bob, proposition=proposition, value="support")

    assert result.proposition.threshold_reached_at is not None
    proposition.refresh_from_db()
    assert proposition.threshold_reached_at is not None
    votes.vote_withdraw(person=bob, proposition=proposition)
    proposition.refresh_from_db()
    assert proposition.threshold_reached_at is None


def test_nobody_votes_when_voting_is_closed():
    proposition = a_proposition(phase=PhaseKind.RESULTS)

    with pytest.raises(PermissionDenied):
        votes.vote_cast(person=UserFactory(), proposition=proposition, value="support")

    assert Vote.objects.count() == 0
    assert Participant.objects.count() == 0


def test_a_visitor_cannot_vote():
    from django.contrib.auth.models import AnonymousUser

    proposition = a_proposition()

    with pytest.raises(PermissionDenied):
        votes.vote_cast(person=AnonymousUser(), proposition=proposition, value="support")

    assert Vote.objects.count() == 0


def test_a_vote_on_a_withdrawn_proposition_can_still_be_taken_back():
    from pnyx.participation.services.propositions import proposition_withdraw

    proposition = a_proposition()
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="support")
    proposition_withdraw(actor=proposition.author, proposition=proposition)

    votes.vote_withdraw(person=person, proposition=proposition)

    assert Vote.objects.count() == 0
    assert Participant.objects.get(user=person).vote_count == 0


def test_voting_too_fast_answers_429_and_stores_nothing_more(client, settings, caplog):
    from pnyx.participation.models import Vote
    from tests.participation.factories import PropositionFactory, UserFactory

    settings.PNYX_RATE_LIMITS = {"vote": (3, 100, 60)}
    person = UserFactory()
    propositions = [PropositionFactory() for _ in range(4)]
    client.force_login(person)

    answers = [
        client.post(f"/propositions/{proposition.pk}/vote/", {"value": "support"}).status_code
        for proposition in propositions
    ]

    assert answers == [302, 302, 302, 429]
    assert Vote.objects.filter(user=person).count() == 3
    assert "rate limit for vote reached" in caplog.text


def test_the_api_answers_429_past_the_vote_rate(client, settings):
    from tests.participation.factories import PropositionFactory, UserFactory

    settings.PNYX_RATE_LIMITS = {"vote": (1, 100, 60)}
    client.force_login(UserFactory())
    first, second = PropositionFactory(), PropositionFactory()
    client.put(f"/api/v1/propositions/{first.pk}/vote", {"value": "support"}, "application/json")
    response = client.put(
        f"/api/v1/propositions/{second.pk}/vote", {"value": "support"}, "application/json"
    )

    assert response.status_code == 429
    assert "Too many votes" in response.json()["detail"]

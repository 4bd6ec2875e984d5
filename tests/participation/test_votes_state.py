"""SECURITY.md case 2: after any sequence of votes, changes, withdrawals and withdrawn
propositions, every counter equals a recount of the rows (hypothesis state machine)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from pnyx.participation.models import Proposition, VoteMode
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.services import votes
from pnyx.participation.services.propositions import proposition_create, proposition_withdraw
from tests.participation.factories import ProcessFactory, QuestionFactory, UserFactory

pytestmark = pytest.mark.django_db
PEOPLE = 3
PROPOSITIONS = 3
LIMIT = 4
person_index = st.integers(min_value=0, max_value=PEOPLE - 1)
proposition_index = st.integers(min_value=0, max_value=PROPOSITIONS - 1)


class VotingMachine(RuleBasedStateMachine):
    """Each run gets its own process, so the runs sharing one test transaction do not mix."""

    def __init__(self):
        super().__init__()
        self.process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE, vote_limit=LIMIT)
        question = QuestionFactory(process=self.process)
        self.people = [UserFactory() for _ in range(PEOPLE)]
        self.propositions = [
            proposition_create(
                actor=self.people[i],
                process=self.process,
                question=question,
                title=f"Proposition number {i}",
                body="Text.",
            )
            for i in range(PROPOSITIONS)
        ]
        self.expected: dict[tuple[int, int], str] = {}
        self.withdrawn: set[int] = set()

    def _fresh(self, index):
        return Proposition.objects.select_related("process").get(pk=self.propositions[index].pk)

    @rule(
        who=person_index,
        what=proposition_index,
        value=st.sampled_from(["agree", "disagree", "pass"]),
    )
    def cast(self, who, what, value):
        key = (who, what)
        used = sum(1 for person, _ in self.expected if person == who)
        try:
            votes.vote_cast(person=self.people[who], proposition=self._fresh(what), value=value)
        except PermissionDenied:
            assert what in self.withdrawn
            return
        except ValidationError:
            assert key not in self.expected
            assert used >= LIMIT
            return
        assert what not in self.withdrawn
        self.expected[key] = value

    @rule(who=person_index, what=proposition_index)
    def take_back(self, who, what):
        votes.vote_withdraw(person=self.people[who], proposition=self._fresh(what))
        self.expected.pop((who, what), None)

    @rule(what=proposition_index)
    def withdraw_proposition(self, what):
        if what in self.withdrawn:
            return
        proposition = self._fresh(what)
        proposition_withdraw(actor=proposition.author, proposition=proposition)
        self.withdrawn.add(what)

    @invariant()
    def counters_equal_the_rows(self):
        assert counter_drift(self.process) == []

    @invariant()
    def counts_match_the_model(self):
        for index, stored in enumerate(self.propositions):
            stored.refresh_from_db()
            mine = [value for (_, what), value in self.expected.items() if what == index]
            assert (stored.agree_count, stored.disagree_count, stored.pass_count) == (
                mine.count("agree"),
                mine.count("disagree"),
                mine.count("pass"),
            )


def test_counters_always_equal_a_recount():
    run_state_machine_as_test(
        VotingMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )

"""Many people opening debates at the same moment, each on its own database connection: one
debate per algorithm and one platform organisation, whatever the timing."""

import pytest

from pnyx.accounts.models import User
from pnyx.core import algorithms
from pnyx.orgs.models import Organisation
from pnyx.participation.models import Process
from pnyx.transparency import services
from pnyx.transparency.models import AlgorithmDebate
from tests.participation.factories import UserFactory
from tests.participation.test_votes_concurrency import in_parallel

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 8
CARDS = ("participation.trending", "participation.newest")


def open_debate(person_id, algorithm_id):
    """What one request does: load the person, then open the debate."""
    person = User.objects.get(pk=person_id)
    return services.algorithm_debate_open(actor=person, card=algorithms.get(algorithm_id))


def test_parallel_openings_leave_one_debate_per_algorithm_and_one_organisation():
    people = [UserFactory().pk for _ in range(PARALLEL)]

    failures = in_parallel(PARALLEL, lambda i: open_debate(people[i], CARDS[i % 2]))

    assert failures == []
    assert sorted(AlgorithmDebate.objects.values_list("algorithm_id", flat=True)) == sorted(CARDS)
    assert Process.objects.count() == 2
    assert Organisation.objects.count() == 1

import pytest

from pnyx.participation.models import Process, Proposition
from pnyx.transparency import demo
from pnyx.transparency.models import AlgorithmDebate
from tests.orgs.factories import AdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_opens_the_debate_on_the_random_order_with_a_first_proposition():
    AdminFactory(email=demo.ADMIN)
    UserFactory(email=demo.LUCAS)

    demo.load()

    debated = list(AlgorithmDebate.objects.values_list("algorithm_id", flat=True))
    assert debated == ["participation.random"]
    started = Proposition.objects.get(title=demo.PROPOSITION_TITLE)
    assert started.process.algorithm_debate.algorithm_id == "participation.random"
    assert started.author.email == demo.LUCAS


def test_the_demo_twice_adds_nothing():
    AdminFactory(email=demo.ADMIN)
    UserFactory(email=demo.LUCAS)
    demo.load()
    counts = (Process.objects.count(), Proposition.objects.count())

    demo.load()

    assert (Process.objects.count(), Proposition.objects.count()) == counts


def test_without_the_demo_people_the_demo_opens_nothing():
    AdminFactory(email=demo.ADMIN)

    demo.load()

    assert not AlgorithmDebate.objects.exists()

"""What the transparency tests share: a card with every field filled, registered on demand."""

from datetime import date

import pytest

from pnyx.core import algorithms
from pnyx.core.algorithms import AlgorithmCard, Change, Factor, Risk

FULL_CARD = AlgorithmCard(
    id="tests.full_order",
    version="2.0",
    name="Full order",
    purpose="Orders test items, every field filled.",
    used_in=("The test list",),
    inputs=("Each item's title",),
    factors=(Factor(name="Title", weight=0.5, description="Alphabetical by title."),),
    human_oversight="A tester looks at every order.",
    limits="Knows nothing of meaning.",
    contact="tests@pnyx.example",
    changelog=(
        Change(version="1.0", day=date(2026, 1, 5), note="First try."),
        Change(version="2.0", day=date(2026, 6, 1), note="Ties broken by id."),
        Change(version="2.1-beta", day=date(2026, 9, 9), note="A trial, not yet in use."),
    ),
    summary="Puts test items in order.",
    owner="The test team",
    decision_type=algorithms.ADVISORY,
    phase=algorithms.PILOT,
    deployed_on=date(2026, 1, 5),
    data_sources=("The titles typed by the testers",),
    data_retention="Kept for one test run.",
    impact_assessment="Nobody is affected.",
    risks=(Risk(risk="Titles in capitals sort first.", mitigation="Case is ignored."),),
    alternatives="A random order was considered.",
    appeal="Write to the test team.",
    source="tests/transparency/test_register_pages.py",
)


@pytest.fixture
def full_card(monkeypatch):
    monkeypatch.setitem(algorithms._registry, FULL_CARD.id, FULL_CARD)
    return FULL_CARD

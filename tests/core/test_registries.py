from datetime import date

import pytest

from pnyx.core import algorithms, personal_data
from pnyx.core.algorithms import AlgorithmCard, Change, Factor

pytestmark = pytest.mark.django_db

CARD = AlgorithmCard(
    id="tests.sample_order",
    version="2.1",
    name="Sample order",
    purpose="Orders sample items for the tests.",
    used_in=("Nowhere but the tests",),
    inputs=("Item title",),
    factors=(Factor(name="Title", weight=1.0, description="Alphabetical by title."),),
    human_oversight="The test author reviews it.",
    limits="Knows nothing of relevance.",
    contact="tests@pnyx.example",
    changelog=(Change(version="2.1", day=date(2026, 11, 1), note="Ties broken by id."),),
)


@pytest.fixture
def registered_card(monkeypatch):
    monkeypatch.setitem(algorithms._registry, CARD.id, CARD)
    return CARD


def test_a_registered_card_is_found_by_id_and_slug(registered_card):
    assert algorithms.get("tests.sample_order") is registered_card
    assert algorithms.get_by_slug("tests-sample_order") is registered_card
    assert registered_card in list(algorithms.all_cards())


def test_an_output_names_its_algorithm_and_version(registered_card):
    output = registered_card.output()

    assert (output.algorithm_id, output.version) == ("tests.sample_order", "2.1")


def test_two_different_cards_cannot_share_an_id(registered_card):
    with pytest.raises(algorithms.AlgorithmAlreadyRegistered):
        algorithms.register(AlgorithmCard(**{**CARD.__dict__, "version": "3.0"}))


def test_the_register_page_lists_the_card_and_links_to_it(client, registered_card):
    response = client.get("/algorithms/")

    assert response.status_code == 200
    assert 'href="/algorithms/tests-sample_order/"' in response.content.decode()


def test_the_card_page_shows_factors_weights_and_history(client, registered_card):
    page = client.get("/algorithms/tests-sample_order/").content.decode()

    assert "Alphabetical by title." in page
    assert "<td>1.0</td>" in page
    assert "Ties broken by id." in page
    assert "tests@pnyx.example" in page


def test_an_unknown_card_is_a_404(client):
    assert client.get("/algorithms/no-such-thing/").status_code == 404


def test_personal_data_sources_export_and_anonymise_in_key_order(monkeypatch, django_user_model):
    calls = []
    person = django_user_model.objects.create_user(email="ana@pnyx.example", password="x" * 12)
    for key in ("tests.b", "tests.a"):
        monkeypatch.setitem(
            personal_data._sources,
            key,
            personal_data.PersonalDataSource(
                key=key,
                label=key,
                description="",
                export=lambda p, key=key: {"email": p.email, "source": key},
                anonymise=lambda p, key=key: calls.append(key),
            ),
        )

    exported = personal_data.export_all(person)
    personal_data.anonymise_all(person)

    assert exported["tests.a"] == {"email": "ana@pnyx.example", "source": "tests.a"}
    assert exported["tests.b"]["source"] == "tests.b"
    assert calls == ["tests.a", "tests.b"]

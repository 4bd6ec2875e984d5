"""The register of algorithms: every card listed, each card in full, its version history."""

from html import escape

import pytest

from pnyx.core import algorithms
from pnyx.core.algorithms import AlgorithmCard
from tests.transparency.conftest import FULL_CARD

pytestmark = pytest.mark.django_db


def card_texts(card):
    """Every text a card holds, as a page escapes it."""
    texts = [card.name, card.purpose, card.human_oversight, card.limits, card.contact]
    texts += [card.summary, card.owner, card.data_retention, card.impact_assessment]
    texts += [card.alternatives, card.appeal, card.decision_label, card.phase_label]
    texts += [*card.used_in, *card.inputs, *card.data_sources]
    for factor in card.factors:
        texts += [factor.name, factor.description]
    for risk in card.risks:
        texts += [risk.risk, risk.mitigation]
    texts += [change.note for change in card.changelog]
    return [escape(str(text)) for text in texts if str(text)]


def test_the_register_lists_every_registered_card_with_its_summary_and_link(client):
    html = client.get("/algorithms/").content.decode()

    cards = list(algorithms.all_cards())
    assert len(cards) >= 8
    for card in cards:
        assert f'href="/algorithms/{card.slug}/"' in html
        assert escape(str(card.name)) in html
        assert escape(str(card.summary or card.purpose)) in html


def test_the_register_offers_its_json_download(client):
    html = client.get("/algorithms/").content.decode()

    assert 'href="/algorithms.json" download' in html


@pytest.mark.parametrize("card", list(algorithms.all_cards()), ids=lambda card: card.id)
def test_each_card_page_shows_every_field_of_the_card(client, card):
    response = client.get(f"/algorithms/{card.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    missing = [text for text in card_texts(card) if text not in html]
    assert missing == []
    assert f"<code>{card.id}</code>" in html


def test_a_card_with_every_field_shows_them_all_and_its_history_newest_first(client, full_card):
    html = client.get("/algorithms/tests-full_order/").content.decode()

    assert [text for text in card_texts(full_card) if text not in html] == []
    assert "<td>0.5</td>" in html
    assert "tests/transparency/test_register_pages.py" in html
    history = html[html.index('id="history-heading"') :].split("</ol>")[0].split("<li>")[1:]
    assert [entry.split("</strong>")[0].split("<strong>")[1] for entry in history] == [
        "2.1-beta",
        "2.0",
        "1.0",
    ]
    assert ['<span class="tag">in use</span>' in entry for entry in history] == [False, True, False]


def test_the_history_property_puts_the_newest_change_first():
    assert [change.version for change in FULL_CARD.history] == ["2.1-beta", "2.0", "1.0"]


def test_empty_fields_say_the_card_does_not_tell_yet(client, monkeypatch):
    bare = AlgorithmCard(
        id="tests.bare",
        version="1.0",
        name="Bare",
        purpose="Nothing more is said.",
        used_in=(),
        inputs=(),
        factors=(),
        human_oversight="Someone.",
        limits="Many.",
        contact="Nobody.",
    )
    monkeypatch.setitem(algorithms._registry, bare.id, bare)

    html = client.get("/algorithms/tests-bare/").content.decode()

    assert html.count("Not stated yet.") == 8


def test_an_unknown_card_is_a_404(client):
    assert client.get("/algorithms/no-such-thing/").status_code == 404


@pytest.mark.parametrize(("field", "value"), [("decision_type", "magic"), ("phase", "someday")])
def test_a_card_with_an_unknown_decision_type_or_phase_is_refused(field, value):
    card = AlgorithmCard(**{**FULL_CARD.__dict__, "id": "tests.wrong", field: value})

    with pytest.raises(ValueError, match=value):
        algorithms.register(card)

    assert "tests.wrong" not in {card.id for card in algorithms.all_cards()}


@pytest.mark.parametrize("card", list(algorithms.all_cards()), ids=lambda card: card.id)
def test_every_registered_card_names_its_version_in_use_in_its_history(card):
    assert card.version in {change.version for change in card.changelog}


def test_the_navigation_leads_to_the_register(client):
    html = client.get("/").content.decode()

    assert '<a href="/algorithms/">Algorithms</a>' in html

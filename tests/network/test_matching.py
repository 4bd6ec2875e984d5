"""The matching of practitioners to help requests: a pure scoring function with its reasons,
and its card in the algorithm register."""

import pytest

from pnyx.core import algorithms
from pnyx.network.matching import MATCHING_ID, WEIGHTS, Need, Offer, rank, score


def test_each_shared_item_adds_its_weight_and_is_listed_as_a_reason():
    need = Need(
        topics=frozenset({"open-data", "justice"}),
        tools=frozenset({"agora-commons"}),
        languages=frozenset({"fr", "en"}),
        country="FR",
        wants_data=True,
    )
    offer = Offer(
        id=7,
        topics=frozenset({"open-data", "justice", "education"}),
        tools=frozenset({"agora-commons", "civic-forum"}),
        languages=frozenset({"fr"}),
        countries=frozenset({"FR", "BE"}),
        data_expert=True,
    )
    match = score(need, offer)
    reasons = {reason.factor: reason for reason in match.reasons}
    assert reasons["topics"].shared == ("justice", "open-data")
    assert reasons["topics"].contribution == 2 * WEIGHTS["topics"]
    assert reasons["tools"].shared == ("agora-commons",)
    assert reasons["languages"].shared == ("fr",)
    assert reasons["country"].shared == ("FR",)
    assert reasons["data"].contribution == WEIGHTS["data"]
    assert match.score == sum(reason.contribution for reason in match.reasons) == 6 + 2 + 1 + 1 + 2


def test_nothing_shared_gives_no_reason_and_a_zero_score():
    match = score(Need(topics=frozenset({"justice"})), Offer(id=1, topics=frozenset({"lobbying"})))
    assert match.score == 0
    assert match.reasons == ()


def test_data_help_only_counts_on_a_data_request():
    offer = Offer(id=1, data_expert=True)
    assert score(Need(wants_data=False), offer).reasons == ()
    assert [r.factor for r in score(Need(wants_data=True), offer).reasons] == ["data"]


def test_rank_orders_by_score_then_id_drops_language_only_matches_and_keeps_the_limit():
    need = Need(topics=frozenset({"open-data"}), languages=frozenset({"fr"}))
    offers = [
        Offer(id=3, topics=frozenset({"open-data"})),
        Offer(id=2, topics=frozenset({"open-data"}), languages=frozenset({"fr"})),
        Offer(id=1, topics=frozenset({"open-data"})),
        Offer(id=9, languages=frozenset({"fr"})),
    ]
    assert [match.practitioner_id for match in rank(need, offers)] == [2, 1, 3]
    assert [match.practitioner_id for match in rank(need, offers, limit=2)] == [2, 1]


def test_the_rule_is_pure_the_same_inputs_give_the_same_result():
    need = Need(topics=frozenset({"open-data"}), tools=frozenset({"a", "b"}))
    offers = [
        Offer(id=n, tools=frozenset({"a"}) if n % 2 else frozenset({"a", "b"})) for n in range(6)
    ]
    assert rank(need, offers) == rank(need, list(reversed(offers)))


@pytest.mark.parametrize("factor", ["Shared topics", "Shared tools", "Same country"])
def test_the_card_is_registered_with_each_factor_and_its_weight(factor):
    card = algorithms.get(MATCHING_ID)
    assert card.kind == "recommends"
    assert card.decision_type == algorithms.ADVISORY
    names = {str(item.name): item.weight for item in card.factors}
    assert factor in names
    assert names["Shared topics"] == WEIGHTS["topics"]

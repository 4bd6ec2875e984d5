"""The recommender as a pure function: hand-computed values, weights, order and exclusions."""

import math
from datetime import UTC, datetime, timedelta

import pytest

from pnyx.toolbox.recommender import (
    DEFAULT_WEIGHTS,
    FACTORS,
    NON_PERSONAL,
    PRACTICE,
    TOOL,
    Candidate,
    Profile,
    UnknownFactor,
    WeightOutOfRange,
    build_index,
    check_weights,
    full_weights,
    recommend,
)
from pnyx.toolbox.regions import region_of

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
KINDS = {1: "ngo", 2: "ngo", 3: "school", 4: "ngo", 5: "public_service"}


def tool(pk, **fields):
    fields.setdefault("added_at", NOW)
    organisations = frozenset(fields.pop("organisations", ()))
    return Candidate(
        kind=TOOL,
        id=pk,
        slug=f"tool-{pk}",
        title=f"Tool {pk}",
        organisations=organisations,
        usage_count=len(organisations),
        **fields,
    )


def practice(pk, **fields):
    fields.setdefault("added_at", NOW)
    return Candidate(kind=PRACTICE, id=pk, slug=f"practice-{pk}", title=f"Practice {pk}", **fields)


USED = tool(10, topics=frozenset({"budget"}), organisations={1, 2, 3})
OTHER = tool(
    11,
    topics=frozenset({"budget", "data"}),
    countries=frozenset({"FR"}),
    languages=frozenset({"fr"}),
    organisations={2, 3, 4},
    added_at=NOW - timedelta(days=180),
)
CASE = practice(
    5,
    topics=frozenset({"data"}),
    countries=frozenset({"DE"}),
    organisations=frozenset({4}),
    tools=frozenset({10}),
)
PROFILE = Profile(
    topics=frozenset({"budget"}),
    countries=frozenset({"FR"}),
    kinds=frozenset({"ngo"}),
    languages=frozenset({"fr"}),
    tools_used=frozenset({10}),
)


def factors_of(item):
    return {part.name: (part.value, part.weight, part.contribution) for part in item.factors}


def test_each_factor_of_a_tool_matches_the_hand_computation():
    index = build_index([USED, OTHER, CASE], KINDS)

    results = recommend(index, PROFILE, now=NOW)

    first = results.items[0]
    assert first.candidate.id == 11
    values = {name: value for name, (value, _w, _c) in factors_of(first).items()}
    assert values["topics"] == pytest.approx(1 / 2)  # {budget} of {budget, data}
    assert values["country"] == 1.0
    assert values["region"] == 1.0
    assert values["kind"] == pytest.approx(2 / 3)  # organisations 2 and 4 of 2, 3, 4
    assert values["language"] == 1.0
    # Users {1,2,3} and {2,3,4} share two: 2 / sqrt(3 × 3).
    assert values["collaborative"] == pytest.approx(2 / 3)
    assert values["popularity"] == pytest.approx(1.0)  # as used as the most used
    assert values["freshness"] == pytest.approx(0.5)  # one half-life old
    expected = 3 * 0.5 + 1 + 0.5 + 2 / 3 + 1 + 2 * 2 / 3 + 1 + 0.5 * 0.5
    assert first.score == pytest.approx(expected)


def test_a_practice_takes_the_collaborative_value_of_the_tools_it_used():
    index = build_index([USED, OTHER, CASE], KINDS)

    item = recommend(index, PROFILE, now=NOW).items[1]

    assert item.candidate.kind == PRACTICE
    values = {name: value for name, (value, _w, _c) in factors_of(item).items()}
    assert values["collaborative"] == 1.0  # it used tool 10, which the profile uses
    assert values["topics"] == 0.0
    assert values["country"] == 0.0
    assert values["region"] == 1.0  # Germany and France are both in Europe
    assert values["kind"] == 1.0  # organisation 4 is an NGO
    assert values["popularity"] == 0.0
    assert item.score == pytest.approx(0.5 + 1 + 2 + 0.5)


def test_contributions_add_up_exactly_to_the_score():
    index = build_index([USED, OTHER, CASE], KINDS)

    for item in recommend(index, PROFILE, now=NOW).items:
        assert sum(part.contribution for part in item.factors) == item.score
        for part in item.factors:
            assert part.contribution == part.value * part.weight


def test_the_tools_the_organisation_uses_are_left_out():
    index = build_index([USED, OTHER, CASE], KINDS)

    results = recommend(index, PROFILE, now=NOW)

    assert [item.key for item in results.items] == ["tool:11", "practice:5"]
    assert results.out_of == 2


def test_changing_a_weight_changes_the_order():
    index = build_index([USED, OTHER, CASE], KINDS)

    weights = {"topics": 0, "country": 0, "language": 0, "popularity": 0, "collaborative": 5}
    results = recommend(index, PROFILE, weights=weights, now=NOW)

    assert [item.key for item in results.items] == ["practice:5", "tool:11"]


def test_without_a_profile_only_popularity_and_freshness_count():
    index = build_index([USED, OTHER, CASE], KINDS)

    results = recommend(index, None, now=NOW)

    assert not results.personalised
    assert [item.key for item in results.items] == ["tool:10", "tool:11", "practice:5"]
    assert [part.name for part in results.items[0].factors] == list(NON_PERSONAL)
    assert results.items[1].score == pytest.approx(1 + 0.5 * 0.5)


def test_popularity_is_logarithmic_relative_to_the_most_used():
    index = build_index([tool(1, organisations={1, 2, 3}), tool(2, organisations={4})], KINDS)

    items = recommend(index, None, now=NOW).items

    assert items[1].factors[0].value == pytest.approx(math.log(2) / math.log(4))


def test_equal_scores_put_practices_first_then_smaller_ids():
    index = build_index([tool(7), tool(3), practice(9)], KINDS)

    items = recommend(index, None, now=NOW).items

    assert [item.key for item in items] == ["practice:9", "tool:3", "tool:7"]


def test_the_same_input_gives_the_same_list():
    candidates = [USED, OTHER, CASE]

    first = recommend(build_index(candidates, KINDS), PROFILE, now=NOW)
    second = recommend(build_index(reversed(candidates), KINDS), PROFILE, now=NOW)

    assert [(i.key, i.score) for i in first.items] == [(i.key, i.score) for i in second.items]


def test_limit_keeps_the_first_items():
    index = build_index([USED, OTHER, CASE], KINDS)

    assert len(recommend(index, PROFILE, now=NOW, limit=1).items) == 1


def test_an_empty_catalog_gives_an_empty_list():
    results = recommend(build_index([], {}), PROFILE, now=NOW)

    assert results.items == ()
    assert results.out_of == 0


def test_weights_are_checked():
    assert full_weights({"topics": 2}) == {**DEFAULT_WEIGHTS, "topics": 2.0}
    with pytest.raises(UnknownFactor):
        check_weights({"colour": 1})
    with pytest.raises(WeightOutOfRange):
        check_weights({"topics": 5.5})
    with pytest.raises(WeightOutOfRange):
        check_weights({"topics": float("nan")})
    assert set(DEFAULT_WEIGHTS) == set(FACTORS)


def test_regions_come_from_the_data_not_the_network():
    assert region_of("FR") == region_of("de") == "europe"
    assert region_of("BR") == "south_america"
    assert region_of("") == region_of("ZZ") == ""

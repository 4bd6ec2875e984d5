"""The opinion groups on the results page, and the group-informed consensus order."""

import re
from datetime import UTC, datetime

import pytest

from pnyx.core import algorithms as registry
from pnyx.participation import algorithms
from pnyx.participation.algorithms import GroupConsensus, RankingContext, RankingRow
from pnyx.participation.models import VoteMode
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from pnyx.participation.views import opinion_groups as views
from tests.participation.factories import ProcessFactory, PropositionFactory
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def results_page(client, process):
    response = client.get(f"/processes/{process.slug}/results/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_results_page_maps_the_groups_and_lists_them_in_tables(client):
    process, items, _people, _truth = voted_process((7, 5), propositions=6)
    run = opinion_groups_recompute(process=process)

    html = results_page(client, process)

    assert 'role="img"' in html
    assert 'aria-labelledby="groups-map-title groups-map-desc"' in html
    assert '<title id="groups-map-title">Map of the participants and their opinion groups' in html
    assert "Group A: 7 participants." in html
    assert html.count('class="group-mark group-0"') == 7 + 1  # marks and the legend's
    assert html.count('class="group-mark group-1"') == 5 + 1
    assert html.count('href="#mark-square"') == 5 + 1  # group B's shape, not only its colour
    assert "Group A (7 participants)" in html
    assert "What sets group A apart: its representative propositions" in html
    assert "100 % agree (7 of 7)" in html
    assert "0 % agree (0 of 5)" in html
    assert "Propositions with the highest group-informed consensus, among those" in html
    assert f"Algorithm version {run.algorithm_version}." in html
    assert 'href="/algorithms/participation-opinion_groups/"' in html
    assert f'href="/processes/{process.slug}/?order=participation.group_consensus"' in html
    assert re.search(
        r"<th scope=\"row\">2</th>\s*<td class=\"number\">[0-9.]+</td>\s*<td>yes</td>", html
    )
    assert items[0].title in html


def test_a_large_consultation_draws_a_fixed_sample_and_says_so(client, monkeypatch):
    monkeypatch.setattr(views, "MAP_POINTS", 5)
    process, _items, _people, _truth = voted_process((7, 5), propositions=6)
    opinion_groups_recompute(process=process)

    html = results_page(client, process)

    assert html.count('<use href="#mark-') == 5 + 3  # the sample and the legend
    assert "A fixed sample of 5 of the 12 participants is drawn." in html


def test_before_groups_are_computed_the_page_says_when_they_will_be(client):
    process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE)

    html = results_page(client, process)

    assert "The opinion groups have not been computed yet." in html
    assert "groups-map" not in html


def test_too_few_voters_are_said_to_be_too_few(client):
    process, _items, _people, _truth = voted_process((1, 1), propositions=4)
    opinion_groups_recompute(process=process)

    html = results_page(client, process)

    assert "Not enough participants have voted enough yet to form groups." in html


def test_a_support_only_consultation_shows_no_opinion_groups(client):
    process = ProcessFactory(vote_mode=VoteMode.SUPPORT)

    assert "Opinion groups" not in results_page(client, process)


def test_both_cards_are_in_the_register():
    assert registry.get("participation.opinion_groups").kind == "groups"
    assert registry.get("participation.group_consensus").kind == "ranks"
    assert algorithms.find_ranking("group_consensus") is algorithms.GROUP_CONSENSUS


def row(pk, agree=0):
    return RankingRow(id=pk, created_at=NOW, agree_count=agree)


def test_the_consensus_order_follows_the_scores_and_scores_new_propositions_as_unvoted():
    consensus = GroupConsensus(scores={1: 0.2, 2: 0.6, 3: 0.1}, group_count=2)
    context = RankingContext(now=NOW, vote_mode=VoteMode.AGREE_DISAGREE, consensus=consensus)

    ranked = algorithms.rank_group_consensus([row(1), row(2), row(3), row(4)], context)

    assert [item.id for item in ranked] == [2, 4, 1, 3]  # 4 is new: (1/2)² = 0.25
    assert ranked[1].score == 0.25
    assert ranked[0].factors == (("groups", 2),)
    assert algorithms.GROUP_CONSENSUS.explain(context) == algorithms.GROUP_CONSENSUS.explanation


def test_without_groups_the_consensus_order_falls_back_to_agreements_and_says_so():
    context = RankingContext(now=NOW, vote_mode=VoteMode.AGREE_DISAGREE)

    ranked = algorithms.rank_group_consensus([row(1, agree=2), row(2, agree=5)], context)

    assert [item.id for item in ranked] == [2, 1]
    assert "No opinion groups have been computed" in str(
        algorithms.GROUP_CONSENSUS.explain(context)
    )


def test_the_process_page_offers_the_consensus_order_and_explains_its_fallback(client):
    process, _items, _people, _truth = voted_process((7, 5), propositions=6)
    path = f"/processes/{process.slug}/?order=participation.group_consensus"

    before = client.get(path).content.decode()

    assert '<option value="participation.group_consensus" selected>' in before
    assert "No opinion groups have been computed for this consultation yet" in before


def test_the_process_page_lists_propositions_by_consensus_once_groups_exist(client):
    process, items, _people, _truth = voted_process((7, 5), propositions=6)
    run = opinion_groups_recompute(process=process)
    best = run.consensus[0]["proposition"]

    html = client.get(f"/processes/{process.slug}/?order=group_consensus").content.decode()

    assert "every opinion group tends to agree with come first" in html
    first_card = html.index('class="card proposition-card"')
    assert f'href="/propositions/{best}/"' in html[first_card : first_card + 400]
    assert "Why here: opinion groups 2" in html


def test_common_ground_leaves_out_what_a_group_did_not_vote_on_but_the_order_keeps_it(client):
    process, items, _people, _truth = voted_process((7, 5), propositions=6)
    unvoted = PropositionFactory(question=items[0].question, title="Nobody has seen this yet")
    opinion_groups_recompute(process=process)

    html = results_page(client, process)
    answer = client.get(f"/api/v1/processes/{process.pk}/opinion-groups").json()

    section = html[html.index('id="groups-heading"') : html.index('id="downloads-heading"')]
    assert "consensus-caption" in section
    assert "Nobody has seen this yet" not in section
    assert unvoted.pk in [entry["proposition"]["id"] for entry in answer["consensus"]]

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from pnyx.core import algorithms as registry
from pnyx.participation import algorithms
from pnyx.participation.algorithms import RankingContext, RankingRow
from pnyx.participation.models import Proposition, VoteMode
from pnyx.participation.selectors import ranked as selectors
from tests.participation.factories import ProcessFactory, PropositionFactory, QuestionFactory

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def row(pk, hours_ago=0, **counts):
    return RankingRow(id=pk, created_at=NOW - timedelta(hours=hours_ago), **counts)


def order(ranking, rows, **context):
    return [item.id for item in ranking.rank(rows, RankingContext(now=NOW, **context))]


def test_every_ranking_is_registered_with_a_card():
    ids = {card.id for card in registry.all_cards()}

    assert {
        "participation.most_supported",
        "participation.newest",
        "participation.trending",
        "participation.most_discussed",
        "participation.controversial",
        "participation.random",
    } <= ids


def test_most_supported_counts_supports_or_agreements_by_mode_and_newer_wins_ties():
    rows = [row(1, support_count=5, agree_count=0), row(2, support_count=5), row(3, agree_count=9)]

    assert order(algorithms.MOST_SUPPORTED, rows) == [2, 1, 3]
    assert order(algorithms.MOST_SUPPORTED, rows, vote_mode=VoteMode.AGREE_DISAGREE) == [3, 2, 1]


def test_newest_puts_the_latest_first():
    assert order(algorithms.NEWEST, [row(1, 5), row(2, 1), row(3, 9)]) == [2, 1, 3]


def test_trending_divides_votes_by_a_power_of_the_age():
    fresh = row(1, hours_ago=1, support_count=3)  # 3 / 3 ** 1.5 = 0.577
    old = row(2, hours_ago=48, support_count=100)  # 100 / 50 ** 1.5 = 0.283

    ranked = algorithms.rank_trending([fresh, old], RankingContext(now=NOW))

    assert [item.id for item in ranked] == [1, 2]
    assert ranked[0].score == pytest.approx(3 / 3**1.5)
    assert ranked[0].factors == (("votes", 3), ("age_hours", 1.0))


def test_controversial_favours_many_votes_split_evenly():
    rows = [
        row(1, agree_count=50, disagree_count=50),  # 100
        row(2, agree_count=90, disagree_count=10),  # 100 * 10 / 90 = 11.1
        row(3, agree_count=5, disagree_count=5),  # 10
        row(4),  # 0
    ]

    assert order(algorithms.CONTROVERSIAL, rows) == [1, 2, 3, 4]
    assert algorithms.controversy(0, 0) == 0.0


def test_random_is_stable_for_one_seed_and_differs_between_seeds():
    rows = [row(pk) for pk in range(1, 40)]

    first = order(algorithms.RANDOM, rows, seed="abc")

    assert order(algorithms.RANDOM, list(reversed(rows)), seed="abc") == first
    assert order(algorithms.RANDOM, rows, seed="xyz") != first
    assert sorted(first) == list(range(1, 40))


def test_rankings_are_found_by_id_or_short_name_and_nothing_else():
    assert algorithms.find_ranking("trending") is algorithms.TRENDING
    assert algorithms.find_ranking("participation.trending") is algorithms.TRENDING
    assert algorithms.find_ranking("created_at; DROP TABLE") is None


def test_random_is_the_default_while_proposing_and_most_supported_afterwards():
    assert algorithms.default_ranking(proposing_open=True) is algorithms.RANDOM
    assert algorithms.default_ranking(proposing_open=False) is algorithms.MOST_SUPPORTED


@pytest.mark.django_db
@pytest.mark.parametrize("ranking", list(algorithms.RANKINGS.values()), ids=lambda r: r.id)
@pytest.mark.parametrize("mode", [VoteMode.SUPPORT, VoteMode.AGREE_DISAGREE])
def test_the_page_order_equals_the_pure_functions_order(ranking, mode):
    process = ProcessFactory(vote_mode=mode)
    question = QuestionFactory(process=process)
    chance = random.Random(7)
    for _ in range(45):
        proposition = PropositionFactory(question=question)
        Proposition.objects.filter(pk=proposition.pk).update(
            created_at=timezone.now() - timedelta(hours=chance.randint(0, 200)),
            support_count=chance.randint(0, 4),
            agree_count=chance.randint(0, 4),
            disagree_count=chance.randint(0, 4),
            pass_count=chance.randint(0, 2),
            comment_count=chance.randint(0, 3),
        )
    process.refresh_from_db()  # its stored proposition counter gives the list's total
    now = timezone.now()
    listed = selectors.listed_propositions(process=process)
    context = RankingContext(now=now, seed="s33d", vote_mode=mode)

    expected = [item.id for item in ranking.rank(selectors.ranking_rows(listed), context)]
    shown = []
    for number in (1, 2, 3):
        page = selectors.proposition_page(
            process=process,
            question_id=None,
            order=ranking,
            seed="s33d",
            page=number,
            viewer=None,
            now=now,
        )
        shown += [proposition.pk for proposition in page.page.object_list]

    assert shown == expected
    assert len(shown) == 45

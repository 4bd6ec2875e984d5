import pytest

from pnyx.core import search
from pnyx.core.models import SearchEntry, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_topics():
    budget = Topic.objects.get(slug="fiscal-openness")
    data = Topic.objects.get(slug="open-data")
    justice = Topic.objects.get(slug="justice")
    search.index_object(budget, title="Open budgets", body="Citizens read the budget line by line.")
    search.index_object(
        data, title="Open data portal", body="Datasets about budgets and contracts."
    )
    search.index_object(justice, title="Courts", body="Publishing court decisions.")
    return budget, data, justice


def test_words_must_all_match_as_prefixes(indexed_topics):
    budget, data, _ = indexed_topics

    found = search.filter_queryset(Topic.objects.all(), "budg open")

    assert set(found) == {budget, data}


def test_title_matches_rank_before_body_matches(indexed_topics):
    budget, data, _ = indexed_topics

    found = list(search.filter_queryset(Topic.objects.all(), "budgets"))

    assert found == [budget, data]


def test_the_querysets_own_filters_are_kept(indexed_topics):
    budget, _, _ = indexed_topics

    found = search.filter_queryset(Topic.objects.exclude(slug="open-data"), "budgets")

    assert list(found) == [budget]


def test_a_blank_query_leaves_the_queryset_alone(indexed_topics):
    assert search.filter_queryset(Topic.objects.all(), "  ").count() == Topic.objects.count()


@pytest.mark.parametrize(
    "query", ['"', "OR AND NOT", "*", "budget:*", "a' OR 1=1 --", "(((", "NEAR(x y)"]
)
def test_search_syntax_typed_by_a_person_never_breaks_the_query(indexed_topics, query):
    results = list(search.filter_queryset(Topic.objects.all(), query))

    assert isinstance(results, list)


def test_no_match_gives_an_empty_result(indexed_topics):
    assert list(search.filter_queryset(Topic.objects.all(), "zebra")) == []


def test_reindexing_replaces_the_text_and_removing_forgets_it(indexed_topics):
    budget, _, _ = indexed_topics

    search.index_object(budget, title="Participatory budgeting", body="")
    assert list(search.filter_queryset(Topic.objects.all(), "participatory")) == [budget]
    assert budget not in search.filter_queryset(Topic.objects.all(), "line")

    search.remove_object(budget)
    assert list(search.filter_queryset(Topic.objects.all(), "participatory")) == []
    assert SearchEntry.objects.filter(object_id=str(budget.pk), kind="core.topic").count() == 0


def test_each_match_carries_its_place_among_matches_whatever_the_width_of_its_id():
    start = 10 ** len(str(Topic.objects.latest("pk").pk))  # above every id in use
    ids = (start + 7, start * 10 + 98, start * 100 + 1, start * 1000 + 4)  # four widths
    topics = [Topic.objects.create(pk=pk, slug=f"river-{pk}") for pk in ids]
    # The later a topic in this list, the more often its title says the word: the most relevant.
    for times, topic in enumerate(topics, start=1):
        search.index_object(topic, title=" ".join(["river"] * times), body="")

    found = list(search.filter_queryset(Topic.objects.all(), "river"))

    assert found == topics[::-1]
    assert [topic.search_rank for topic in found] == [0, 1, 2, 3]

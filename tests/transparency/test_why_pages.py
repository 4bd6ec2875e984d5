"""The "why here?" pages: for one item, the algorithm, its version, its place and what each
factor contributed, computed with the same pure function as the list, checked by hand here."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from pnyx.core import algorithms
from pnyx.orgs import services as org_services
from pnyx.participation.algorithms import shuffle_key
from pnyx.participation.models import PhaseKind, ProcessStatus, Proposition, VoteMode
from pnyx.participation.views.propositions import SEED_COOKIE
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
    add_organiser,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Ages are computed from the clock when the page is served; stop it, so a slow machine
    shows the same hours as the fixture set (10 hours, not 10.0002)."""
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def proposition(question, *, hours_old=1.0, **counters):
    made = PropositionFactory(question=question)
    created = timezone.now() - timedelta(hours=hours_old)
    Proposition.objects.filter(pk=made.pk).update(created_at=created, **counters)
    made.refresh_from_db()
    return made


def why(client, order, item, **params):
    response = client.get(f"/algorithms/participation-{order}/why/{item.pk}/", params)
    return response, text_of(response)


def text_of(response):
    """The page's main content as one line of plain text."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def supports():
    """A support-only consultation: A (5 supports, 1 comment), B (2, 4), then C (5, 0)."""
    process = ProcessFactory(phase=PhaseKind.VOTING, vote_mode=VoteMode.SUPPORT)
    question = QuestionFactory(process=process)
    a = proposition(question, hours_old=10, support_count=5, comment_count=1)
    b = proposition(question, hours_old=2, support_count=2, comment_count=4)
    c = proposition(question, hours_old=5, support_count=5, comment_count=0)
    return a, b, c


def test_most_supported_shows_the_place_the_supports_and_the_score(client, supports):
    a, _b, _c = supports

    response, text = why(client, "most_supported", a)

    # C and A both have 5 supports; C is the newer proposition (higher id), so it comes first.
    assert response.status_code == 200
    assert f"Why is “ {a.title} ” here?" in text
    assert "By Most supported , version 1.0" in text
    assert "Place 2 of 3." in text
    assert "supports 5 5" in text
    assert "Score: 5 5 × 1 = 5" in text
    assert "Propositions with the same score are placed newest first." in text


def test_most_discussed_counts_comments(client, supports):
    a, b, c = supports

    assert "Place 2 of 3." in why(client, "most_discussed", a)[1]
    assert "comments 4 4" in why(client, "most_discussed", b)[1]
    assert "Place 3 of 3." in why(client, "most_discussed", c)[1]


def test_newest_shows_the_age(client, supports):
    a, b, _c = supports

    _response, text = why(client, "newest", a)

    assert "Place 3 of 3." in text
    assert "hours since publication 10 the fewer, the higher" in text
    assert "Published 10 hours ago" in text
    assert "Place 1 of 3." in why(client, "newest", b)[1]


def test_trending_divides_the_votes_by_the_age(client, supports):
    a, b, c = supports

    _response, text = why(client, "trending", a)

    # A: 5 / (10 + 2) ^ 1.5 = 0.120; B: 2 / (2 + 2) ^ 1.5 = 0.25; C: 5 / (5 + 2) ^ 1.5 = 0.270.
    assert "Place 3 of 3." in text
    assert "votes 5 divided by the next line" in text
    assert "hours since publication 10 divides by (10 + 2) ^ 1.5 = 41.569" in text
    assert "Score: 0.12 5 ÷ (10 + 2) ^ 1.5 = 0.12" in text
    assert "Place 1 of 3." in why(client, "trending", c)[1]
    assert "Score: 0.25 " in why(client, "trending", b)[1]


def test_controversial_weighs_both_sides(client):
    process = ProcessFactory(phase=PhaseKind.VOTING, vote_mode=VoteMode.AGREE_DISAGREE)
    question = QuestionFactory(process=process)
    split = proposition(question, agree_count=3, disagree_count=5)
    lopsided = proposition(question, agree_count=10, disagree_count=1)
    untouched = proposition(question)

    _response, text = why(client, "controversial", split)

    # (3 + 5) × 3 ÷ 5 = 4.8 beats (10 + 1) × 1 ÷ 10 = 1.1 and 0.
    assert "Place 1 of 3." in text
    assert "agreements 3 adds to the 8 votes counted" in text
    assert "disagreements 5 adds to the 8 votes counted" in text
    assert "Score: 4.8 (3 + 5) × 3 ÷ 5 = 4.8" in text
    assert "Score: 1.1 (10 + 1) × 1 ÷ 10 = 1.1" in why(client, "controversial", lopsided)[1]
    assert "Nobody agreed or disagreed yet" in why(client, "controversial", untouched)[1]


def test_the_random_order_places_the_item_with_the_visitors_own_seed_and_shows_no_seed(
    client, supports
):
    seed = "0123456789abcdef"
    client.cookies[SEED_COOKIE] = seed
    by_hand = sorted(supports, key=lambda item: (shuffle_key(seed, item.pk), item.pk))

    pages = {item.pk: why(client, "random", item) for item in supports}

    for place, item in enumerate(by_hand, 1):
        response, text = pages[item.pk]
        assert f"Place {place} of 3." in text
        assert "Nobody else's number is used here" in text
        assert seed not in response.content.decode()
        assert "Score:" not in text


def test_the_random_order_without_a_seed_explains_the_shuffle_without_a_place(client, supports):
    _response, text = why(client, "random", supports[0])

    assert "Place" not in text
    assert "You have not opened this consultation in the random order yet" in text


def test_a_made_up_seed_cookie_is_ignored(client, supports):
    client.cookies[SEED_COOKIE] = "not a seed"

    assert "You have not opened" in why(client, "random", supports[0])[1]


def test_the_place_is_within_the_question_when_the_list_was_filtered(client, supports):
    a, _b, _c = supports
    other = QuestionFactory(process=a.process)
    alone = proposition(other, support_count=1)

    everywhere = why(client, "most_supported", alone)[1]
    in_its_question = why(client, "most_supported", alone, question=other.pk)[1]
    wrong_question = why(client, "most_supported", alone, question=a.question_id)[1]

    assert "Place 4 of 4." in everywhere
    assert "Place 1 of 1." in in_its_question
    assert "Place 4 of 4." in wrong_question


def test_the_back_link_leads_to_the_page_of_the_list_where_the_item_stands(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    question = QuestionFactory(process=process)
    items = [proposition(question, support_count=number) for number in range(25)]

    response, _text = why(client, "most_supported", items[0], question=question.pk)

    expected = (
        f"{process.get_absolute_url()}?order=most_supported&amp;question={question.pk}&amp;page=2"
    )
    assert f'href="{expected}"' in response.content.decode()


def test_a_proposition_of_a_draft_is_a_404_except_for_its_organisers(client):
    process = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    item = proposition(QuestionFactory(process=process), support_count=3)

    visitor = client.get(f"/algorithms/participation-most_supported/why/{item.pk}/")
    client.force_login(UserFactory())
    stranger = client.get(f"/algorithms/participation-most_supported/why/{item.pk}/")
    client.force_login(add_organiser(process))
    organiser = client.get(f"/algorithms/participation-most_supported/why/{item.pk}/")

    assert (visitor.status_code, stranger.status_code, organiser.status_code) == (404, 404, 200)
    assert item.title not in visitor.content.decode()


def test_a_hidden_or_withdrawn_proposition_has_no_place_to_explain(client, supports):
    a, b, _c = supports
    Proposition.objects.filter(pk=a.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")
    Proposition.objects.filter(pk=b.pk).update(status="withdrawn")

    assert why(client, "most_supported", a)[0].status_code == 404
    assert why(client, "most_supported", b)[0].status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/algorithms/participation-most_supported/why/999999/",
        "/algorithms/no-such-thing/why/1/",
        "/algorithms/participation-opinion_groups/why/1/",
        "/algorithms/orgs-directory/why/999999/",
    ],
)
def test_unknown_items_and_algorithms_without_explanations_are_404(client, path):
    assert client.get(path).status_code == 404


def test_the_process_page_links_each_card_to_its_why_page(client, supports):
    a, _b, _c = supports

    html = client.get(a.process.get_absolute_url(), {"order": "trending"}).content.decode()
    filtered = client.get(
        a.process.get_absolute_url(), {"order": "trending", "question": a.question_id}
    ).content.decode()

    assert html.count("/why/") == 3
    assert f'href="/algorithms/participation-trending/why/{a.pk}/">the full explanation' in html
    assert f'href="/algorithms/participation-trending/why/{a.pk}/?question={a.question_id}"' in (
        filtered
    )


def test_the_why_link_of_the_random_order_leads_to_the_shuffle_explanation(client, supports):
    a, _b, _c = supports

    html = client.get(a.process.get_absolute_url(), {"order": "random"}).content.decode()
    link = re.search(
        rf'href="(/algorithms/participation-random/why/{a.pk}/)"[^>]*>Why here\?', html
    )

    assert link is not None
    assert "Place " in text_of(client.get(link.group(1)))


def test_every_ranking_of_the_process_page_with_factors_is_explained():
    explained = {card.id for card in algorithms.all_cards() if algorithms.explainer(card.id)}

    assert {
        "participation.most_supported",
        "participation.newest",
        "participation.trending",
        "participation.most_discussed",
        "participation.controversial",
        "participation.random",
        "orgs.directory",
    } <= explained


@pytest.fixture
def directory():
    """Four organisations registered through the service (so that search finds them)."""
    person = UserFactory()
    made = {}
    for name, kind, description in [
        ("Zeta data", "ngo", "open data"),
        ("alpha", "school", "budgets"),
        ("Émile group", "ngo", "data"),
        ("beta", "ngo", "data and budgets"),
    ]:
        made[name] = org_services.organisation_register(
            actor=person, name=name, kind=kind, description=description
        )
    return made


def test_the_directory_place_follows_the_names_without_case_or_accents(client, directory):
    emile = directory["Émile group"]

    response = client.get(f"/algorithms/orgs-directory/why/{emile.pk}/")
    text = text_of(response)

    # alpha, beta, Émile group, Zeta data
    assert response.status_code == 200
    assert "By Organisation directory order , version 1.0" in text
    assert "Place 3 of 4." in text
    assert "Name, from A to Z emile group decides the order" in text
    assert f"Registration order {emile.pk} breaks ties in names" in text
    assert "Search relevance" not in text


def test_the_directory_place_takes_the_filters_and_the_search(client, directory):
    emile, alpha = directory["Émile group"], directory["alpha"]

    among_ngos = text_of(client.get(f"/algorithms/orgs-directory/why/{emile.pk}/", {"kind": "ngo"}))
    searched = text_of(client.get(f"/algorithms/orgs-directory/why/{emile.pk}/", {"q": "data"}))
    left_out = text_of(client.get(f"/algorithms/orgs-directory/why/{alpha.pk}/", {"kind": "ngo"}))

    assert "Place 2 of 3." in among_ngos
    assert "Search relevance" in searched
    assert "breaks ties in relevance" in searched
    assert "Place" not in left_out
    assert "It does not match the search or filters given" in left_out


def test_the_directory_links_each_organisation_to_its_why_page(client, directory):
    emile = directory["Émile group"]

    html = client.get("/organisations/", {"kind": "ngo"}).content.decode()

    assert f'href="/algorithms/orgs-directory/why/{emile.pk}/?kind=ngo">Why here?' in html


def test_the_consensus_order_without_opinion_groups_says_it_fell_back(client):
    process = ProcessFactory(phase=PhaseKind.VOTING, vote_mode=VoteMode.AGREE_DISAGREE)
    question = QuestionFactory(process=process)
    liked = proposition(question, agree_count=3, disagree_count=1)
    proposition(question, agree_count=1)

    _response, text = why(client, "group_consensus", liked)

    assert "Place 1 of 2." in text
    assert "agreements 3 3" in text
    assert "No opinion groups have been computed for this consultation yet" in text

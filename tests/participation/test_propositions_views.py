import pytest
from django.urls import reverse
from django.utils import timezone

from pnyx.participation.models import (
    PhaseKind,
    Proposition,
    PropositionStatus,
    Vote,
    VoteMode,
)
from pnyx.participation.services import votes
from pnyx.participation.services.propositions import proposition_create
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def propose_in(process, question=None, title="Publish every budget line", author=None):
    return proposition_create(
        actor=author or UserFactory(),
        process=process,
        question=question or QuestionFactory(process=process),
        title=title,
        body="Online, *each* month.",
    )


def vote_url(proposition):
    return reverse("participation:proposition-vote", kwargs={"pk": proposition.pk})


def many_propositions(process, count):
    question = QuestionFactory(process=process)
    people = UserFactory.create_batch(3)
    for index in range(count):
        proposition = PropositionFactory(question=question, author=people[index % 3])
        Proposition.objects.filter(pk=proposition.pk).update(support_count=index)
    return question


def test_the_process_page_lists_propositions_with_the_chosen_order_and_the_card_link(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, 3)

    response = client.get(process.get_absolute_url(), {"order": "participation.newest"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ordered by Newest (version 1.0)" in html
    assert reverse("transparency:algorithm-detail", kwargs={"slug": "participation-newest"}) in html
    assert html.count('class="card proposition-card"') == 3


def test_the_process_page_defaults_to_most_supported_outside_the_proposing_phase(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, 3)

    response = client.get(process.get_absolute_url())

    assert response.context["ranking"].id == "participation.most_supported"
    assert [p.support_count for p in response.context["page_obj"].object_list] == [2, 1, 0]


def test_the_random_order_is_the_default_while_proposing_and_stays_the_same_per_visitor(client):
    process = ProcessFactory()
    many_propositions(process, 30)

    first = client.get(process.get_absolute_url())
    again = client.get(process.get_absolute_url())

    assert first.context["ranking"].id == "participation.random"
    ids = [p.pk for p in first.context["page_obj"].object_list]
    assert ids == [p.pk for p in again.context["page_obj"].object_list]


def test_an_unknown_order_or_question_is_ignored_with_a_notice(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, 2)

    response = client.get(
        process.get_absolute_url(), {"order": "id; DROP TABLE", "question": "<script>"}
    )

    assert response.status_code == 200
    assert response.context["notices"] == [
        "That question is not part of this consultation, so it was not applied.",
        "That order is not known, so the default order is used.",
    ]
    assert b"<script>" not in response.content


def test_the_question_filter_keeps_only_its_propositions(client):
    process = ProcessFactory()
    first, second = QuestionFactory(process=process), QuestionFactory(process=process)
    mine = propose_in(process, first)
    propose_in(process, second)

    response = client.get(process.get_absolute_url(), {"question": first.pk})

    assert [p.pk for p in response.context["page_obj"].object_list] == [mine.pk]


def test_an_htmx_request_gets_only_the_list(client):
    process = ProcessFactory()
    many_propositions(process, 2)

    response = client.get(process.get_absolute_url(), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.startswith('<div id="proposition-list"')
    assert "<html" not in html


def test_the_viewer_sees_their_own_vote_on_the_card(client):
    process = ProcessFactory()
    proposition = propose_in(process)
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="support")
    client.force_login(person)

    response = client.get(process.get_absolute_url())

    assert "Your vote: Support" in response.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_the_process_page_asks_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, count
):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, count)
    person = UserFactory()
    client.force_login(person)

    with django_assert_max_num_queries(12):
        response = client.get(process.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("order", "queries"),
    [("most_supported", 6), ("trending", 7), ("controversial", 7), ("random", 7)],
)
def test_a_visitor_sees_any_order_in_a_few_queries_without_counting_every_row(
    client, django_assert_num_queries, order, queries
):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, 60)

    # The process, its phases, topics and questions; its hidden propositions; the page's rows;
    # for an order ranked in Python, the counters of every proposition first.
    with django_assert_num_queries(queries) as captured:
        response = client.get(process.get_absolute_url(), {"order": order})

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 60
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    assert '"hidden_at" IS NOT NULL' in counts[0]
    assert "django_session" not in " ".join(q["sql"] for q in captured.captured_queries)


def test_an_order_ranked_in_python_is_reused_briefly_but_the_cards_show_current_counts(
    client, django_assert_num_queries
):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    many_propositions(process, 30)
    first = client.get(process.get_absolute_url(), {"order": "trending"})
    top = first.context["cards"][0].proposition
    Proposition.objects.filter(pk=top.pk).update(support_count=500)

    with django_assert_num_queries(6):  # no ranking query: the order of a moment ago
        again = client.get(process.get_absolute_url(), {"order": "trending"})

    card = again.context["cards"][0]
    assert card.proposition.pk == top.pk
    assert card.counts == "500 supports · 0 comments"
    assert card.why.startswith("Why here: votes 500, hours since publication")


def test_a_new_proposition_is_ranked_at_once(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    question = many_propositions(process, 3)
    client.get(process.get_absolute_url(), {"order": "trending"})

    PropositionFactory(question=question, support_count=90)
    response = client.get(process.get_absolute_url(), {"order": "trending"})

    assert response.context["page_obj"].paginator.count == 4
    assert response.context["cards"][0].proposition.support_count == 90


def test_the_total_leaves_out_hidden_propositions_and_follows_the_question(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    question = many_propositions(process, 3)
    other = QuestionFactory(process=process)
    PropositionFactory(question=other)
    hidden = Proposition.objects.filter(question=question).order_by("pk").first()
    Proposition.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")

    everything = client.get(process.get_absolute_url())
    one_question = client.get(process.get_absolute_url(), {"question": question.pk})

    assert everything.context["page_obj"].paginator.count == 3
    assert len(everything.context["cards"]) == 3
    assert one_question.context["page_obj"].paginator.count == 2
    assert len(one_question.context["cards"]) == 2


def test_the_random_order_keeps_its_seed_in_a_cookie_not_a_session(client):
    process = ProcessFactory()
    many_propositions(process, 30)

    first = client.get(process.get_absolute_url())
    again = client.get(process.get_absolute_url())

    cookie = first.cookies["pnyx_order_seed"]
    assert len(cookie.value) == 16
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert "pnyx_order_seed" not in again.cookies  # kept, not replaced
    assert "sessionid" not in first.cookies
    assert [card.proposition.pk for card in again.context["cards"]] == [
        card.proposition.pk for card in first.context["cards"]
    ]


def test_a_forged_seed_cookie_is_replaced(client):
    process = ProcessFactory()
    many_propositions(process, 3)
    client.cookies["pnyx_order_seed"] = "<script>alert(1)</script>"

    response = client.get(process.get_absolute_url())

    assert len(response.cookies["pnyx_order_seed"].value) == 16
    assert b"alert(1)" not in response.content


def test_a_draft_process_page_is_not_found_for_visitors(client):
    process = ProcessFactory(status="draft")

    assert client.get(process.get_absolute_url()).status_code == 404


def test_the_proposition_page_shows_votes_buttons_and_history(client):
    process = ProcessFactory()
    proposition = propose_in(process)
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="support")
    client.force_login(person)

    response = client.get(proposition.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your vote: Support" in html
    assert 'aria-pressed="true"' in html
    assert "Take my vote back" in html
    assert "<em>each</em>" in html


@pytest.mark.parametrize("votes_count", [1, 40])
def test_the_proposition_page_asks_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, votes_count
):
    process = ProcessFactory()
    proposition = propose_in(process)
    for person in UserFactory.create_batch(votes_count):
        votes.vote_cast(person=person, proposition=proposition, value="support")
    client.force_login(UserFactory())

    # 13 for the page itself, plus the one query of the programs' "Cited in" block.
    with django_assert_max_num_queries(14):
        response = client.get(proposition.get_absolute_url())

    assert response.status_code == 200


def test_voting_by_form_counts_and_redirects_back(client):
    proposition = propose_in(ProcessFactory())
    person = UserFactory()
    client.force_login(person)

    response = client.post(vote_url(proposition), {"value": "support"})

    assert response.status_code == 302
    assert response["Location"] == proposition.get_absolute_url()
    proposition.refresh_from_db()
    assert proposition.support_count == 1


def test_voting_with_htmx_returns_the_vote_widget(client):
    proposition = propose_in(ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE))
    client.force_login(UserFactory())

    response = client.post(
        vote_url(proposition), {"value": "agree"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="vote-widget"')
    assert "Your vote: Agree" in html


def test_an_open_redirect_in_next_is_refused(client):
    proposition = propose_in(ProcessFactory())
    client.force_login(UserFactory())

    response = client.post(vote_url(proposition), {"value": "support", "next": "//evil.example/"})

    assert response["Location"] == proposition.get_absolute_url()


def test_withdrawing_a_vote_by_form(client):
    proposition = propose_in(ProcessFactory())
    person = UserFactory()
    votes.vote_cast(person=person, proposition=proposition, value="support")
    client.force_login(person)

    client.post(vote_url(proposition), {"value": "withdraw"})

    assert Vote.objects.count() == 0


def test_a_bad_vote_value_answers_400_with_the_reason_and_stores_nothing(client):
    proposition = propose_in(ProcessFactory())
    client.force_login(UserFactory())

    response = client.post(vote_url(proposition), {"value": "agree"})

    assert response.status_code == 400
    assert "only counts supports" in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_vote_in_a_closed_phase_answers_403_with_a_clear_message(client):
    process = ProcessFactory(phase=PhaseKind.RESULTS)
    proposition = PropositionFactory(question__process=process)
    client.force_login(UserFactory())

    response = client.post(vote_url(proposition), {"value": "support"})

    assert response.status_code == 403
    assert "Voting is closed in this consultation at the moment." in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_visitor_vote_is_refused(client):
    proposition = propose_in(ProcessFactory())

    response = client.post(vote_url(proposition), {"value": "support"})

    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_a_get_on_the_vote_endpoint_changes_nothing(client):
    proposition = propose_in(ProcessFactory())
    client.force_login(UserFactory())

    response = client.get(vote_url(proposition), {"value": "support"})

    assert response.status_code == 405
    assert Vote.objects.count() == 0


def test_proposing_through_the_form_publishes_and_redirects(client):
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    client.force_login(UserFactory())
    url = reverse("participation:proposition-create", kwargs={"slug": process.slug})

    response = client.post(
        url, {"question": question.pk, "title": "Open budget data", "body": "Every line."}
    )

    proposition = Proposition.objects.get()
    assert response["Location"] == proposition.get_absolute_url()


def test_the_check_step_shows_similar_propositions_without_publishing(client):
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    propose_in(process, question, title="Open the city budget to everyone")
    client.force_login(UserFactory())
    url = reverse("participation:proposition-create", kwargs={"slug": process.slug})

    response = client.post(
        url,
        {"question": question.pk, "title": "Budget open data", "body": "x", "check": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Open the city budget to everyone" in html
    assert "shares the words: budget, open" in html
    assert Proposition.objects.count() == 1


def test_the_similar_fragment_answers_while_typing(client):
    process = ProcessFactory()
    propose_in(process, title="Open the city budget to everyone")
    url = reverse("participation:proposition-similar", kwargs={"slug": process.slug})

    response = client.get(url, {"title": "city budget"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.startswith('<div id="similar-propositions"')
    assert "shares the words: city, budget" in html


def test_a_bad_proposition_form_answers_400_with_the_messages(client):
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    client.force_login(UserFactory())
    url = reverse("participation:proposition-create", kwargs={"slug": process.slug})

    response = client.post(url, {"question": question.pk, "title": "Tiny", "body": "x"})

    assert response.status_code == 400
    assert "Make the title at least 5 characters long (it has 4)." in response.content.decode()
    assert Proposition.objects.count() == 0


def test_proposing_outside_the_proposing_phase_is_refused_with_the_reason(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    client.force_login(UserFactory())
    url = reverse("participation:proposition-create", kwargs={"slug": process.slug})

    response = client.get(url)

    assert response.status_code == 403
    assert "Proposing is closed in this consultation at the moment." in response.content.decode()


def test_the_author_edits_and_withdraws_others_may_not(client):
    proposition = propose_in(ProcessFactory())
    edit = reverse("participation:proposition-edit", kwargs={"pk": proposition.pk})
    withdraw = reverse("participation:proposition-withdraw", kwargs={"pk": proposition.pk})
    client.force_login(UserFactory())
    assert client.post(edit, {"title": "Hijacked title", "body": "x"}).status_code == 403
    assert client.post(withdraw).status_code == 403
    client.force_login(proposition.author)

    client.post(edit, {"title": "A clearer title", "body": "Text."})
    client.post(withdraw)

    proposition.refresh_from_db()
    assert (proposition.title, proposition.status) == (
        "A clearer title",
        PropositionStatus.WITHDRAWN,
    )


def test_a_hidden_proposition_shows_a_tombstone(client):
    proposition = propose_in(ProcessFactory())
    Proposition.objects.filter(pk=proposition.pk).update(
        hidden_at=timezone.now(), hidden_reason="Insults"
    )

    response = client.get(proposition.get_absolute_url())

    html = response.content.decode()
    assert "The moderators hid this proposition. Reason: Insults" in html
    assert "each</em>" not in html

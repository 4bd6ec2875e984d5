import json

import pytest

from pnyx.participation.models import PhaseKind, Proposition, Vote, VoteMode
from pnyx.participation.services import votes
from pnyx.participation.services.propositions import proposition_create
from tests.accounts.factories import ApiTokenFactory
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def propose_in(process, title="Publish every budget line"):
    return proposition_create(
        actor=UserFactory(),
        process=process,
        question=QuestionFactory(process=process),
        title=title,
        body="Online, each month.",
    )


def bearer(token):
    return {"Authorization": f"Bearer {token.raw}"}


def put_vote(client, proposition, value, token):
    return client.put(
        f"/api/v1/propositions/{proposition.pk}/vote",
        data=json.dumps({"value": value}),
        content_type="application/json",
        headers=bearer(token),
    )


def test_the_list_is_paginated_in_the_requested_order(client):
    process = ProcessFactory()
    older = propose_in(process, "Older proposition")
    newer = propose_in(process, "Newer proposition")

    response = client.get(f"/api/v1/processes/{process.pk}/propositions", {"order": "newest"})

    body = response.json()
    assert response.status_code == 200
    assert [item["id"] for item in body["items"]] == [newer.pk, older.pk]
    assert (body["count"], body["page"], body["num_pages"]) == (2, 1, 1)
    assert body["order"] == "participation.newest"
    assert "email" not in json.dumps(body)


def test_an_unknown_order_answers_422_with_the_known_names(client):
    process = ProcessFactory()

    response = client.get(f"/api/v1/processes/{process.pk}/propositions", {"order": "votes"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "Unknown order; use one of: most_supported, newest, trending, most_discussed, "
        "controversial, random, group_consensus."
    )


def test_the_list_of_a_draft_or_unknown_process_is_404(client):
    draft = ProcessFactory(status="draft")

    assert client.get(f"/api/v1/processes/{draft.pk}/propositions").status_code == 404
    assert client.get("/api/v1/processes/999999/propositions").status_code == 404


def test_proposing_through_the_api_answers_201(client):
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    token = ApiTokenFactory()

    response = client.post(
        f"/api/v1/processes/{process.pk}/propositions",
        data=json.dumps({"question": question.pk, "title": "Open data now", "body": "Yes."}),
        content_type="application/json",
        headers=bearer(token),
    )

    assert response.status_code == 201
    assert response.json()["title"] == "Open data now"
    assert Proposition.objects.get().author == token.user


def test_proposing_with_bad_fields_answers_422_and_stores_nothing(client):
    process = ProcessFactory()
    other_question = QuestionFactory()

    response = client.post(
        f"/api/v1/processes/{process.pk}/propositions",
        data=json.dumps({"question": other_question.pk, "title": "Tiny", "body": "x"}),
        content_type="application/json",
        headers=bearer(ApiTokenFactory()),
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "Choose one of the questions of this consultation."
    )
    assert Proposition.objects.count() == 0


def test_proposing_in_a_closed_phase_answers_403_with_the_reason(client):
    process = ProcessFactory(phase=PhaseKind.VOTING)
    question = QuestionFactory(process=process)

    response = client.post(
        f"/api/v1/processes/{process.pk}/propositions",
        data=json.dumps({"question": question.pk, "title": "Open data now", "body": "Yes."}),
        content_type="application/json",
        headers=bearer(ApiTokenFactory()),
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Proposing is closed in this consultation at the moment."}


def test_proposing_without_credentials_answers_401(client):
    process = ProcessFactory()

    response = client.post(
        f"/api/v1/processes/{process.pk}/propositions",
        data=json.dumps({"question": 1, "title": "Open data now", "body": "Yes."}),
        content_type="application/json",
    )

    assert response.status_code == 401


def test_one_proposition_with_counts_and_the_callers_vote(client):
    proposition = propose_in(ProcessFactory())
    token = ApiTokenFactory()
    votes.vote_cast(person=token.user, proposition=proposition, value="support")

    mine = client.get(f"/api/v1/propositions/{proposition.pk}", headers=bearer(token)).json()
    public = client.get(f"/api/v1/propositions/{proposition.pk}").json()

    assert (mine["support_count"], mine["my_vote"]) == (1, "support")
    assert public["my_vote"] is None


def test_an_unknown_proposition_is_404_json(client):
    response = client.get("/api/v1/propositions/999999")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_voting_changing_and_withdrawing_through_the_api(client):
    proposition = propose_in(ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE))
    token = ApiTokenFactory()

    cast = put_vote(client, proposition, "agree", token)
    changed = put_vote(client, proposition, "disagree", token)
    withdrawn = client.delete(f"/api/v1/propositions/{proposition.pk}/vote", headers=bearer(token))

    assert (cast.status_code, cast.json()["agree_count"]) == (200, 1)
    assert (changed.json()["agree_count"], changed.json()["disagree_count"]) == (0, 1)
    assert withdrawn.status_code == 200
    assert withdrawn.json()["my_vote"] is None
    assert Vote.objects.count() == 0


def test_a_bad_vote_value_answers_422_with_a_clear_message(client):
    proposition = propose_in(ProcessFactory())

    response = put_vote(client, proposition, "agree", ApiTokenFactory())

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == (
        "This consultation only counts supports: send “support” (not “agree”)."
    )
    assert Vote.objects.count() == 0


def test_a_vote_when_voting_is_closed_answers_403_json(client):
    proposition = PropositionFactory(question__process=ProcessFactory(phase=PhaseKind.RESULTS))

    response = put_vote(client, proposition, "support", ApiTokenFactory())

    assert response.status_code == 403
    assert response.json() == {"detail": "Voting is closed in this consultation at the moment."}
    assert Vote.objects.count() == 0


def test_a_session_vote_without_the_csrf_token_is_refused(client):
    proposition = propose_in(ProcessFactory())
    client.handler.enforce_csrf_checks = True
    client.force_login(UserFactory())

    response = client.put(
        f"/api/v1/propositions/{proposition.pk}/vote",
        data=json.dumps({"value": "support"}),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_a_token_of_a_person_without_a_confirmed_address_may_not_vote(client):
    proposition = propose_in(ProcessFactory())
    token = ApiTokenFactory(user=UserFactory(confirmed=False))

    response = put_vote(client, proposition, "support", token)

    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_changing_a_vote_takes_seven_statements_and_never_writes_the_process(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE)
    proposition = propose_in(process)
    token = ApiTokenFactory()
    # Its commit also notes that the opinion groups' recompute is queued: later votes skip that.
    with django_capture_on_commit_callbacks(execute=True):
        put_vote(client, proposition, "agree", token)

    # The token (with whether its owner confirmed an address), the proposition and its phases;
    # then, in the transaction: the participant, the proposition (with the current vote), the
    # vote, the counters. The test's own transaction turns BEGIN and COMMIT into a savepoint
    # (2 more).
    with django_assert_num_queries(9) as captured:
        response = put_vote(client, proposition, "disagree", token)

    assert response.status_code == 200
    assert response.json()["disagree_count"] == 1
    statements = " ".join(query["sql"] for query in captured.captured_queries)
    assert 'UPDATE "participation_process"' not in statements
    assert 'FROM "participation_process" ' not in statements.split("BEGIN")[-1]

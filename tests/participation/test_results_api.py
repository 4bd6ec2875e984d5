"""`GET /api/v1/processes/{id}/results`."""

import hashlib

import pytest

from pnyx.participation.models import ProcessStatus
from pnyx.participation.services.votes import vote_cast
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_results_give_totals_rankings_and_daily_series(client):
    process = ProcessFactory(slug="city")
    question = QuestionFactory(process=process, title="What first?")
    top, low = PropositionFactory.create_batch(2, question=question)
    for person in UserFactory.create_batch(3):
        vote_cast(person=person, proposition=top, value="support")
    process.refresh_from_db()

    response = client.get(f"/api/v1/processes/{process.pk}/results")

    body = response.json()
    assert response.status_code == 200
    assert body["totals"] == {
        "propositions": process.proposition_count,
        "votes": 3,
        "comments": 0,
        "participants": process.participant_count,
    }
    block = body["questions"][0]
    assert block["title"] == "What first?"
    assert [(r["rank"], r["id"], r["score"]) for r in block["ranking"]] == [
        (1, top.pk, 3.0),
        (2, low.pk, 0.0),
    ]
    assert block["ranking"][0]["url"] == f"http://testserver/propositions/{top.pk}/"
    assert sum(day["votes"] for day in body["days"]) == 3
    assert "email" not in response.content.decode()
    served = client.get("/processes/city/votes.csv").content
    assert body["votes_csv_sha256"] == hashlib.sha256(served).hexdigest()


def test_the_ranking_is_cut_at_twenty(client):
    question = QuestionFactory()
    PropositionFactory.create_batch(23, question=question)

    body = client.get(f"/api/v1/processes/{question.process_id}/results").json()

    assert len(body["questions"][0]["ranking"]) == 20


def test_drafts_and_unknown_processes_answer_404(client):
    draft = ProcessFactory(status=ProcessStatus.DRAFT)

    assert client.get(f"/api/v1/processes/{draft.pk}/results").status_code == 404
    assert client.get("/api/v1/processes/999999/results").status_code == 404
    assert client.get("/api/v1/processes/abc/results").status_code in (404, 422)


def test_the_operation_is_documented():
    from pnyx.api.api import api

    schema = api.get_openapi_schema()

    operation = schema["paths"]["/api/v1/processes/{process_id}/results"]["get"]
    assert operation["operationId"] == "process_results"

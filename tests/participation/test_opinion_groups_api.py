"""`GET /api/v1/processes/{id}/opinion-groups`."""

import pytest

from pnyx.participation.models import Participant, ProcessStatus, VoteMode
from pnyx.participation.selectors.results import voter_pseudonym
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from tests.participation.factories import ProcessFactory
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db


def url(process):
    return f"/api/v1/processes/{process.pk}/opinion-groups"


def test_the_groups_come_with_members_representative_propositions_and_consensus(client):
    process, items, people, truth = voted_process((7, 5), propositions=6)
    Participant.objects.filter(user=people[0]).update(external_id="polis-17")
    run = opinion_groups_recompute(process=process)

    response = client.get(url(process))

    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["reason"]) == ("computed", "")
    assert body["algorithm"] == "participation.opinion_groups"
    assert body["algorithm_url"] == "http://testserver/algorithms/participation-opinion_groups/"
    assert body["algorithm_version"] == run.algorithm_version
    assert (body["vote_count"], body["participant_count"], body["grouped_count"]) == (72, 12, 12)
    assert body["silhouettes"] == [{"groups": 2, "silhouette": run.silhouettes["2"]}]
    first, second = body["groups"]
    assert (first["name"], first["size"], second["name"], second["size"]) == ("A", 7, "B", 5)
    expected = ["polis-17"] + [
        voter_pseudonym(process=process, user_id=person.pk) for person in people[1:7]
    ]
    assert sorted(first["members"]) == sorted(expected)
    assert len(second["members"]) == 5
    representative = first["representative"][0]
    assert representative["direction"] == "agree"
    assert representative["proposition"]["id"] in {item.pk for item in items[:3]}
    assert representative["proposition"]["url"].startswith("http://testserver/propositions/")
    assert representative["group_count"] == representative["group_votes"] == 7
    assert [entry["rank"] for entry in body["consensus"]] == [1, 2, 3, 4, 5, 6]
    top = body["consensus"][0]
    assert [(group["group"], group["votes"]) for group in top["groups"]] == [(0, 7), (1, 5)]
    assert top["score"] == pytest.approx(
        (top["groups"][0]["agree"] + 1) / 9 * (top["groups"][1]["agree"] + 1) / 7
    )
    assert "@" not in response.content.decode()


def test_before_any_computation_the_answer_says_so(client):
    process = ProcessFactory(vote_mode=VoteMode.AGREE_DISAGREE)

    body = client.get(url(process)).json()

    assert body["status"] == "pending"
    assert body["reason"] == "The opinion groups have not been computed yet."
    assert body["groups"] == body["consensus"] == []
    assert body["computed_at"] is None


def test_too_few_voters_give_a_computed_answer_without_groups(client):
    process, _items, _people, _truth = voted_process((1, 1), propositions=4)
    opinion_groups_recompute(process=process)

    body = client.get(url(process)).json()

    assert body["status"] == "computed"
    assert body["reason"].startswith("Not enough participants")
    assert body["groups"] == []
    assert body["participant_count"] == 2


def test_a_support_only_process_answers_that_groups_do_not_apply(client):
    process = ProcessFactory(vote_mode=VoteMode.SUPPORT)

    response = client.get(url(process))

    assert response.status_code == 200
    assert response.json()["status"] == "not_applicable"
    assert "supports only" in response.json()["reason"]


def test_drafts_and_unknown_processes_answer_404(client):
    draft = ProcessFactory(status=ProcessStatus.DRAFT, vote_mode=VoteMode.AGREE_DISAGREE)

    for path in (url(draft), "/api/v1/processes/999999/opinion-groups"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"].startswith("No consultation has the id")


def test_the_endpoint_is_documented_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/processes/{process_id}/opinion-groups"]["get"]
    assert operation["operationId"] == "process_opinion_groups"
    assert set(operation["responses"]) == {"200", "404"}
    assert "not_applicable" in operation["description"]

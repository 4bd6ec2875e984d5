"""The consultations API: GET /api/v1/processes and GET /api/v1/processes/{id}."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pnyx.core import search
from pnyx.participation.models import PhaseKind, ProcessStatus
from tests.orgs.factories import MembershipFactory
from tests.participation.factories import (
    OrganisationFactory,
    PhaseFactory,
    ProcessFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/processes"
LIST_FIELDS = {
    "id", "slug", "title", "summary", "organisation", "topics", "languages", "status", "stage",
    "open_features", "vote_mode", "published_at", "url", "proposition_count", "vote_count",
    "comment_count", "participant_count", "cover_image_url", "cover_image_alt",
}  # fmt: skip
DETAIL_FIELDS = LIST_FIELDS | {
    "body", "body_html", "vote_limit", "support_threshold", "propose_audience", "vote_audience",
    "comment_audience", "phases", "questions",
}  # fmt: skip


def test_the_list_is_paginated_newest_first_and_hides_drafts(client):
    old = ProcessFactory(title="Old", published_at=timezone.now() - timedelta(days=3))
    new = ProcessFactory(title="New")
    ProcessFactory(title="Draft", status=ProcessStatus.DRAFT)

    first = client.get(URL, {"page_size": 1})
    second = client.get(URL, {"page_size": 1, "page": 2})

    assert first.status_code == 200
    assert first.json()["count"] == 2
    assert [item["id"] for item in first.json()["items"]] == [new.pk]
    assert [item["id"] for item in second.json()["items"]] == [old.pk]
    item = first.json()["items"][0]
    assert set(item) == LIST_FIELDS
    assert set(item["organisation"]) == {"id", "slug", "name", "country"}
    assert item["stage"] == "open"
    assert item["open_features"] == ["comment", "propose", "vote"]
    assert item["url"] == f"http://testserver/processes/{new.slug}/"


def test_filters_and_search(client):
    kenya = OrganisationFactory(country="KE", slug="ke-org")
    budget = ProcessFactory(organisation=kenya, title="Budget lines")
    search.index_object(budget, title=budget.title, body="money")
    upcoming = ProcessFactory(phase=PhaseKind.VOTING)
    upcoming.phases.update(starts_at=timezone.now() + timedelta(days=2))

    assert [i["id"] for i in client.get(URL, {"q": "money"}).json()["items"]] == [budget.pk]
    assert [i["id"] for i in client.get(URL, {"country": "ke"}).json()["items"]] == [budget.pk]
    assert [i["id"] for i in client.get(URL, {"organisation": "ke-org"}).json()["items"]] == [
        budget.pk
    ]
    assert [i["id"] for i in client.get(URL, {"status": "upcoming"}).json()["items"]] == [
        upcoming.pk
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "secret"}, "Unknown status 'secret'"),
        ({"topic": "cooking"}, "Unknown topic 'cooking'"),
        ({"country": "XX"}, "Unknown country code 'XX'"),
        ({"page": "abc"}, "Input should be a valid integer"),
        ({"q": "x" * 201}, "String should have at most 200 characters"),
    ],
)
def test_bad_filters_answer_422_with_a_message(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert message in str(response.json()["detail"])


def test_one_process_with_its_questions_phases_and_rules(client):
    process = ProcessFactory(body="We ask **you**.", vote_limit=3)
    question = QuestionFactory(process=process, title="How?")
    PhaseFactory(process=process, kind=PhaseKind.RESULTS,
                 starts_at=timezone.now() + timedelta(days=40),
                 ends_at=timezone.now() + timedelta(days=50))  # fmt: skip
    process.moderators.add(MembershipFactory().user)
    process.invitation_token_hash = "f" * 64
    process.save()

    response = client.get(f"{URL}/{process.pk}")

    data = response.json()
    assert response.status_code == 200
    assert set(data) == DETAIL_FIELDS
    assert data["body_html"] == "<p>We ask <strong>you</strong>.</p>\n"
    assert data["vote_limit"] == 3
    assert data["questions"] == [
        {"id": question.pk, "title": "How?", "description": "", "position": question.position,
         "proposition_count": 0}
    ]  # fmt: skip
    assert [(p["kind"], p["running"]) for p in data["phases"]] == [
        ("proposing", True),
        ("results", False),
    ]
    assert "@" not in response.content.decode()
    assert "f" * 64 not in response.content.decode()


@pytest.mark.parametrize("status", [ProcessStatus.DRAFT, None])
def test_unknown_or_draft_processes_answer_404_json(client, status):
    pk = ProcessFactory(status=status).pk if status else 999999

    response = client.get(f"{URL}/{pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": f"No consultation has the id {pk}."}


def test_archived_processes_are_listed_with_nothing_open(client):
    process = ProcessFactory(status=ProcessStatus.ARCHIVED)

    item = client.get(f"{URL}/{process.pk}").json()

    assert (item["stage"], item["open_features"]) == ("archived", [])


def test_the_operations_are_documented(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["paths"]["/api/v1/processes"]["get"]["operationId"] == "process_list"
    assert schema["paths"]["/api/v1/processes/{id}"]["get"]["operationId"] == "process_get"

"""The register as data: the JSON files of the pages and the API's /algorithms endpoints."""

import json

import pytest

from pnyx.core import algorithms
from pnyx.transparency.api import AlgorithmOut

pytestmark = pytest.mark.django_db

CARD_FIELDS = [
    "id",
    "slug",
    "version",
    "name",
    "kind",
    "summary",
    "purpose",
    "owner",
    "decision_type",
    "phase",
    "deployed_on",
    "used_in",
    "inputs",
    "data_sources",
    "data_retention",
    "factors",
    "human_oversight",
    "appeal",
    "limits",
    "impact_assessment",
    "risks",
    "alternatives",
    "contact",
    "source",
    "history",
    "explained",
    "url",
    "json_url",
    "debate_url",
]


def test_the_whole_register_downloads_as_a_json_file_with_every_card(client):
    response = client.get("/algorithms.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="pnyx-algorithms.json"'
    body = json.loads(response.content)
    assert [body["format"], body["format_version"], body["language"]] == [
        "pnyx.algorithm-register",
        1,
        "en",
    ]
    assert [card["id"] for card in body["algorithms"]] == [c.id for c in algorithms.all_cards()]
    assert all(list(card) == CARD_FIELDS for card in body["algorithms"])


def test_the_register_page_gives_the_same_file_with_format_json(client):
    assert client.get("/algorithms/?format=json").content == client.get("/algorithms.json").content


def test_one_card_downloads_with_its_fields_and_version_history(client, full_card):
    response = client.get("/algorithms/tests-full_order.json")

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="tests-full_order.json"'
    body = json.loads(response.content)
    assert body["format"] == "pnyx.algorithm-card"
    card = body["algorithm"]
    assert list(card) == CARD_FIELDS
    assert [tuple(change.values()) for change in card["history"]] == [
        ("2.1-beta", "2026-09-09", "A trial, not yet in use.", False),
        ("2.0", "2026-06-01", "Ties broken by id.", True),
        ("1.0", "2026-01-05", "First try.", False),
    ]
    assert list(card["history"][0]) == ["version", "date", "note", "current"]
    assert card["factors"] == [
        {"name": "Title", "weight": 0.5, "description": "Alphabetical by title."}
    ]
    assert card["risks"] == [
        {"risk": "Titles in capitals sort first.", "mitigation": "Case is ignored."}
    ]
    assert (card["decision_type"], card["phase"], card["deployed_on"]) == (
        "advisory",
        "pilot",
        "2026-01-05",
    )
    assert card["explained"] is False
    assert card["url"] == "http://testserver/algorithms/tests-full_order/"
    assert card["json_url"] == "http://testserver/algorithms/tests-full_order.json"
    assert card["debate_url"] == "http://testserver/algorithms/tests-full_order/debate/"
    assert client.get("/algorithms/tests-full_order/?format=json").content == response.content


def test_a_card_file_comes_in_the_language_of_the_request(client):
    response = client.get("/algorithms/participation-newest.json", HTTP_ACCEPT_LANGUAGE="fr")

    body = json.loads(response.content)
    assert response["Content-Language"] == body["language"] == "fr"
    assert body["algorithm"]["name"] == "Les plus récentes"


def test_an_unknown_card_file_is_a_404(client):
    assert client.get("/algorithms/no-such-thing.json").status_code == 404


def test_the_api_lists_every_card_with_the_same_fields_as_the_file(client):
    response = client.get("/api/v1/algorithms")

    assert response.status_code == 200
    body = response.json()
    downloaded = json.loads(client.get("/algorithms.json").content)["algorithms"]
    assert body["count"] == len(downloaded)
    assert body["items"] == downloaded[: len(body["items"])]
    assert list(AlgorithmOut.model_fields) == CARD_FIELDS


def test_the_api_pages_the_register(client):
    second = client.get("/api/v1/algorithms", {"page": 2, "page_size": 3}).json()

    ids = [card.id for card in algorithms.all_cards()]
    assert [card["id"] for card in second["items"]] == ids[3:6]


@pytest.mark.parametrize("key", ["participation.trending", "participation-trending"])
def test_the_api_gives_one_card_by_id_or_slug(client, key):
    response = client.get(f"/api/v1/algorithms/{key}")

    assert response.status_code == 200
    card = response.json()
    assert card["id"] == "participation.trending"
    assert card["explained"] is True
    assert card["history"][0]["current"] is True


def test_the_api_answers_an_unknown_id_with_a_json_404(client):
    response = client.get("/api/v1/algorithms/no.such")

    assert response.status_code == 404
    assert response.json() == {"detail": "No algorithm has the id “no.such”."}


def test_the_api_rejects_a_page_out_of_range_with_a_422(client):
    assert client.get("/api/v1/algorithms", {"page": 0}).status_code == 422


def test_the_card_fields_are_documented_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()

    documented = schema["components"]["schemas"]["AlgorithmOut"]["properties"]
    assert list(documented) == CARD_FIELDS
    assert "/api/v1/algorithms/{id}" in schema["paths"]


def test_the_files_and_pages_refuse_a_post(client):
    assert client.post("/algorithms.json").status_code == 405
    assert client.post("/algorithms/participation-newest/").status_code == 405

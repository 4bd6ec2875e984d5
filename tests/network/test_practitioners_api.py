"""The practitioners API: the directory, help requests with answers and suggestions with their
reasons, answering a data request and asking a practitioner for help (rate-limited)."""

import pytest

from pnyx.network.models import ContactRequest, ExpertAnswer, HelpKind
from tests.accounts.factories import ApiTokenFactory
from tests.network.factories import (
    ExpertAnswerFactory,
    HelpRequestFactory,
    PractitionerFactory,
    UserFactory,
    topics,
)
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db


def bearer(user=None, **kwargs):
    token = ApiTokenFactory(user=user or UserFactory(**kwargs))
    return {"Authorization": f"Bearer {token.raw}"}


def test_the_directory_lists_available_practitioners_with_a_count_and_filters(client):
    tool = ToolFactory(slug="agora-commons")
    PractitionerFactory(
        user=UserFactory(display_name="Ana", email="ana@example.org"),
        topics=topics("open-data"),
        tools=[tool],
        languages=["es"],
        countries=["ES"],
        data_expert=True,
    )
    PractitionerFactory(user=UserFactory(display_name="Ben"), languages=["en"])
    PractitionerFactory(user=UserFactory(display_name="Hidden"), available=False)
    body = client.get("/api/v1/practitioners").json()
    assert body["count"] == 2
    assert {item["name"] for item in body["items"]} == {"Ana", "Ben"}
    assert "ana@example.org" not in str(body)
    for query in (
        "topic=open-data",
        "tool=agora-commons",
        "language=es",
        "country=es",
        "data_expert=true",
    ):
        body = client.get(f"/api/v1/practitioners?{query}").json()
        assert [item["name"] for item in body["items"]] == ["Ana"], query
    [ana] = body["items"]
    assert ana["topics"] == ["open-data"]
    assert ana["tools"] == ["agora-commons"]


def test_bad_list_parameters_are_422(client):
    assert client.get("/api/v1/practitioners?page=0").status_code == 422
    assert client.get("/api/v1/practitioners?country=FRA").status_code == 422
    assert client.get("/api/v1/help-requests?kind=other").status_code == 422
    assert client.get("/api/v1/help-requests?status=done").status_code == 422


def test_the_list_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(20):
        PractitionerFactory(topics=topics("open-data", "justice"), tools=[ToolFactory()])
        HelpRequestFactory(topics=topics("open-data"))
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/practitioners").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/help-requests").status_code == 200


def test_help_requests_list_and_filter(client):
    data = HelpRequestFactory(kind=HelpKind.DATA, dataset_url="https://d.example.org/a.csv")
    HelpRequestFactory()
    body = client.get("/api/v1/help-requests?kind=data").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == data.pk
    assert item["dataset_url"] == "https://d.example.org/a.csv"


def test_one_help_request_with_suggestions_their_reasons_and_useful_answers_first(client):
    help_request = HelpRequestFactory(
        kind=HelpKind.DATA,
        dataset_url="https://d.example.org/a.csv",
        topics=topics("open-data"),
        country="FR",
    )
    expert = PractitionerFactory(
        user=UserFactory(display_name="Expert"),
        topics=topics("open-data"),
        countries=["FR"],
        data_expert=True,
    )
    ExpertAnswerFactory(help_request=help_request, body="plain")
    ExpertAnswerFactory(help_request=help_request, body="useful one", useful=True)
    body = client.get(f"/api/v1/help-requests/{help_request.pk}").json()
    assert body["algorithm"] == "network.practitioner_matching"
    [suggestion] = body["suggestions"]
    assert suggestion["practitioner"]["id"] == expert.pk
    reasons = {reason["factor"]: reason for reason in suggestion["reasons"]}
    assert reasons["topics"]["shared"] == ["open-data"]
    assert set(reasons) == {"topics", "languages", "country", "data"}
    assert suggestion["score"] == sum(reason["contribution"] for reason in suggestion["reasons"])
    assert [answer["body"] for answer in body["answers"]] == ["useful one", "plain"]
    assert client.get("/api/v1/help-requests/99999").status_code == 404


def test_answering_a_data_request(client):
    help_request = HelpRequestFactory(kind=HelpKind.DATA, dataset_url="https://d.example.org/a")
    url = f"/api/v1/help-requests/{help_request.pk}/answers"
    payload = {"body": "Use the second sheet."}
    assert client.post(url, payload, content_type="application/json").status_code == 401
    headers = bearer(confirmed=False)
    response = client.post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == 403
    response = client.post(url, payload, content_type="application/json", headers=bearer())
    assert response.status_code == 201
    assert response.json()["body"] == "Use the second sheet."
    assert ExpertAnswer.objects.count() == 1
    response = client.post(url, {"body": " "}, content_type="application/json", headers=bearer())
    assert response.status_code == 422
    plain = HelpRequestFactory()
    response = client.post(
        f"/api/v1/help-requests/{plain.pk}/answers",
        payload,
        content_type="application/json",
        headers=bearer(),
    )
    assert response.status_code == 409


def test_contacting_a_practitioner_through_the_api(client):
    practitioner = PractitionerFactory()
    url = f"/api/v1/practitioners/{practitioner.pk}/contact"
    payload = {"message": "Can you help?"}
    assert client.post(url, payload, content_type="application/json").status_code == 401
    headers = bearer()
    response = client.post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == 201
    assert response.json()["state"] == "pending"
    response = client.post(url, payload, content_type="application/json", headers=headers)
    assert response.status_code == 409
    response = client.post(
        url, payload, content_type="application/json", headers=bearer(confirmed=False)
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/practitioners/99999/contact",
        payload,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    response = client.post(
        url, {**payload, "help_request": 99999}, content_type="application/json", headers=bearer()
    )
    assert response.status_code == 422


def test_the_contact_endpoint_answers_429_past_five_an_hour(client):
    person = UserFactory()
    headers = bearer(person)
    for _ in range(5):
        practitioner = PractitionerFactory()
        response = client.post(
            f"/api/v1/practitioners/{practitioner.pk}/contact",
            {"message": "Hi"},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 201
    practitioner = PractitionerFactory()
    response = client.post(
        f"/api/v1/practitioners/{practitioner.pk}/contact",
        {"message": "Hi"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 429
    assert "Too many contact requests" in response.json()["detail"]
    assert ContactRequest.objects.filter(sender=person).count() == 5

"""The organisations API: list, one organisation, registering one (token or session + CSRF)."""

import json

import pytest
from django.test import Client

from pnyx.core.models import Topic
from pnyx.orgs import services
from pnyx.orgs.models import Membership, Organisation
from tests.orgs.factories import ApiTokenFactory, OrganisationFactory, UserFactory
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"
FIELDS = [
    "id", "name", "slug", "kind", "country", "topics", "website", "description",
    "description_html", "url", "created_at", "member_count",
]  # fmt: skip
CHOICE = "Select a valid choice."
NOT_AVAILABLE = "is not one of the available choices."
VALID = {"name": "Budget Watchers", "kind": "ngo", "country": "SN", "topics": ["fiscal-openness"]}


def post_json(client, data, **headers):
    return client.post(URL, data=json.dumps(data), content_type="application/json", headers=headers)


def test_the_list_is_paginated_in_the_directory_order(client):
    for name in ["Gamma", "alpha", "Beta"]:
        OrganisationFactory(name=name)

    first = client.get(URL, {"page_size": 2})
    second = client.get(URL, {"page_size": 2, "page": 2})

    assert first.status_code == 200
    assert first.json()["count"] == 3
    assert [item["name"] for item in first.json()["items"]] == ["alpha", "Beta"]
    assert [item["name"] for item in second.json()["items"]] == ["Gamma"]


def test_one_organisation_lists_exactly_the_public_fields(client, organisation, admin_user):
    response = client.get(f"{URL}/{organisation.pk}")

    body = response.json()
    assert response.status_code == 200
    assert list(body) == FIELDS
    assert body["slug"] == "open-data-friends"
    assert body["country"] == "FR"
    assert body["member_count"] == 1
    assert body["url"] == "http://testserver/organisations/open-data-friends/"
    assert body["description_html"] == (
        "<p>We help cities publish <strong>open data</strong>.</p>\n"
    )
    assert admin_user.email not in response.content.decode()


def test_an_unknown_organisation_answers_404_json(client):
    response = client.get(f"{URL}/987654")

    assert response.status_code == 404
    assert response.json() == {"detail": "No organisation has the id 987654."}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "budget"}, ["Budget Watchers"]),
        ({"kind": "school"}, ["Lycée Ouvert"]),
        ({"country": "fr"}, ["Lycée Ouvert"]),
        ({"topic": "fiscal-openness"}, ["Budget Watchers"]),
        ({"topic": "education", "kind": "ngo"}, []),
    ],
)
def test_the_list_filters(client, params, expected):
    person = UserFactory()
    services.organisation_register(
        actor=person, topics=Topic.objects.filter(slug="fiscal-openness"), **{
            "name": "Budget Watchers", "kind": "ngo", "country": "SN"}
    )  # fmt: skip
    services.organisation_register(
        actor=person, name="Lycée Ouvert", kind="school", country="FR",
        topics=Topic.objects.filter(slug="education"),
    )  # fmt: skip

    response = client.get(URL, params)

    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == expected


@pytest.mark.parametrize(
    ("params", "field", "fragment"),
    [
        ({"kind": "club"}, "kind", "Unknown kind 'club'"),
        ({"country": "XX"}, "country", "Unknown country code 'XX'"),
        ({"topic": "cooking"}, "topic", "Unknown topic 'cooking'"),
        ({"page": "0"}, "page", "greater than or equal to 1"),
        ({"page_size": "abc"}, "page_size", "valid integer"),
    ],
)
def test_bad_filters_answer_422_naming_the_problem(client, params, field, fragment):
    response = client.get(URL, params)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"][-1] == field
    assert fragment in error["msg"]


def test_the_list_costs_the_same_queries_for_few_or_many(client, django_assert_num_queries):
    OrganisationFactory.create_batch(3)
    with django_assert_num_queries(3):  # count, page, topics
        client.get(URL)
    OrganisationFactory.create_batch(40)

    with django_assert_num_queries(3):
        response = client.get(URL)

    assert len(response.json()["items"]) == 20


# --- registering ---------------------------------------------------------------------------------


def test_registering_with_a_personal_token(client):
    token = ApiTokenFactory()

    response = post_json(client, VALID, Authorization=f"Bearer {token.raw}")

    body = response.json()
    assert response.status_code == 201
    assert body["slug"] == "budget-watchers"
    assert body["topics"] == ["fiscal-openness"]
    assert body["member_count"] == 1
    organisation = Organisation.objects.get()
    assert Membership.objects.get(organisation=organisation).user == token.user


def _logged_in_csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/organisations/new/")  # the form sets the CSRF cookie
    return client


def test_registering_with_the_session_and_its_csrf_token():
    client = _logged_in_csrf_client(UserFactory())

    response = post_json(client, VALID, **{"X-CSRFToken": client.cookies["csrftoken"].value})

    assert response.status_code == 201
    assert Organisation.objects.count() == 1


def test_a_session_post_without_the_csrf_token_is_refused():
    client = _logged_in_csrf_client(UserFactory())

    response = post_json(client, VALID)

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Organisation.objects.count() == 0


def test_registering_anonymously_or_with_a_bad_token_answers_401(client):
    anonymous = post_json(client, VALID)
    bad_token = post_json(client, VALID, Authorization="Bearer pnyx_not-a-real-token")

    assert (anonymous.status_code, bad_token.status_code) == (401, 401)
    assert Organisation.objects.count() == 0


def test_registering_without_a_confirmed_address_answers_403_json(client):
    token = ApiTokenFactory(user=UserFactory(confirmed=False))

    response = post_json(client, VALID, Authorization=f"Bearer {token.raw}")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Confirm your e-mail address before registering an organisation."
    }
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"kind": "club"}, "kind", f"{CHOICE} club {NOT_AVAILABLE}"),
        ({"country": "XX"}, "country", f"{CHOICE} XX {NOT_AVAILABLE}"),
        ({"topics": ["cooking"]}, "topics", f"{CHOICE} cooking {NOT_AVAILABLE}"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a valid URL."),
        ({"name": "x" * 201}, "name", "String should have at most 200 characters"),
        ({"kind": None}, "kind", "Input should be a valid string"),
    ],
)  # fmt: skip
def test_bad_input_answers_422_with_a_message_per_field(client, changes, field, message):
    token = ApiTokenFactory()

    response = post_json(client, {**VALID, **changes}, Authorization=f"Bearer {token.raw}")

    assert response.status_code == 422
    errors = response.json()["detail"]
    assert [(error["loc"][-1], error["msg"]) for error in errors] == [(field, message)]
    assert Organisation.objects.count() == 0


def test_a_body_that_is_not_json_answers_422(client):
    token = ApiTokenFactory()

    response = client.post(
        URL, data="{not json", content_type="application/json",
        headers={"Authorization": f"Bearer {token.raw}"},
    )  # fmt: skip

    assert response.status_code in {400, 422}
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_come_back_as_inert_data(client, payload):
    token = ApiTokenFactory()

    response = post_json(
        client,
        {"name": payload[:200], "kind": "ngo", "description": payload},
        Authorization=f"Bearer {token.raw}",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == payload[:200].strip()
    assert dangerous_fragments(body["description_html"]) == []
    assert response["Content-Type"] == "application/json; charset=utf-8"

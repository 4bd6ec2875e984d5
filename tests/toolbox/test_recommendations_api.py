"""`GET /api/v1/me/recommendations`: who may ask, the weights, and factors that add up."""

import pytest

from pnyx.core.models import Topic
from pnyx.toolbox.models import RecommenderSettings
from pnyx.toolbox.recommender import FACTORS
from pnyx.toolbox.services.usages import usage_declare
from tests.orgs.factories import ApiTokenFactory
from tests.programs.factories import add_admin
from tests.toolbox.factories import OrganisationFactory, PracticeFactory, ToolFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/recommendations"


@pytest.fixture
def setting():
    budget = Topic.objects.get_or_create(slug="fiscal-openness")[0]
    organisation = OrganisationFactory(slug="budget-watch")
    organisation.topics.add(budget)
    person = add_admin(organisation)
    used = ToolFactory(name="Ledger")
    usage_declare(actor=person, organisation=organisation, tool=used, purpose="Budgets")
    for number in range(4):
        tool = ToolFactory(name=f"Tool {number}")
        if number % 2:
            tool.topics.add(budget)
        neighbour = OrganisationFactory(country="DE")
        admin = add_admin(neighbour)
        usage_declare(actor=admin, organisation=neighbour, tool=tool, purpose="Votes")
        usage_declare(actor=admin, organisation=neighbour, tool=used, purpose="Budgets")
    PracticeFactory().topics.add(budget)
    token = ApiTokenFactory(user=person)
    return {"person": person, "organisation": organisation, "used": used, "token": token}


def get(client, setting, **params):
    headers = {"Authorization": f"Bearer {setting['token'].raw}"}
    return client.get(URL, params, headers=headers)


def test_an_anonymous_call_is_a_401(client):
    assert client.get(URL).status_code == 401


def test_the_list_names_the_algorithm_and_each_factor(client, setting):
    response = get(client, setting, organisation=setting["organisation"].pk)

    body = response.json()
    assert response.status_code == 200
    assert body["algorithm"] == "toolbox.recommender"
    assert body["version"] == "1.0"
    assert body["personalised"] is True
    assert body["organisation"] == setting["organisation"].pk
    assert [item["position"] for item in body["items"]] == list(range(1, 6))
    assert setting["used"].pk not in [i["id"] for i in body["items"] if i["kind"] == "tool"]
    first = body["items"][0]
    assert set(first) == {"position", "kind", "id", "slug", "title", "url", "score", "factors"}
    assert [factor["name"] for factor in first["factors"]] == list(FACTORS)
    assert set(first["factors"][0]) == {"name", "label", "weight", "value", "contribution"}


def test_contributions_add_up_to_the_score(client, setting):
    body = get(client, setting, organisation=setting["organisation"].pk).json()

    for item in body["items"]:
        total = sum(factor["contribution"] for factor in item["factors"])
        assert abs(total - item["score"]) <= 1e-9
        for factor in item["factors"]:
            assert abs(factor["weight"] * factor["value"] - factor["contribution"]) <= 1e-9


def test_weights_override_the_saved_ones_for_one_call(client, setting):
    RecommenderSettings.objects.create(user=setting["person"], weights={"country": 4})

    body = get(client, setting, weights="topics:2, freshness:0").json()

    assert body["weights"]["topics"] == 2
    assert body["weights"]["freshness"] == 0
    assert body["weights"]["country"] == 4
    weights = {f["name"]: f["weight"] for f in body["items"][0]["factors"]}
    assert weights["topics"] == 2


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("colour:2", "“colour” is not a factor of the recommender."),
        ("topics:9", "The weight of “topics” must be a number from 0 to 5."),
        ("topics:-1", "The weight of “topics” must be a number from 0 to 5."),
        ("topics", "Write each weight as factor:number"),
        ("topics:lots", "Write each weight as factor:number"),
    ],
)
def test_a_bad_weight_is_a_422_saying_why(client, setting, weights, message):
    response = get(client, setting, weights=weights)

    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"] == ["query", "weights"]
    assert message in detail["msg"]


def test_an_organisation_one_does_not_belong_to_is_a_403(client, setting):
    stranger = OrganisationFactory()

    assert get(client, setting, organisation=stranger.pk).status_code == 403
    assert get(client, setting, organisation=999999).status_code == 403


def test_a_limit_out_of_range_is_a_422(client, setting):
    assert get(client, setting, limit=0).status_code == 422
    assert get(client, setting, limit=101).status_code == 422


def test_a_person_who_turned_personalisation_off_gets_the_common_order(client, setting):
    RecommenderSettings.objects.create(user=setting["person"], personalised=False)

    body = get(client, setting).json()

    assert body["personalised"] is False
    assert [f["name"] for f in body["items"][0]["factors"]] == ["popularity", "freshness"]


def test_the_session_works_too(client, setting):
    client.force_login(UserFactory())

    response = client.get(URL)

    assert response.status_code == 200
    assert response.json()["organisation"] is None

"""GET /api/v1/tools and /api/v1/practices: search, facet filters, a total count, and one item
by its address name; bad filter values answer 422."""

import pytest

from pnyx.core.models import Topic
from pnyx.toolbox.services.search import index_practice, index_tool
from tests.toolbox.factories import OrganisationFactory, PracticeFactory, ToolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools():
    data = Topic.objects.get_or_create(slug="open-data")[0]
    data_harbour = ToolFactory(
        slug="data-harbour", name="Data Harbour", usage_count=3, rating_count=2, rating_total=9
    )
    data_harbour.topics.add(data)
    sheets = ToolFactory(slug="sheets", name="Sheets", open_source=False, licence="")
    for tool in (data_harbour, sheets):
        index_tool(tool)
    return data_harbour, sheets


def test_the_tool_list_is_paginated_with_a_total_count(client, tools):
    body = client.get("/api/v1/tools").json()

    assert body["count"] == 2
    assert [item["slug"] for item in body["items"]] == ["data-harbour", "sheets"]
    first = body["items"][0]
    assert first["topics"] == ["open-data"]
    assert first["rating_average"] == 4.5
    assert first["url"] == "http://testserver/tools/data-harbour/"
    assert set(first) == {
        "id",
        "slug",
        "name",
        "summary",
        "licence",
        "open_source",
        "cost_model",
        "languages",
        "topics",
        "maturity",
        "website",
        "repository",
        "usage_count",
        "rating_count",
        "rating_average",
        "url",
        "created_at",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "sheets"}, ["sheets"]),
        ({"topic": "open-data"}, ["data-harbour"]),
        ({"open_source": "1"}, ["data-harbour"]),
        ({"order": "new"}, ["sheets", "data-harbour"]),
        ({"language": "fr"}, ["data-harbour", "sheets"]),
    ],
)
def test_the_tool_list_searches_and_filters(client, tools, params, expected):
    body = client.get("/api/v1/tools", params).json()

    assert [item["slug"] for item in body["items"]] == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"topic": "astrology"}, "topic", "Unknown topic."),
        ({"country": "ZZ"}, "country", "Unknown country code."),
        ({"order": "random"}, "order", "Unknown order."),
        ({"maturity": "ancient"}, "maturity", "Unknown maturity."),
        ({"org_kind": "guild"}, "org_kind", "Unknown organisation type."),
    ],
)
def test_bad_tool_filters_answer_422_naming_the_parameter(client, tools, params, field, message):
    response = client.get("/api/v1/tools", params)

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"type": "value_error", "loc": ["query", field], "msg": message}
    ]


def test_a_page_past_the_bound_answers_422(client):
    assert client.get("/api/v1/tools", {"page": 10**12}).status_code == 422


def test_one_tool_by_its_address_name(client, tools):
    body = client.get("/api/v1/tools/data-harbour").json()

    assert body["name"] == "Data Harbour"
    assert body["description_html"] == "<p>A <em>simple</em> tool.</p>\n"
    missing = client.get("/api/v1/tools/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No tool has this address name."}


def test_the_practice_list_and_one_practice(client):
    city = OrganisationFactory(slug="city", kind="government_body")
    tool = ToolFactory(slug="decide")
    budget = PracticeFactory(slug="budget", title="Open budget", organisation=city)
    budget.tools.add(tool)
    PracticeFactory(slug="register", level="national", country="GB")
    index_practice(budget)

    listed = client.get("/api/v1/practices", {"org_kind": "government_body"}).json()
    searched = client.get("/api/v1/practices", {"q": "budget"}).json()
    one = client.get("/api/v1/practices/budget").json()

    assert (listed["count"], listed["items"][0]["organisation"]) == (1, "city")
    assert [item["slug"] for item in searched["items"]] == ["budget"]
    assert one["tools"] == ["decide"]
    assert client.get("/api/v1/practices", {"level": "cosmic"}).status_code == 422
    assert client.get("/api/v1/practices/nothing").status_code == 404


def test_the_tool_list_costs_the_same_queries_for_few_or_many(client, django_assert_num_queries):
    data = Topic.objects.get_or_create(slug="open-data")[0]
    for _number in range(30):
        ToolFactory().topics.add(data)

    with django_assert_num_queries(3):  # count, page, topics
        response = client.get("/api/v1/tools")

    assert len(response.json()["items"]) == 20

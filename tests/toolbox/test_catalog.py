"""The tools and practices catalog pages: facets and their counts, search, order, pages, the
"why here?" page, bad filter values and escaping."""

import re

import pytest
from django.urls import reverse

from pnyx.core.models import Topic
from pnyx.toolbox.catalog_order import CATALOG_CARD, CatalogEntry, order_catalog
from pnyx.toolbox.models import Usage
from pnyx.toolbox.services.search import index_practice, index_tool
from tests.toolbox.factories import OrganisationFactory, PracticeFactory, ToolFactory

pytestmark = pytest.mark.django_db

TOOLS = reverse("toolbox:tool-list")
PRACTICES = reverse("toolbox:practice-list")


def topic(slug):
    return Topic.objects.get_or_create(slug=slug)[0]


def use(tool, organisation):
    Usage.objects.create(organisation=organisation, tool=tool, purpose="Daily work")
    tool.usage_count += 1
    tool.save(update_fields=["usage_count"])


@pytest.fixture
def catalog():
    """Three tools: two open-data ones used in France, one proprietary used in Spain."""
    french = OrganisationFactory(country="FR", kind="ngo")
    spanish = OrganisationFactory(country="ES", kind="public_service")
    decide = ToolFactory(name="Decide", licence="AGPL-3.0-or-later", languages=["es", "en"])
    data_harbour = ToolFactory(name="Data Harbour", licence="AGPL-3.0-or-later", languages=["en"])
    sheets = ToolFactory(name="Sheets", licence="", open_source=False, maturity="mature")
    decide.topics.add(topic("public-participation"), topic("open-data"))
    data_harbour.topics.add(topic("open-data"))
    use(decide, french)
    use(decide, spanish)
    use(data_harbour, french)
    use(sheets, spanish)
    for tool in (decide, data_harbour, sheets):
        index_tool(tool)
    return {"decide": decide, "data-harbour": data_harbour, "sheets": sheets}


def options(response, facet):
    """The options of one facet as the page shows them: value and the count beside its label."""
    html = response.content.decode()
    select = re.search(rf'<select id="catalog-{facet}"[^>]*>(.*?)</select>', html, re.S)
    found = re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select.group(1))
    return {value: int(count) for value, count in found}


def open_source_count(response):
    html = response.content.decode()
    return int(re.search(r'<label for="catalog-open_source">[^<]*\((\d+)\)', html).group(1))


def names(response):
    return [item.name for item in response.context["page_obj"]]


def test_tools_are_listed_most_used_first_with_their_facet_counts(client, catalog):
    response = client.get(TOOLS)

    assert response.status_code == 200
    assert names(response) == ["Decide", "Sheets", "Data Harbour"]
    assert options(response, "topic") == {"open-data": 2, "public-participation": 1}
    assert options(response, "country") == {"FR": 2, "ES": 2}
    assert options(response, "licence") == {"AGPL-3.0-or-later": 2}
    assert options(response, "language") == {"en": 3, "es": 1, "fr": 1}
    assert options(response, "org_kind") == {"ngo": 2, "public_service": 2}
    assert open_source_count(response) == 2
    assert "Open data (2)" in response.content.decode()


def test_the_filter_form_is_kept_per_language_and_per_search(client, catalog):
    english = client.get(TOOLS).content.decode()
    french = client.get(TOOLS, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    searched = client.get(TOOLS, {"q": "harbour"})

    assert "Any topic" in english
    assert "Tous les thèmes" in french
    assert "Any topic" not in french
    assert 'value="harbour"' in searched.content.decode()
    assert options(searched, "language") == {"en": 1}


def test_a_facet_counts_the_other_filters_but_not_its_own(client, catalog):
    response = client.get(TOOLS, {"country": "ES", "topic": "open-data"})

    assert names(response) == ["Decide"]
    # Topic counts keep the country filter; country counts keep the topic filter.
    assert options(response, "topic") == {"open-data": 1, "public-participation": 1}
    assert options(response, "country") == {"FR": 2, "ES": 1}
    assert 'value="ES" selected' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"open_source": "1"}, ["Decide", "Data Harbour"]),
        ({"licence": "agpl-3.0-or-later"}, ["Decide", "Data Harbour"]),
        ({"language": "es"}, ["Decide"]),
        ({"org_kind": "public_service"}, ["Decide", "Sheets"]),
        ({"maturity": "mature"}, ["Sheets"]),
        ({"order": "new"}, ["Sheets", "Data Harbour", "Decide"]),
        ({"q": "data-harbour"}, ["Data Harbour"]),
        ({"q": "dec", "topic": "open-data"}, ["Decide"]),
        ({"q": "nothing-like-this"}, []),
    ],
)
def test_filters_search_and_orders(client, catalog, params, expected):
    response = client.get(TOOLS, params)

    assert response.status_code == 200
    assert names(response) == expected


def test_search_keeps_the_facet_counts_to_the_matches(client, catalog):
    response = client.get(TOOLS, {"q": "data-harbour"})

    assert options(response, "topic") == {"open-data": 1}
    assert options(response, "country") == {"FR": 1}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"topic": "astrology"}, "Topic: Unknown topic."),
        ({"country": "XX"}, "Country: Unknown country code."),
        ({"language": "klingon"}, "Language: Unknown language code."),
        ({"licence": "<b>MIT</b>"}, "Licence: A licence is an SPDX identifier"),
        ({"order": "random"}, "Order: Unknown order."),
        ({"open_source": "maybe"}, "Open source only: Use 1"),
    ],
)
def test_a_filter_value_not_understood_answers_400_saying_which(client, catalog, params, message):
    response = client.get(TOOLS, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert names(response) == [
        "Decide",
        "Sheets",
        "Data Harbour",
    ]  # the rest of the page still works


def test_query_values_are_escaped(client, catalog):
    payload = '"><script>alert(1)</script>'

    response = client.get(TOOLS, {"q": payload})

    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&quot;&gt;&lt;script&gt;" in body


def test_tool_text_is_escaped(client):
    ToolFactory(name="<img src=x onerror=alert(1)>", summary="<script>x</script>")

    body = client.get(TOOLS).content.decode()

    assert "<img src=x" not in body
    assert "<script>x</script>" not in body


def test_the_tools_page_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, catalog
):
    organisations = [OrganisationFactory(country=c) for c in ("DE", "IT", "PT", "BE")]
    for number in range(60):
        tool = ToolFactory(languages=["en", "de", "it"][: number % 3 + 1])
        tool.topics.add(topic("open-data"), topic("justice"))
        use(tool, organisations[number % 4])
        index_tool(tool)

    with django_assert_max_num_queries(14):
        response = client.get(TOOLS, {"q": "tool", "topic": "justice", "page": "2"})

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20


def test_pages_keep_the_filters_in_their_links(client):
    for _number in range(25):
        ToolFactory(maturity="prototype")

    response = client.get(TOOLS, {"maturity": "prototype", "page": "2"})

    assert len(response.context["page_obj"]) == 5
    assert "maturity=prototype&amp;page=1" in response.content.decode()


def test_each_tool_says_why_it_is_here(client, catalog):
    response = client.get(TOOLS, {"topic": "open-data"})
    why = reverse(
        "transparency:algorithm-why",
        kwargs={"slug": CATALOG_CARD.slug, "item": catalog["data-harbour"].pk},
    )
    assert f'href="{why}?order=used&amp;topic=open-data"' in response.content.decode()

    page = client.get(why, {"topic": "open-data", "order": "used"})

    assert page.status_code == 200
    explanation = page.context["explanation"]
    assert (explanation.position, explanation.out_of) == (2, 2)
    assert [factor.value for factor in explanation.factors][0] == 1  # one organisation


def test_practices_are_filtered_by_country_level_and_organisation_type(client):
    city = OrganisationFactory(kind="government_body")
    budget = PracticeFactory(title="Open budget", country="FR", level="local", organisation=city)
    PracticeFactory(title="National register", country="GB", level="national")
    budget.topics.add(topic("fiscal-openness"))
    index_practice(budget)

    listed = client.get(PRACTICES, {"org_kind": "government_body"})
    searched = client.get(PRACTICES, {"q": "budget"})
    national = client.get(PRACTICES, {"level": "national"})

    assert [p.title for p in listed.context["page_obj"]] == ["Open budget"]
    assert [p.title for p in searched.context["page_obj"]] == ["Open budget"]
    assert [p.title for p in national.context["page_obj"]] == ["National register"]
    assert options(listed, "country") == {"FR": 1}
    assert options(listed, "level") == {"local": 1}
    assert options(listed, "org_kind") == {"government_body": 1}
    assert client.get(PRACTICES, {"level": "galactic"}).status_code == 400


def test_the_practices_page_reads_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    for number in range(40):
        practice = PracticeFactory(organisation=organisation if number % 2 else None)
        practice.topics.add(topic("open-data"))

    with django_assert_max_num_queries(10):
        response = client.get(PRACTICES)

    assert len(response.context["page_obj"]) == 20


def test_the_pure_order_matches_the_database(client, catalog):
    response = client.get(TOOLS, {"order": "rated"})
    listed = [tool.pk for tool in response.context["page_obj"]]
    entries = [
        CatalogEntry(
            id=tool.pk,
            created_at=tool.created_at,
            usage_count=tool.usage_count,
            rating_count=tool.rating_count,
            rating_total=tool.rating_total,
        )
        for tool in catalog.values()
    ]

    ordered = order_catalog(entries, kind="tool", order="rated", searching=False)

    assert [entry.id for entry in ordered] == listed


def test_the_main_navigation_links_the_catalog(client):
    body = client.get("/").content.decode()

    assert f'href="{TOOLS}"' in body
    assert f'href="{PRACTICES}"' in body


def test_the_open_data_export_holds_the_catalog_and_its_order_recomputes(tmp_path, catalog):
    from pnyx.core import opendata

    PracticeFactory(title="Open budget", started_on="2020-01-01")
    summary = opendata.export(tmp_path / "export")

    paths = {exported.path for exported in summary.files}
    assert {"tools.csv", "tools.json", "practices.csv", "practices.json"} <= {
        path.rsplit("/", 1)[-1] for path in paths
    }
    report = opendata.recompute(tmp_path / "export")
    catalog_report = next(o for o in report.outputs if o.output == CATALOG_CARD.id)
    assert (catalog_report.runs, catalog_report.items) == (2, 4)
    assert report.differences == []

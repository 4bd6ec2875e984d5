"""The directory page: search, filters, pagination, htmx fragment, escaping, query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pnyx.core.models import Topic
from pnyx.orgs import services
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.security.xss_payloads import PAYLOADS, dangerous_fragments

pytestmark = pytest.mark.django_db

URL = "/organisations/"


def names(response):
    """The organisation names listed in the results, in order."""
    results = response.content.decode().split('id="results"', 1)[1]
    return re.findall(r'<h3><a href="/organisations/[\w-]+/">([^<]+)</a></h3>', results)


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def directory(db):
    """Four organisations registered through the service, so they are searchable."""
    person = UserFactory()
    open_data, education = Topic.objects.get(slug="open-data"), Topic.objects.get(slug="education")

    def register(name, kind, country, description, topics=()):
        return services.organisation_register(
            actor=person, name=name, kind=kind, country=country, description=description,
            topics=topics,
        )  # fmt: skip

    return {
        "zeta": register("Zeta Watch", "ngo", "KE", "Budget monitoring in Nairobi.", [open_data]),
        "ecole": register(
            "École Ouverte", "school", "FR", "High school teaching data.", [education]
        ),
        "alpha": register("alpha Lab", "university", "ES", "Research on open government."),
        "city": register("City Data Office", "public_service", "FR", "Open data.", [open_data]),
    }


def test_directory_lists_organisations_alphabetically_ignoring_case_and_accents(client, directory):
    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == ["alpha Lab", "City Data Office", "École Ouverte", "Zeta Watch"]
    assert "4 organisations found." in response.content.decode()


def test_directory_names_its_ordering_algorithm_and_links_to_its_card(client, directory):
    html = client.get(URL).content.decode()

    assert "Ordered by Organisation directory order (version 1.0)" in html
    assert '<a href="/algorithms/orgs-directory/">why this order?</a>' in html


def test_search_finds_words_anywhere_with_matches_in_the_name_first(client, directory):
    response = client.get(URL, {"q": "data"})

    found = names(response)
    assert found[0] == "City Data Office"
    assert sorted(found) == ["City Data Office", "Zeta Watch", "École Ouverte"]


def test_search_needs_every_word(client, directory):
    response = client.get(URL, {"q": "budget nairobi"})

    assert names(response) == ["Zeta Watch"]


def test_search_matches_the_kind_in_another_language(client, directory):
    response = client.get(URL, {"q": "Datos abiertos"})

    assert set(names(response)) == {"City Data Office", "Zeta Watch"}


def test_search_without_a_match_says_so(client, directory):
    response = client.get(URL, {"q": "nothingmatchesthis"})

    assert names(response) == []
    assert "No organisation matches." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "school"}, ["École Ouverte"]),
        ({"country": "FR"}, ["City Data Office", "École Ouverte"]),
        ({"country": "fr"}, ["City Data Office", "École Ouverte"]),
        ({"topic": "open-data"}, ["City Data Office", "Zeta Watch"]),
        ({"topic": "open-data", "country": "KE"}, ["Zeta Watch"]),
        ({"kind": "ngo", "country": "FR"}, []),
    ],
)
def test_each_filter_narrows_the_list(client, directory, params, expected):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert names(response) == expected


def test_the_country_filter_offers_only_countries_with_organisations(client, directory):
    html = client.get(URL).content.decode()

    assert '<option value="KE">Kenya</option>' in html
    assert '<option value="DE">' not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "club"}, "The kind “club” is not known, so it was not applied."),
        ({"country": "XX"}, "The country “XX” is not known, so it was not applied."),
        ({"topic": "cooking"}, "The topic “cooking” is not known, so it was not applied."),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, directory, params, message):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(names(response)) == 4


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999", "1.5", "%00"])
def test_malformed_page_numbers_give_the_nearest_page(client, directory, page):
    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert len(names(response)) == 4


def test_pages_of_twenty_with_links_keeping_the_filters(client, settings):
    settings.PNYX_PAGE_SIZE = 20
    for number in range(25):
        OrganisationFactory(name=f"Group {number:02d}", kind="informal_group")

    first = client.get(URL, {"kind": "informal_group"})
    second = client.get(URL, {"kind": "informal_group", "page": "2"})

    assert len(names(first)) == 20
    assert names(second) == [f"Group {number}" for number in range(20, 25)]
    assert 'href="?kind=informal_group&amp;page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_an_htmx_request_gets_only_the_results_fragment(client, directory):
    response = client.get(URL, {"kind": "school"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "<form" not in html
    assert names(response) == ["École Ouverte"]
    assert "HX-Request" in response["Vary"]


def test_the_full_page_carries_the_htmx_attributes_and_works_without_them(client, directory):
    html = client.get(URL).content.decode()

    assert 'hx-get="/organisations/"' in html
    assert 'hx-target="#results"' in html
    assert '<form method="get"' in html
    assert 'action="/organisations/"' in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_names_descriptions_and_the_query_are_escaped(client, payload):
    OrganisationFactory(name="Harmless", description="plain")
    baseline = dangerous_fragments(main(client.get(URL, {"q": "x"})))
    OrganisationFactory(name=payload, description=payload)

    response = client.get(URL, {"q": payload, "kind": payload, "page": payload})
    listing = client.get(URL)

    assert response.status_code == 200
    assert dangerous_fragments(main(response)) == baseline
    assert dangerous_fragments(main(listing)) == baseline


def query_count(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"q": "open"}, {"kind": "ngo", "topic": "open-data"}])
def test_the_directory_query_count_does_not_grow_with_the_list(
    client, django_assert_num_queries, params
):
    person = UserFactory()
    topic = Topic.objects.get(slug="open-data")

    def add(count):
        for _ in range(count):
            services.organisation_register(
                actor=person, name="Open group", kind="ngo", topics=[topic]
            )

    add(2)
    few = query_count(client, params)
    add(28)

    with django_assert_num_queries(few):
        client.get(URL, params)
    assert few <= 5


def test_the_directory_speaks_french_and_spanish(client, directory):
    french = client.get(URL, {"kind": "school"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    spanish = client.get(URL, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "1 organisation trouvée." in french
    assert "pourquoi cet ordre ?" in french
    assert "École" in french
    assert "4 organizaciones encontradas." in spanish
    assert "Colectivo informal" in spanish

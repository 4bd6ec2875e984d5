"""The consultation listing: visibility, search, filters, pages, htmx fragment, query count."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.participation.models import PhaseKind, ProcessStatus
from pnyx.participation.services import processes as services
from pnyx.participation.services.processes import PhaseDetails, ProcessDetails
from tests.orgs.factories import MembershipFactory
from tests.participation.factories import (
    OrganisationFactory,
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/processes/"


def titles(response):
    """The consultation titles listed in the results, in order."""
    results = response.content.decode().split('id="results"', 1)[1]
    return re.findall(r'<h3><a href="/processes/[\w-]+/">([^<]+)</a></h3>', results)


def publish(organisation, title, *, summary="A question.", body="", topics=(), days=(-1, 30)):
    """A consultation made through the services (so it is indexed), with one phase, published."""
    admin = MembershipFactory(organisation=organisation, role="admin").user
    process = services.process_create(
        actor=admin,
        organisation=organisation,
        details=ProcessDetails(title=title, summary=summary, body=body, topics=list(topics)),
    )
    services.question_add(actor=admin, process=process, title="What should we do?")
    now = timezone.now()
    phase = PhaseDetails(
        PhaseKind.PROPOSING, now + timedelta(days=days[0]), now + timedelta(days=days[1])
    )
    services.phase_add(actor=admin, process=process, details=phase)
    return services.process_publish(actor=admin, process=process)


@pytest.fixture
def listing(db):
    kenya = OrganisationFactory(name="Nairobi Watch", slug="nairobi-watch", country="KE")
    france = OrganisationFactory(name="Ville Ouverte", slug="ville-ouverte", country="FR")
    open_data = Topic.objects.get(slug="open-data")
    made = {
        "budget": publish(kenya, "Budget lines", body="Publish every **budget** line.",
                          topics=[open_data]),
        "schools": publish(france, "Schools and data", summary="Teach data literacy.",
                           days=(5, 30)),
        "old": publish(france, "Old consultation", days=(-30, -2)),
        "archived": publish(kenya, "Archived one"),
    }  # fmt: skip
    admin = made["archived"].organisation.memberships.first().user
    services.process_archive(actor=admin, process=made["archived"])
    return made


def test_the_listing_shows_public_consultations_newest_first_but_no_draft(client, listing):
    ProcessFactory(title="Secret draft", status=ProcessStatus.DRAFT)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == [
        "Archived one",
        "Old consultation",
        "Schools and data",
        "Budget lines",
    ]
    assert "4 consultations found." in response.content.decode()
    assert "Secret draft" not in response.content.decode()


def test_cards_show_organiser_summary_phase_and_counts(client, listing):
    PropositionFactory(question=QuestionFactory(process=listing["budget"]), support_count=1)
    listing["budget"].proposition_count = 7
    listing["budget"].save()

    html = client.get(URL, {"q": "budget"}).content.decode()

    assert '<a href="/organisations/nairobi-watch/">Nairobi Watch</a>' in html
    assert "A question." in html
    assert "Open now" in html
    assert "Proposing until" in html
    assert "7 propositions" in html
    assert "1 vote" in html
    assert '<span class="tag">Open data</span>' in html


def test_organisers_see_their_drafts_in_their_own_section(client):
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    services.process_create(
        actor=admin, organisation=organisation, details=ProcessDetails(title="Mine", summary="s")
    )
    client.force_login(admin)

    html = client.get(URL).content.decode()
    client.force_login(UserFactory())
    other = client.get(URL).content.decode()

    assert "My drafts" in html
    assert '<a href="/processes/mine-2/manage/">Mine</a>' in html
    assert "Start a consultation" in html
    assert "My drafts" not in other
    assert "Start a consultation" not in other


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget", ["Budget lines"]),
        ("nairobi", ["Archived one", "Budget lines"]),
        ("literacy", ["Schools and data"]),
        ("data schools", ["Schools and data"]),
        ("nothingmatches", []),
    ],
)
def test_search_looks_in_title_summary_body_and_organiser(client, listing, query, expected):
    assert sorted(titles(client.get(URL, {"q": query}))) == sorted(expected)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "open"}, ["Budget lines"]),
        ({"status": "upcoming"}, ["Schools and data"]),
        ({"status": "finished"}, ["Old consultation"]),
        ({"status": "archived"}, ["Archived one"]),
        ({"country": "fr"}, ["Old consultation", "Schools and data"]),
        ({"topic": "open-data"}, ["Budget lines"]),
        ({"organisation": "nairobi-watch"}, ["Archived one", "Budget lines"]),
        ({"organisation": "nairobi-watch", "status": "open", "q": "lines"}, ["Budget lines"]),
    ],
)
def test_each_filter_narrows_the_list(client, listing, params, expected):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "secret"}, "The status “secret” is not known, so it was not applied."),
        ({"topic": "cooking"}, "The topic “cooking” is not known, so it was not applied."),
        ({"country": "XX"}, "The country “XX” is not known, so it was not applied."),
        ({"organisation": "nope"}, "The organiser “nope” is not known, so it was not applied."),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, listing, params, message):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(titles(response)) == 4


def test_the_filters_offer_only_organisers_and_countries_with_consultations(client, listing):
    OrganisationFactory(name="Idle Group", country="DE")

    html = client.get(URL).content.decode()

    assert '<option value="nairobi-watch">Nairobi Watch</option>' in html
    assert '<option value="KE">Kenya</option>' in html
    assert "Idle Group" not in html
    assert '<option value="DE">' not in html


def test_pages_keep_the_filters(client, settings):
    settings.PNYX_PAGE_SIZE = 20
    organisation = OrganisationFactory(slug="big")
    for number in range(23):
        ProcessFactory(organisation=organisation, title=f"Process {number:02d}")

    first = client.get(URL, {"organisation": "big"})
    second = client.get(URL, {"organisation": "big", "page": "2"})

    assert len(titles(first)) == 20
    assert len(titles(second)) == 3
    assert 'href="?organisation=big&amp;page=2" rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999", "%00"])
def test_malformed_page_numbers_give_a_page(client, listing, page):
    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_an_htmx_request_gets_only_the_results_fragment(client, listing):
    response = client.get(URL, {"status": "upcoming"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "<form" not in html
    assert titles(response) == ["Schools and data"]
    assert "HX-Request" in response["Vary"]


def test_the_full_page_carries_the_htmx_attributes_and_a_plain_get_form(client, listing):
    html = client.get(URL).content.decode()

    assert '<form method="get"' in html
    assert 'action="/processes/"' in html
    assert 'hx-get="/processes/"' in html
    assert 'hx-target="#results"' in html


def count_queries(client, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"q": "consultation"}, {"status": "open", "topic": "open-data"}]
)
def test_the_query_count_does_not_grow_with_the_number_of_consultations(
    client, django_assert_max_num_queries, params
):
    organiser = MembershipFactory(role="admin").user
    client.force_login(organiser)
    topic = Topic.objects.get(slug="open-data")

    def add(count):
        for _number in range(count):
            process = ProcessFactory()
            process.topics.add(topic)
            search.index_object(process, title=process.title, body=process.summary)

    add(2)
    few = count_queries(client, params)
    add(18)
    many = count_queries(client, params)

    assert few == many
    with django_assert_max_num_queries(10):
        client.get(URL, params)

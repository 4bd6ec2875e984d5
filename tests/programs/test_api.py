"""The programs API: published documents, their versions and comparisons; drafts stay hidden."""

import pytest

from pnyx.programs import services
from pnyx.programs.models import Measure, Section
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    PropositionFactory,
    SectionFactory,
    add_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(document):
    return add_admin(document.organisation)


@pytest.fixture
def document():
    return DocumentFactory(title="Open city")


@pytest.fixture
def proposition():
    return PropositionFactory()


@pytest.fixture
def two_versions(document, admin, proposition):
    """1.1 has three measures; 1.2 rewords one, removes one, adds one and moves one."""
    budget = SectionFactory(document=document, title="Budget", position=0)
    streets = SectionFactory(document=document, title="Streets", position=1)
    open_budget = MeasureFactory(section=budget, text="Open the budget", position=0)
    open_budget.sources.add(proposition)
    trees = MeasureFactory(section=streets, text="Plant trees", position=0)
    cars = MeasureFactory(section=streets, text="Ban cars", position=1)
    services.version_publish(actor=admin, document=document, changelog="First")
    Measure.objects.filter(pk=open_budget.pk).update(text="Open the whole budget")
    cars_id = cars.pk
    cars.delete()
    Measure.objects.filter(pk=trees.pk).update(section=budget, position=1)
    lanes = MeasureFactory(section=streets, text="Build bike lanes", position=0)
    services.version_publish(actor=admin, document=document, changelog="Second")
    return {"budget": open_budget.pk, "trees": trees.pk, "cars": cars_id, "lanes": lanes.pk}


def test_the_list_shows_published_documents_only(client, two_versions, document):
    DocumentFactory(title="Open secret draft")

    body = client.get("/api/v1/documents").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == document.pk
    assert item["title"] == "Open city"
    assert item["latest_version"] == "1.2"
    assert item["organisation"]["slug"] == document.organisation.slug
    assert item["url"] == f"http://testserver/programs/{document.slug}/"


def test_the_list_searches_titles_and_filters_by_organisation(client, two_versions, document):
    slug = document.organisation.slug

    assert client.get("/api/v1/documents?q=city").json()["count"] == 1
    assert client.get("/api/v1/documents?q=village").json()["count"] == 0
    assert client.get(f"/api/v1/documents?organisation={slug}").json()["count"] == 1
    assert client.get("/api/v1/documents?organisation=nobody").json()["count"] == 0


def test_a_document_lists_its_versions_newest_first(client, two_versions, document):
    body = client.get(f"/api/v1/documents/{document.pk}").json()

    assert [version["number"] for version in body["versions"]] == ["1.2", "1.1"]
    first = document.versions.get(number="1.1")
    assert body["versions"][1]["changelog"] == "First"
    assert body["versions"][1]["content_hash"] == first.content_hash
    assert "published_at" in body["versions"][1]


def test_a_draft_answers_404_even_to_its_editor(client, document, admin):
    SectionFactory(document=document)
    client.force_login(admin)

    response = client.get(f"/api/v1/documents/{document.pk}")

    assert response.status_code == 404
    assert response.json()["detail"] == f"No published document has the id {document.pk}."
    assert client.get(f"/api/v1/documents/{document.pk}/versions/1.1").status_code == 404
    assert client.get(f"/api/v1/documents/{document.pk}/compare?from=1.1&to=1.1").status_code == (
        404
    )


def test_a_version_shows_sections_measures_and_their_sources(
    client, two_versions, document, proposition
):
    body = client.get(f"/api/v1/documents/{document.pk}/versions/1.1").json()

    assert body["number"] == "1.1"
    assert body["content_hash"] == document.versions.get(number="1.1").content_hash
    assert [section["title"] for section in body["sections"]] == ["Budget", "Streets"]
    first = body["sections"][0]["measures"][0]
    assert first == {
        "id": two_versions["budget"],
        "label": "1.1",
        "text": "Open the budget",
        "sources": [proposition.pk],
    }
    assert [m["text"] for m in body["sections"][1]["measures"]] == ["Plant trees", "Ban cars"]


def test_an_unknown_version_answers_404(client, two_versions, document):
    response = client.get(f"/api/v1/documents/{document.pk}/versions/9.9")

    assert response.status_code == 404
    assert response.json()["detail"] == "No published version has the number 9.9."


def test_compare_names_each_measures_change(client, two_versions, document):
    response = client.get(f"/api/v1/documents/{document.pk}/compare?from=1.1&to=1.2")

    body = response.json()
    assert (body["from_version"], body["to_version"]) == ("1.1", "1.2")
    changes = {change["measure_id"]: change for change in body["changes"]}
    budget = changes[two_versions["budget"]]
    assert budget["state"] == "reworded"
    assert (budget["old_text"], budget["new_text"]) == ("Open the budget", "Open the whole budget")
    assert changes[two_versions["trees"]]["changes"] == ["moved"]
    assert changes[two_versions["trees"]]["new_label"] == "1.2"
    assert changes[two_versions["cars"]]["state"] == "removed"
    assert changes[two_versions["cars"]]["new_text"] == ""
    assert changes[two_versions["lanes"]]["state"] == "added"
    assert changes[two_versions["lanes"]]["old_label"] == ""


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("from=1.1&to=9.9", 404),
        ("from=9.9&to=1.2", 404),
        ("from=1.1", 422),
        ("to=1.2", 422),
        ("from=&to=1.2", 422),
        (f"from=1.1&to={'9' * 21}", 422),
    ],
)
def test_compare_refuses_bad_or_unknown_versions(client, two_versions, document, query, status):
    response = client.get(f"/api/v1/documents/{document.pk}/compare?{query}")

    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/documents/abc", "/api/v1/documents?q=" + "x" * 201, "/api/v1/documents?page=0"],
)
def test_bad_parameters_answer_422(client, path):
    assert client.get(path).status_code == 422


def test_an_unused_section_object_is_not_in_the_version(client, two_versions, document):
    Section.objects.create(document=document, title="Unpublished")

    body = client.get(f"/api/v1/documents/{document.pk}/versions/1.2").json()

    assert "Unpublished" not in [section["title"] for section in body["sections"]]

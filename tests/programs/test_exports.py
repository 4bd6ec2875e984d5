"""Downloads of a published version: Markdown and JSON with provenance, and the links to them."""

import json

import pytest

from pnyx.programs import services
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    PropositionFactory,
    SectionFactory,
    add_admin,
)

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def document():
    return DocumentFactory(title="Open city", slug="open-city")


@pytest.fixture
def proposition():
    return PropositionFactory(title="Open data portal")


@pytest.fixture
def version(document, proposition):
    admin = add_admin(document.organisation)
    section = SectionFactory(document=document, title="Budget", intro="Why it matters")
    cited = MeasureFactory(section=section, text="Open the budget", position=0)
    cited.sources.add(proposition)
    MeasureFactory(section=section, text=f"Publish the minutes {PAYLOAD}", position=1)
    SectionFactory(document=document, title="Streets")
    MeasureFactory(section=document.sections.get(title="Streets"), text="Plant trees")
    return services.version_publish(actor=admin, document=document, changelog="First version")


def test_the_markdown_download_holds_every_measure(client, version, proposition):
    response = client.get("/programs/open-city/v/1.1.md")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="open-city-1.1.md"'
    text = response.content.decode()
    assert "## 1. Budget" in text
    assert "## 2. Streets" in text
    for label, measure in [
        ("1.1", "Open the budget"),
        ("1.2", "Publish the minutes"),
        ("2.1", "Plant trees"),
    ]:
        assert f"### Measure {label}" in text
        assert measure in text
    assert f"Inspired by: #{proposition.pk} Open data portal" in text
    assert "First version" in text
    assert version.content_hash in text


def test_the_markdown_download_is_never_rendered_as_a_page(client, version):
    response = client.get("/programs/open-city/v/1.1.md")

    assert PAYLOAD in response.content.decode()
    assert not response["Content-Type"].startswith("text/html")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_json_download_carries_provenance_and_the_hash(client, version, proposition):
    response = client.get("/programs/open-city/v/1.1.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="open-city-1.1.json"'
    data = json.loads(response.content)
    assert data["content_hash"] == version.content_hash
    assert data["number"] == "1.1"
    assert data["url"] == "http://testserver/programs/open-city/v/1.1/"
    first = data["sections"][0]["measures"][0]
    assert first["label"] == "1.1"
    assert first["text"] == "Open the budget"
    assert first["sources"] == [
        {"id": proposition.pk, "url": f"http://testserver{proposition.get_absolute_url()}"}
    ]
    assert data["sections"][1]["measures"][0]["sources"] == []


def test_the_version_page_links_to_the_downloads(client, version):
    page = client.get("/programs/open-city/v/1.1/").content.decode()

    assert 'href="/programs/open-city/v/1.1.md"' in page
    assert 'href="/programs/open-city/v/1.1.json"' in page
    assert "Download as Markdown" in page
    assert "data-print" in page


@pytest.mark.parametrize("extension", ["md", "json"])
def test_drafts_and_unknown_versions_have_no_download(client, version, extension):
    draft = DocumentFactory(slug="secret")
    SectionFactory(document=draft)

    assert client.get(f"/programs/open-city/v/9.9.{extension}").status_code == 404
    assert client.get(f"/programs/secret/v/1.1.{extension}").status_code == 404
    assert client.get(f"/programs/nothing/v/1.1.{extension}").status_code == 404

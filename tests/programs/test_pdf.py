"""The PDF download of a published version: its content, its headers, its cache, and that laying
it out never reaches the network."""

import io
import socket

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from pnyx.programs import exports, services
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    PropositionFactory,
    SectionFactory,
    add_admin,
)

pytestmark = pytest.mark.django_db

URL = "/programs/open-city/v/1.1.pdf"


@pytest.fixture
def proposition():
    return PropositionFactory(title="Open data portal")


@pytest.fixture
def publish():
    def publish(*texts, cited=None):
        document = DocumentFactory(title="Open city", slug="open-city")
        document.organisation.name = "Citizens of Lyon"
        document.organisation.save()
        section = SectionFactory(document=document, title="Budget", intro="Why it *matters*")
        for position, text in enumerate(texts):
            measure = MeasureFactory(section=section, text=text, position=position)
            if cited is not None and position == 0:
                measure.sources.add(cited)
        admin = add_admin(document.organisation)
        return services.version_publish(actor=admin, document=document, changelog="First version")

    return publish


@pytest.fixture
def version(publish, proposition):
    return publish("Open the **budget** lines", "Publish the minutes", cited=proposition)


@pytest.fixture
def network(monkeypatch):
    """Every host name the process tries to resolve or connect to while the test runs."""
    hosts = []
    resolve, connect = socket.getaddrinfo, socket.create_connection

    def recorded_resolve(host, *args, **kwargs):
        hosts.append(host)
        return resolve(host, *args, **kwargs)

    def recorded_connect(address, *args, **kwargs):
        hosts.append(address[0])
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recorded_resolve)
    monkeypatch.setattr(socket, "create_connection", recorded_connect)
    return hosts


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_the_frozen_version(client, version, proposition):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Open city" in text
    assert "Version 1.1" in text
    assert "Citizens of Lyon" in text
    assert "Why it matters" in text
    assert "Measure 1.1" in text
    assert "Open the budget lines" in text
    assert "**" not in text
    assert "Measure 1.2" in text
    assert "Publish the minutes" in text
    assert f"#{proposition.pk} Open data portal" in text
    assert f"http://testserver{proposition.get_absolute_url()}" in text
    assert "First version" in text
    assert version.content_hash in text.replace("\n", "")


def test_the_pdf_is_an_attachment_kept_privately(client, version):
    response = client.get(URL)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="open-city-1.1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=86400"}


def test_a_french_reader_gets_french_labels(client, version):
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")

    text = pdf_text(response.content)
    assert "Mesure 1.1" in text
    assert "Ce qui a changé dans cette version" in text
    assert "Measure 1.1" not in text


def test_the_second_download_comes_from_the_cache(client, version, monkeypatch):
    calls = []
    render = exports.version_pdf

    def counted(**kwargs):
        calls.append(kwargs["version"].pk)
        return render(**kwargs)

    monkeypatch.setattr(exports, "version_pdf", counted)

    first = client.get(URL)
    second = client.get(URL)

    assert calls == [version.pk]
    assert second.content == first.content
    key = exports.version_pdf_cache_key(version=version, language="en")
    assert cache.get(key) == first.content


def test_each_language_has_its_own_cached_pdf(client, version):
    english = client.get(URL)
    french = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")

    assert english.content != french.content
    assert cache.get(exports.version_pdf_cache_key(version=version, language="fr")) == (
        french.content
    )


def test_drafts_and_unknown_versions_have_no_pdf(client, version):
    draft = DocumentFactory(slug="secret")
    SectionFactory(document=draft)

    assert client.get("/programs/open-city/v/9.9.pdf").status_code == 404
    assert client.get("/programs/secret/v/1.1.pdf").status_code == 404
    assert client.get("/programs/nothing/v/1.1.pdf").status_code == 404


def test_images_in_a_measure_are_never_fetched(client, publish, network):
    publish(
        "See ![x](http://example.com/a.png) the map",
        'Raw <img src="http://example.com/b.png"> image',
    )

    response = client.get(URL)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "See the map" in text
    assert 'Raw <img src="http://example.com/b.png"> image' in text
    assert "example.com" not in network


def test_the_fetcher_refuses_any_address():
    fetcher = exports.offline_url_fetcher()

    for url in ["http://example.com/a.png", "https://example.com/a.css", "file:///etc/passwd"]:
        with pytest.raises(exports.AddressRefused):
            fetcher(url)


def test_an_image_that_reaches_the_layout_is_refused_and_the_pdf_still_made(monkeypatch, network):
    asked = []
    refuse = exports.refuse_address

    def recorded(url):
        asked.append(url)
        refuse(url)

    monkeypatch.setattr(exports, "refuse_address", recorded)

    pdf = exports.html_to_pdf(
        '<p>Before</p><img src="http://example.com/a.png">'
        '<link rel="stylesheet" href="http://example.com/b.css"><p>After</p>'
    )

    assert pdf.startswith(b"%PDF")
    assert "After" in pdf_text(pdf)
    assert sorted(asked) == ["http://example.com/a.png", "http://example.com/b.css"]
    assert "example.com" not in network


def test_the_version_page_links_to_the_pdf(client, version):
    page = client.get("/programs/open-city/v/1.1/").content.decode()

    assert 'href="/programs/open-city/v/1.1.pdf"' in page
    assert 'type="application/pdf"' in page
    assert "Download as PDF" in page

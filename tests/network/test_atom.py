"""Atom feeds of news (all, by organisation, by topic) and the personal feed at its secret
address, read with an XML parser."""

import xml.etree.ElementTree as ET

import pytest

from pnyx.core.models import Topic
from pnyx.network.models import NewsPost
from pnyx.network.selectors.feed import feed_token
from pnyx.network.services.follows import follow_add
from tests.orgs.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XSS = '<script>alert("x")</script> & <b>bold</b>'


def _topic(slug="open-data"):
    return Topic.objects.get_or_create(slug=slug)[0]


def _news(organisation, title, body="Every **line**.", topics=()):
    post = NewsPost.objects.create(organisation=organisation, title=title, body=body)
    post.topics.set(topics)
    return post


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's answer
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_the_news_feed_lists_every_post_newest_first(client):
    organisation = OrganisationFactory(name="Open Cities")
    _news(organisation, "First")
    second = _news(organisation, "Second", topics=[_topic()])

    root, entries = _entries(client.get("/news/feed.atom"))

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Second", "First"]
    newest = entries[0]
    assert newest.find(f"{ATOM}link").get("href").endswith(f"/news/{second.pk}/")
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Open Cities"
    assert newest.find(f"{ATOM}category").get("term") == "Open data"
    assert "<strong>line</strong>" in newest.findtext(f"{ATOM}summary")


def test_titles_and_content_come_back_exactly_as_written(client):
    _news(OrganisationFactory(), XSS, body=XSS)

    _root, entries = _entries(client.get("/news/feed.atom"))

    assert entries[0].findtext(f"{ATOM}title") == XSS
    # The summary is HTML (escaped in the XML): the author's markup shows as text, never runs.
    summary = entries[0].findtext(f"{ATOM}summary")
    assert (
        summary == '<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>\n'
    )


def test_an_organisations_feed_keeps_its_own_news(client):
    mine, other = OrganisationFactory(slug="open-cities"), OrganisationFactory()
    _news(mine, "Ours")
    _news(other, "Theirs")

    root, entries = _entries(client.get("/news/open-cities/feed.atom"))

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Ours"]
    assert client.get("/news/nobody/feed.atom").status_code == 404


def test_a_topics_feed_keeps_the_news_on_it(client):
    organisation = OrganisationFactory()
    _news(organisation, "On topic", topics=[_topic()])
    _news(organisation, "Off topic", topics=[_topic("justice")])

    _root, entries = _entries(client.get("/topics/open-data/feed.atom"))

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["On topic"]
    assert client.get("/topics/astrology/feed.atom").status_code == 404


def test_the_personal_feed_opens_with_its_token_only(client):
    person, organisation = UserFactory(), OrganisationFactory()
    follow_add(actor=person, target=organisation)
    _news(organisation, "Budget data is out")
    token = feed_token(user=person)

    response = client.get(f"/feed/{token}.atom")
    _root, entries = _entries(response)

    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["News: Budget data is out"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("0" if token[-1] != "0" else "1"),
        lambda token: "999999-" + token.partition("-")[2],
        lambda token: token.partition("-")[2],
        lambda token: "abc-def",
        lambda token: "1" * 40 + "-x",
    ],
)
def test_a_wrong_token_is_a_404(client, mangle):
    person = UserFactory()

    assert client.get(f"/feed/{mangle(feed_token(user=person))}.atom").status_code == 404


def test_a_closed_account_has_no_feed(client):
    person = UserFactory()
    token = feed_token(user=person)
    person.is_active = False
    person.save()

    assert client.get(f"/feed/{token}.atom").status_code == 404


def test_another_persons_token_never_shows_my_feed(client):
    me, other = UserFactory(), UserFactory()

    assert feed_token(user=me) != feed_token(user=other)
    assert feed_token(user=me).startswith(f"{me.pk}-")

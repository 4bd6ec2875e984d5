"""The feed, follows and news in the API."""

import json

import pytest

from pnyx.core.models import Topic
from pnyx.network.models import Follow, NewsPost
from pnyx.network.services.follows import follow_add
from tests.accounts.factories import ApiTokenFactory
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.programs.factories import add_admin, add_member
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db


def _topic(slug="open-data"):
    return Topic.objects.get_or_create(slug=slug)[0]


def _auth(person):
    return {"Authorization": f"Bearer {ApiTokenFactory(user=person).raw}"}


def _post(client, path, body, person):
    return client.post(
        path, json.dumps(body), content_type="application/json", headers=_auth(person)
    )


def test_the_feed_needs_a_token(client):
    assert client.get("/api/v1/me/feed").status_code == 401


def test_the_feed_lists_what_is_new_with_its_organisation_and_topics(client):
    person, organisation = UserFactory(), OrganisationFactory(name="Open Cities", slug="oc")
    follow_add(actor=person, target=organisation)
    post = NewsPost.objects.create(organisation=organisation, title="Budget data", body="*Out*")
    post.topics.set([_topic()])

    response = client.get("/api/v1/me/feed", headers=_auth(person))

    assert response.status_code == 200
    body = response.json()
    assert body["page"] == 1
    assert body["has_next"] is False
    item = body["items"][0]
    assert (item["kind"], item["title"], item["url"], item["summary"]) == (
        "news",
        "Budget data",
        f"/news/{post.pk}/",
        "Out",
    )
    assert item["organisation"] == {"slug": "oc", "name": "Open Cities"}
    assert item["topics"] == [{"slug": "open-data", "name": "Open data"}]


@pytest.mark.parametrize("page", ["0", "26", "abc"])
def test_bad_feed_pages_are_a_422(client, page):
    person = UserFactory()

    assert client.get(f"/api/v1/me/feed?page={page}", headers=_auth(person)).status_code == 422


def test_following_by_slug_and_by_number(client):
    person, other = UserFactory(), UserFactory(display_name="Ada")
    organisation, tool = OrganisationFactory(slug="oc"), ToolFactory(slug="agora-commons")
    _topic()

    created = [
        _post(client, "/api/v1/me/follows", {"kind": kind, "target": key}, person)
        for kind, key in (
            ("organisation", "oc"),
            ("topic", "open-data"),
            ("tool", "agora-commons"),
            ("person", str(other.pk)),
        )
    ]
    again = _post(client, "/api/v1/me/follows", {"kind": "tool", "target": "agora-commons"}, person)
    listed = client.get("/api/v1/me/follows", headers=_auth(person)).json()
    tools_only = client.get("/api/v1/me/follows?kind=tool", headers=_auth(person)).json()

    assert [response.status_code for response in created] == [201, 201, 201, 201]
    assert again.status_code == 200
    assert Follow.objects.filter(user=person).count() == 4
    assert listed["count"] == 4
    assert {(row["kind"], row["target"], row["name"]) for row in listed["items"]} == {
        ("organisation", "oc", organisation.name),
        ("topic", "open-data", "Open data"),
        ("tool", "agora-commons", tool.name),
        ("person", str(other.pk), "Ada"),
    }
    assert [row["target"] for row in tools_only["items"]] == ["agora-commons"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"kind": "planet", "target": "mars"}, 422),
        ({"kind": "organisation"}, 422),
        ({"kind": "organisation", "target": ""}, 422),
        ({"kind": "organisation", "target": "nobody"}, 404),
        ({"kind": "person", "target": "not-a-number"}, 404),
        ({"kind": "tool", "target": "de\x00cidim"}, 404),
    ],
)
def test_bad_follows_are_specific_4xx(client, body, status):
    person = UserFactory()

    response = _post(client, "/api/v1/me/follows", body, person)

    assert response.status_code == status
    assert not Follow.objects.exists()


def test_following_oneself_is_a_422(client):
    person = UserFactory()

    response = _post(
        client, "/api/v1/me/follows", {"kind": "person", "target": str(person.pk)}, person
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "You cannot follow yourself."


def test_unfollowing(client):
    person, organisation = UserFactory(), OrganisationFactory(slug="oc")
    follow_add(actor=person, target=organisation)

    first = client.delete("/api/v1/me/follows?kind=organisation&target=oc", headers=_auth(person))
    second = client.delete("/api/v1/me/follows?kind=organisation&target=oc", headers=_auth(person))

    assert (first.status_code, second.status_code) == (204, 404)
    assert not Follow.objects.exists()


def test_the_session_needs_the_csrf_token_to_follow(client):
    person = UserFactory()
    OrganisationFactory(slug="oc")
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(person)

    response = csrf_client.post(
        "/api/v1/me/follows",
        json.dumps({"kind": "organisation", "target": "oc"}),
        content_type="application/json",
    )

    assert response.status_code in (401, 403)
    assert not Follow.objects.exists()


def test_news_list_filters_and_paginates(client):
    organisation, other = OrganisationFactory(slug="oc"), OrganisationFactory()
    post = NewsPost.objects.create(organisation=organisation, title="Ours", body="Text")
    post.topics.set([_topic()])
    NewsPost.objects.create(organisation=other, title="Theirs", body="Text")

    everything = client.get("/api/v1/news").json()
    ours = client.get("/api/v1/news?organisation=oc").json()
    on_topic = client.get("/api/v1/news?topic=open-data").json()

    assert everything["count"] == 2
    assert [row["title"] for row in ours["items"]] == ["Ours"]
    assert on_topic["items"][0]["topics"] == [{"slug": "open-data", "name": "Open data"}]
    assert on_topic["items"][0]["organisation"]["slug"] == "oc"
    assert client.get("/api/v1/news?topic=astrology").status_code == 422
    assert client.get("/api/v1/news?organisation=o%00c").json()["count"] == 0


def test_an_administrator_publishes_news(client):
    organisation = OrganisationFactory(slug="oc")
    admin = add_admin(organisation)
    _topic()

    response = _post(
        client,
        "/api/v1/news",
        {"organisation": "oc", "title": "Out now", "body": "Text", "topics": ["open-data"]},
        admin,
    )

    assert response.status_code == 201
    post = NewsPost.objects.get()
    assert response.json()["url"] == f"/news/{post.pk}/"
    assert post.author == admin


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"organisation": "nobody", "title": "T", "body": "B"}, 422),
        ({"organisation": "oc", "title": "", "body": "B"}, 422),
        ({"organisation": "oc", "title": "T", "body": "B", "topics": ["astrology"]}, 422),
        ({"organisation": "oc", "title": "T" * 201, "body": "B"}, 422),
        ({"organisation": "oc", "title": "T\x00", "body": "B"}, 422),
    ],
)
def test_bad_news_is_a_422(client, body, status):
    admin = add_admin(OrganisationFactory(slug="oc"))

    assert _post(client, "/api/v1/news", body, admin).status_code == status
    assert not NewsPost.objects.exists()


def test_a_member_may_not_publish_news(client):
    organisation = OrganisationFactory(slug="oc")
    member = add_member(organisation)

    response = _post(
        client, "/api/v1/news", {"organisation": "oc", "title": "T", "body": "B"}, member
    )

    assert response.status_code == 403
    assert not NewsPost.objects.exists()

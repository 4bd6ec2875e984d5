"""Organisations' news: who may write it, the pages that list and show it, and the personal data
it holds."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.core import personal_data
from pnyx.core.models import Topic
from pnyx.network.models import NewsPost
from pnyx.network.services.news import news_create, news_delete, news_update
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.programs.factories import add_admin, add_member

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _topic(slug="open-data"):
    return Topic.objects.get_or_create(slug=slug)[0]


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Open Cities", slug="open-cities")


@pytest.fixture
def admin(organisation):
    return add_admin(organisation, UserFactory(email="admin@example.org"))


def test_an_administrator_publishes_news_with_topics(organisation, admin):
    post = news_create(
        actor=admin,
        organisation=organisation,
        title="  Budget data is out ",
        body="Every **line**.",
        topics=[_topic()],
    )

    assert post.title == "Budget data is out"
    assert post.author == admin
    assert [topic.slug for topic in post.topics.all()] == ["open-data"]


@pytest.mark.parametrize("role", ["member", "stranger", "inactive admin"])
def test_others_may_not_publish(organisation, role):
    person = UserFactory()
    if role == "member":
        add_member(organisation, person)
    elif role == "inactive admin":
        add_admin(organisation, person)
        person.is_active = False
        person.save()

    with pytest.raises(PermissionDenied):
        news_create(actor=person, organisation=organisation, title="Hi", body="Text")

    assert not NewsPost.objects.exists()


def test_a_platform_administrator_may_publish_for_any_organisation(organisation):
    staff = UserFactory(is_staff=True)

    post = news_create(actor=staff, organisation=organisation, title="Hi", body="Text")

    assert post.organisation == organisation


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "Text", "title"), ("Hi", "   ", "body"), ("x" * 201, "Text", "title")],
)
def test_bad_text_is_refused_field_by_field(organisation, admin, title, body, field):
    with pytest.raises(ValidationError) as refused:
        news_create(actor=admin, organisation=organisation, title=title, body=body)

    assert field in refused.value.message_dict
    assert not NewsPost.objects.exists()


def test_editing_and_deleting_need_the_same_permission(organisation, admin):
    post = news_create(actor=admin, organisation=organisation, title="Hi", body="Text")
    other = UserFactory()

    with pytest.raises(PermissionDenied):
        news_update(actor=other, post=post, title="Hacked", body="Text")
    with pytest.raises(PermissionDenied):
        news_delete(actor=other, post=post)
    news_update(actor=admin, post=post, title="Hello", body="New text", topics=[_topic()])

    post.refresh_from_db()
    assert (post.title, post.body) == ("Hello", "New text")
    news_delete(actor=admin, post=post)
    assert not NewsPost.objects.exists()


def test_the_form_publishes_for_the_chosen_organisation(client, organisation, admin):
    client.force_login(admin)

    form = client.get("/news/new/?organisation=open-cities")
    response = client.post(
        "/news/new/",
        {
            "organisation": "open-cities",
            "title": "Budget data is out",
            "body": "Every *line*.",
            "topics": ["open-data"],
        },
    )

    assert form.status_code == 200
    assert '<option value="open-cities" selected>' in form.content.decode()
    post = NewsPost.objects.get()
    assert response["Location"] == f"/news/{post.pk}/"
    assert list(post.topics.values_list("slug", flat=True)) == ["open-data"]


def test_the_form_is_refused_to_someone_who_administers_nothing(client):
    client.force_login(UserFactory())

    assert client.get("/news/new/").status_code == 403
    assert client.post("/news/new/", {"title": "Hi", "body": "Text"}).status_code == 403


def test_the_form_refuses_an_organisation_one_does_not_administer(client, organisation, admin):
    OrganisationFactory(slug="elsewhere")
    client.force_login(admin)

    response = client.post(
        "/news/new/", {"organisation": "elsewhere", "title": "Hi", "body": "Text"}
    )

    assert response.status_code == 400
    assert not NewsPost.objects.exists()


def test_the_form_shows_missing_fields(client, organisation, admin):
    client.force_login(admin)

    response = client.post("/news/new/", {"organisation": "open-cities", "title": ""})

    assert response.status_code == 400
    assert "Please correct the errors below." in response.content.decode()


def test_edit_and_delete_pages(client, organisation, admin):
    post = news_create(actor=admin, organisation=organisation, title="Hi", body="Text")
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(f"/news/{post.pk}/edit/").status_code == 403
    assert client.post(f"/news/{post.pk}/delete/").status_code == 403

    client.force_login(admin)
    edited = client.post(f"/news/{post.pk}/edit/", {"title": "Hello", "body": "More"})
    confirm = client.get(f"/news/{post.pk}/delete/")
    deleted = client.post(f"/news/{post.pk}/delete/")

    assert edited["Location"] == f"/news/{post.pk}/"
    assert "Delete “Hello”?" in confirm.content.decode()
    assert deleted["Location"] == "/news/?organisation=open-cities"
    assert not NewsPost.objects.exists()


def test_the_list_is_newest_first_and_filters(client, organisation, admin):
    other = OrganisationFactory(name="Data Friends", slug="data-friends")
    other_admin = add_admin(other)
    news_create(actor=admin, organisation=organisation, title="First post", body="a")
    news_create(
        actor=other_admin,
        organisation=other,
        title="Second post",
        body="b",
        topics=[_topic("justice")],
    )

    everything = client.get("/news/").content.decode()
    by_org = client.get("/news/?organisation=open-cities").content.decode()
    by_topic = client.get("/news/?topic=justice").content.decode()

    assert everything.index("Second post") < everything.index("First post")
    assert ("First post" in by_org, "Second post" in by_org) == (True, False)
    assert ("First post" in by_topic, "Second post" in by_topic) == (False, True)


@pytest.mark.parametrize("query", ["organisation=nobody", "topic=astrology"])
def test_unknown_filters_are_a_400(client, query):
    assert client.get(f"/news/?{query}").status_code == 400


def test_the_list_has_a_bounded_number_of_queries(
    client, organisation, admin, django_assert_max_num_queries
):
    for number in range(25):
        news_create(
            actor=admin,
            organisation=organisation,
            title=f"Post {number}",
            body="Text",
            topics=[_topic(), _topic("justice")],
        )

    with django_assert_max_num_queries(8):
        response = client.get("/news/")

    assert response.status_code == 200


def test_the_page_escapes_what_the_author_wrote(client, organisation, admin):
    post = news_create(actor=admin, organisation=organisation, title=XSS, body=XSS)

    for path in (f"/news/{post.pk}/", "/news/"):
        text = client.get(path).content.decode()
        assert "<script>alert" not in text
        assert "<img src=x onerror" not in text


def test_an_unknown_post_is_a_404(client):
    assert client.get("/news/999999/").status_code == 404


def test_personal_data_exports_and_forgets_the_author(organisation, admin):
    post = news_create(actor=admin, organisation=organisation, title="Hi", body="Text")
    source = personal_data.get("network.news")

    exported = source.export(admin)
    source.anonymise(admin)

    assert exported[0]["title"] == "Hi"
    post.refresh_from_db()
    assert post.author is None
    assert NewsPost.objects.count() == 1

"""Following organisations, topics, tools and people: the services, the buttons and the page of
what a person follows."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.template import Context, Template
from django.test import RequestFactory

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.network.models import Follow
from pnyx.network.selectors.follows import follow_exists, followed_by
from pnyx.network.services.follows import follow_add, follow_remove
from tests.orgs.factories import OrganisationFactory, UserFactory
from tests.toolbox.factories import ToolFactory

pytestmark = pytest.mark.django_db


def _topic(slug="open-data"):
    return Topic.objects.get_or_create(slug=slug)[0]


def test_following_each_kind_of_target_makes_one_row_each():
    person = UserFactory()
    organisation, topic, tool, other = OrganisationFactory(), _topic(), ToolFactory(), UserFactory()

    for target in (organisation, topic, tool, other):
        _follow, created = follow_add(actor=person, target=target)
        assert created is True

    followed = followed_by(user=person)
    assert followed.organisations == {organisation.pk}
    assert followed.topics == {topic.pk}
    assert followed.tools == {tool.pk}
    assert followed.people == {other.pk}


def test_following_twice_keeps_one_row():
    person, organisation = UserFactory(), OrganisationFactory()
    first, created = follow_add(actor=person, target=organisation)

    again, created_again = follow_add(actor=person, target=organisation)

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Follow.objects.filter(user=person).count() == 1


def test_a_lost_race_reads_the_winners_row(monkeypatch):
    """Two requests both see no row; the second insert hits the unique constraint."""
    person, organisation = UserFactory(), OrganisationFactory()
    winner = Follow.objects.create(user=person, organisation=organisation)

    def racing_get_or_create(**kwargs):
        raise IntegrityError("network_follow_organisation_once")

    monkeypatch.setattr(Follow.objects, "get_or_create", racing_get_or_create)
    follow, created = follow_add(actor=person, target=organisation)

    assert (follow.pk, created) == (winner.pk, False)


@pytest.mark.django_db(transaction=True)
def test_16_parallel_follows_of_the_same_organisation_leave_one_row():
    person, organisation = UserFactory(), OrganisationFactory()
    barrier, failures, created = threading.Barrier(16), [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            _follow, made = follow_add(actor=User.objects.get(pk=person.pk), target=organisation)
            created.append(made)
        except Exception as error:  # noqa: BLE001 - the test asserts on every failure
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _index in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    assert sorted(created) == [False] * 15 + [True]
    assert Follow.objects.filter(user=person).count() == 1


def test_the_unique_constraint_refuses_a_second_row():
    person, organisation = UserFactory(), OrganisationFactory()
    Follow.objects.create(user=person, organisation=organisation)

    with pytest.raises(IntegrityError):
        Follow.objects.create(user=person, organisation=organisation)


def test_nobody_follows_themselves():
    person = UserFactory()

    with pytest.raises(ValidationError) as refused:
        follow_add(actor=person, target=person)

    assert refused.value.code == "self"
    assert not Follow.objects.exists()


def test_an_inactive_person_cannot_follow():
    person = UserFactory(is_active=False)

    with pytest.raises(PermissionDenied):
        follow_add(actor=person, target=OrganisationFactory())

    assert not Follow.objects.exists()


def test_unfollowing_removes_the_row_and_says_whether_there_was_one():
    person, tool = UserFactory(), ToolFactory()
    follow_add(actor=person, target=tool)

    assert follow_remove(actor=person, target=tool) is True
    assert follow_remove(actor=person, target=tool) is False
    assert not follow_exists(user=person, target=tool)


def test_the_follow_button_page_flow(client):
    person, organisation = UserFactory(), OrganisationFactory(name="Open Cities")
    client.force_login(person)

    response = client.post(
        "/following/add/",
        {"kind": "organisation", "target": organisation.slug, "next": "/news/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/news/"
    assert follow_exists(user=person, target=organisation)
    page = client.get("/following/")
    assert "Open Cities" in page.content.decode()
    assert "Unfollow" in page.content.decode()

    client.post("/following/remove/", {"kind": "organisation", "target": organisation.slug})

    assert not follow_exists(user=person, target=organisation)


@pytest.mark.parametrize(
    "next_url", ["//evil.example/", "https://evil.example/", "\\\\evil.example"]
)
def test_the_button_never_sends_people_to_another_site(client, next_url):
    person, topic = UserFactory(), _topic()
    client.force_login(person)

    response = client.post(
        "/following/add/", {"kind": "topic", "target": topic.slug, "next": next_url}
    )

    assert response["Location"] == "/following/"


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"kind": "planet", "target": "mars"}, 400),
        ({"kind": "organisation", "target": ""}, 400),
        ({"kind": "organisation", "target": "nobody-has-this"}, 404),
        ({"kind": "person", "target": "12abc"}, 404),
        ({"kind": "person", "target": "9" * 40}, 404),
    ],
)
def test_bad_targets_are_specific_4xx(client, data, status):
    client.force_login(UserFactory())

    response = client.post("/following/add/", data)

    assert response.status_code == status
    assert not Follow.objects.exists()


def test_following_oneself_by_the_page_is_a_400(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post("/following/add/", {"kind": "person", "target": str(person.pk)})

    assert response.status_code == 400
    assert "You cannot follow yourself." in response.content.decode()


def test_visitors_are_sent_to_log_in(client):
    organisation = OrganisationFactory()

    response = client.post("/following/add/", {"kind": "organisation", "target": organisation.slug})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get("/following/").status_code == 302


def test_no_get_changes_anything(client):
    person, organisation = UserFactory(), OrganisationFactory()
    client.force_login(person)

    response = client.get("/following/add/", {"kind": "organisation", "target": organisation.slug})

    assert response.status_code == 405
    assert not Follow.objects.exists()


def _render_button(target, user):
    request = RequestFactory().get("/somewhere/?page=2")
    request.user = user
    template = Template("{% load network_follow %}{% follow_button target %}")
    return template.render(Context({"request": request, "target": target, "csrf_token": "tok"}))


def test_the_button_says_follow_or_unfollow(django_user_model):
    person, tool = UserFactory(), ToolFactory(name="Agora Commons")

    before = _render_button(tool, person)
    follow_add(actor=person, target=tool)
    after = _render_button(tool, person)

    assert 'action="/following/add/"' in before
    assert 'value="/somewhere/?page=2"' in before
    assert "Follow<span" in before
    assert 'action="/following/remove/"' in after
    assert "Unfollow" in after


def test_a_visitor_gets_a_link_to_log_in():
    from django.contrib.auth.models import AnonymousUser

    html = _render_button(_topic(), AnonymousUser())

    assert "/accounts/login/?next=/somewhere/%3Fpage%3D2" in html
    assert "<form" not in html


def test_no_button_to_follow_oneself():
    person = UserFactory()

    assert "<form" not in _render_button(person, person)


def test_the_following_page_has_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    person = UserFactory()
    for _index in range(15):
        follow_add(actor=person, target=OrganisationFactory())
        follow_add(actor=person, target=ToolFactory())
    client.force_login(person)

    with django_assert_max_num_queries(12):
        response = client.get("/following/")

    assert response.status_code == 200
    assert response.content.decode().count("Unfollow") == 20


def test_the_following_page_filters_by_kind(client):
    person = UserFactory()
    follow_add(actor=person, target=OrganisationFactory(name="Open Cities"))
    follow_add(actor=person, target=ToolFactory(name="Agora Commons"))
    client.force_login(person)

    text = client.get("/following/?kind=tool").content.decode()

    assert "Agora Commons" in text
    assert "Open Cities" not in text


def test_personal_data_exports_and_deletes_the_follows():
    from pnyx.core import personal_data

    person, followed_person = UserFactory(), UserFactory(display_name="Ada")
    follow_add(actor=person, target=OrganisationFactory(name="Open Cities"))
    follow_add(actor=person, target=followed_person)
    follow_add(actor=followed_person, target=person)
    source = personal_data.get("network.follows")

    exported = source.export(person)
    source.anonymise(person)

    assert [(row["kind"], row["name"]) for row in exported] == [
        ("organisation", "Open Cities"),
        ("person", "Ada"),
    ]
    assert not Follow.objects.filter(user=person).exists()
    assert not Follow.objects.filter(person=person).exists()

"""Following a process or a proposition: the service, the button and the toggle view."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template import RequestContext, Template
from django.test import RequestFactory

from pnyx.participation.models import Follow, ProcessStatus, Proposition
from pnyx.participation.services.follows import follow_create, follow_delete
from tests.participation.factories import ProcessFactory, PropositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def toggle_url(kind, pk):
    return f"/notifications/follow/{kind}/{pk}/"


def test_following_a_proposition_twice_leaves_one_follow_and_counts_one():
    person, proposition = UserFactory(), PropositionFactory()

    first = follow_create(user=person, target=proposition)
    second = follow_create(user=person, target=proposition)

    proposition.refresh_from_db()
    assert (first, second) == (True, False)
    assert Follow.objects.filter(user=person, proposition=proposition).count() == 1
    assert proposition.follower_count == 1


def test_unfollowing_twice_removes_the_follow_once_and_the_count_stays_exact():
    people = UserFactory.create_batch(2)
    proposition = PropositionFactory()
    for person in people:
        follow_create(user=person, target=proposition)

    first = follow_delete(user=people[0], target=proposition)
    second = follow_delete(user=people[0], target=proposition)

    proposition.refresh_from_db()
    assert (first, second) == (True, False)
    assert proposition.follower_count == 1
    assert Follow.objects.filter(proposition=proposition).count() == 1


def test_following_a_process_writes_a_process_follow():
    person, process = UserFactory(), ProcessFactory()

    follow_create(user=person, target=process)

    follow = Follow.objects.get(user=person)
    assert (follow.process_id, follow.proposition_id) == (process.pk, None)


def test_an_inactive_person_is_refused_and_nothing_is_written():
    person = UserFactory(is_active=False)
    proposition = PropositionFactory()

    with pytest.raises(PermissionDenied):
        follow_create(user=person, target=proposition)

    proposition.refresh_from_db()
    assert Follow.objects.count() == 0
    assert proposition.follower_count == 0


def test_the_toggle_view_follows_then_unfollows_and_goes_back(client):
    person, proposition = UserFactory(), PropositionFactory()
    client.force_login(person)
    back = f"/propositions/{proposition.pk}/"

    followed = client.post(toggle_url("proposition", proposition.pk), {"follow": "1", "next": back})
    counted = Proposition.objects.get(pk=proposition.pk).follower_count
    stopped = client.post(toggle_url("proposition", proposition.pk), {"follow": "0", "next": back})

    assert (followed.status_code, followed["Location"]) == (302, back)
    assert counted == 1
    assert (stopped.status_code, stopped["Location"]) == (302, back)
    assert Follow.objects.count() == 0
    assert Proposition.objects.get(pk=proposition.pk).follower_count == 0


@pytest.mark.parametrize(
    "evil", ["//evil.example/", "https:evil.example", "\\\\evil.example", "https://evil.example/"]
)
def test_the_toggle_view_refuses_foreign_next_addresses(client, evil):
    person, process = UserFactory(), ProcessFactory()
    client.force_login(person)

    response = client.post(toggle_url("process", process.pk), {"follow": "1", "next": evil})

    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()


def test_the_toggle_view_answers_405_to_get_and_changes_nothing(client):
    person, proposition = UserFactory(), PropositionFactory()
    client.force_login(person)

    response = client.get(toggle_url("proposition", proposition.pk) + "?follow=1")

    assert response.status_code == 405
    assert Follow.objects.count() == 0


def test_the_toggle_view_sends_visitors_to_log_in_and_writes_nothing(client):
    proposition = PropositionFactory()

    response = client.post(toggle_url("proposition", proposition.pk), {"follow": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Follow.objects.count() == 0


def test_the_toggle_view_hides_drafts_and_unknown_kinds(client):
    client.force_login(UserFactory())
    draft = ProcessFactory(status=ProcessStatus.DRAFT)

    assert client.post(toggle_url("process", draft.pk), {"follow": "1"}).status_code == 404
    assert client.post(toggle_url("person", draft.pk), {"follow": "1"}).status_code == 404
    assert client.post(toggle_url("process", 999999), {"follow": "1"}).status_code == 404
    assert Follow.objects.count() == 0


def test_the_toggle_view_refuses_a_malformed_choice_with_400(client):
    proposition = PropositionFactory()
    client.force_login(UserFactory())

    response = client.post(toggle_url("proposition", proposition.pk), {"follow": "maybe"})

    assert response.status_code == 400
    assert Follow.objects.count() == 0


def render_button(target, user):
    request = RequestFactory().get("/somewhere/?page=2")
    request.user = user
    template = Template("{% load participation_follow %}{% follow_button target %}")
    return template.render(RequestContext(request, {"target": target}))


def test_the_button_offers_to_follow_and_shows_the_count():
    from django.contrib.auth.models import AnonymousUser

    proposition = PropositionFactory()
    follow_create(user=UserFactory(), target=proposition)
    proposition.refresh_from_db()

    html = render_button(proposition, UserFactory())
    anonymous = render_button(proposition, AnonymousUser())

    assert f'action="/notifications/follow/proposition/{proposition.pk}/"' in html
    assert '<input type="hidden" name="follow" value="1">' in html
    assert ">Follow</button>" in html
    assert "1 follower" in html
    assert 'name="next" value="/somewhere/?page=2"' in html
    assert "<form" not in anonymous
    assert 'href="/accounts/login/?next=/somewhere/%3Fpage%3D2"' in anonymous


def test_the_button_offers_to_stop_following_a_followed_process():
    person, process = UserFactory(), ProcessFactory()
    follow_create(user=person, target=process)

    html = render_button(process, person)

    assert "Following — stop following" in html
    assert '<input type="hidden" name="follow" value="0">' in html
    assert "follower" not in html

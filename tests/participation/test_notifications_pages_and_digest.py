"""Notifications: the page, marking read, the settings, and the e-mail digest command."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from pnyx.participation.models import Notification, NotificationSettings
from pnyx.participation.selectors.notifications import notification_message
from pnyx.participation.services.follows import follow_create
from pnyx.participation.services.notifications import notify
from tests.participation.factories import ProcessFactory, PropositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def answered(person, proposition, *, state="accepted", minutes_ago=0):
    return Notification.objects.create(
        user=person,
        event="participation.proposition_answered",
        process=proposition.process,
        proposition=proposition,
        data={"state": state},
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_notify_reaches_followers_and_the_author_but_not_the_actor():
    author, follower, actor = UserFactory(), UserFactory(), UserFactory()
    proposition = PropositionFactory(author=author)
    follow_create(user=follower, target=proposition.process)
    follow_create(user=actor, target=proposition)

    written = notify(
        event="participation.proposition_answered", actor=actor, proposition=proposition
    )

    assert written == 2
    assert set(Notification.objects.values_list("user_id", flat=True)) == {author.pk, follower.pk}


def test_each_event_reads_as_a_sentence_naming_the_proposition():
    proposition = PropositionFactory(title="Open the budget")
    notification = answered(UserFactory(), proposition, state="rejected")

    assert (
        notification_message(notification) == "The organisers answered “Open the budget”: Rejected."
    )


def test_the_page_lists_unread_first_with_links_and_a_count(client):
    person = UserFactory()
    old, new = PropositionFactory(title="Old news"), PropositionFactory(title="Fresh news")
    read = answered(person, new, minutes_ago=1)
    read.read_at = timezone.now()
    read.save()
    answered(person, old, minutes_ago=60)
    answered(UserFactory(), old)  # someone else's
    client.force_login(person)

    response = client.get("/notifications/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 unread notification." in html
    assert html.index("Old news") < html.index("Fresh news")
    assert (
        f'<a href="/propositions/{old.pk}/">The organisers answered “Old news”: Accepted.</a>'
        in html
    )
    assert html.count('class="tag">Unread<') == 1


def test_the_page_needs_a_login(client):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_is_paginated_in_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    person = UserFactory()
    proposition = PropositionFactory()
    for minutes in range(45):
        answered(person, proposition, minutes_ago=minutes)
    client.force_login(person)

    with django_assert_max_num_queries(9):
        response = client.get("/notifications/?page=2")

    assert response.status_code == 200
    assert response.content.decode().count('<li class="notification') == 20
    assert "Page 2 of 3" in response.content.decode()


def test_marking_one_read_only_touches_ones_own(client):
    person, other = UserFactory(), UserFactory()
    proposition = PropositionFactory()
    mine, theirs = answered(person, proposition), answered(other, proposition)
    client.force_login(person)

    refused = client.post(f"/notifications/{theirs.pk}/read/")
    done = client.post(f"/notifications/{mine.pk}/read/", {"next": "https://evil.example/"})

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert refused.status_code == 404
    assert theirs.read_at is None
    assert (done.status_code, done["Location"]) == (302, "/notifications/")
    assert mine.read_at is not None


def test_marking_all_read(client):
    person = UserFactory()
    proposition = PropositionFactory()
    for _ in range(3):
        answered(person, proposition)
    client.force_login(person)

    response = client.post("/notifications/read/")

    assert response.status_code == 302
    assert Notification.objects.filter(user=person, read_at__isnull=True).count() == 0


def test_get_never_marks_anything_read(client):
    person = UserFactory()
    notification = answered(person, PropositionFactory())
    client.force_login(person)

    assert client.get(f"/notifications/{notification.pk}/read/").status_code == 405
    assert client.get("/notifications/read/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_settings_page_shows_the_defaults_and_saves_changes(client):
    person = UserFactory()
    client.force_login(person)

    shown = client.get("/notifications/settings/").content.decode()
    saved = client.post("/notifications/settings/", {"digest": "weekly"})

    settings = NotificationSettings.objects.get(user=person)
    assert 'value="daily"' in shown
    assert "checked" in shown
    assert saved.status_code == 302
    assert (settings.in_app, settings.digest) == (False, "weekly")


def test_the_settings_page_refuses_an_unknown_frequency_and_keeps_the_old_one(client):
    person = UserFactory()
    NotificationSettings.objects.create(user=person, digest="weekly")
    client.force_login(person)

    response = client.post("/notifications/settings/", {"in_app": "on", "digest": "hourly"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert NotificationSettings.objects.get(user=person).digest == "weekly"


def test_the_digest_sends_one_email_per_person_with_their_items_only_once(mailoutbox):
    amina, bo, weekly, muted = UserFactory.create_batch(4)
    NotificationSettings.objects.create(user=weekly, digest="weekly")
    NotificationSettings.objects.create(user=muted, digest="never")
    first = PropositionFactory(title="Free school data")
    second = PropositionFactory(title="Paper ballots")
    answered(amina, first)
    answered(amina, second, state="implemented")
    answered(bo, second)
    seen = answered(bo, first)
    seen.read_at = timezone.now()
    seen.save()
    answered(weekly, first)
    answered(muted, first)

    call_command("notifications", "digest")
    call_command("notifications", "digest")

    assert sorted(message.to[0] for message in mailoutbox) == sorted([amina.email, bo.email])
    to_amina = next(message for message in mailoutbox if message.to == [amina.email])
    assert to_amina.subject == "2 new notifications on Pnyx"
    assert "The organisers answered “Free school data”: Accepted." in to_amina.body
    assert "The organisers answered “Paper ballots”: Implemented." in to_amina.body
    assert f"http://127.0.0.1:8000/propositions/{first.pk}/" in to_amina.body
    html, kind = to_amina.alternatives[0]
    assert kind == "text/html"
    assert f'<a href="http://127.0.0.1:8000/propositions/{second.pk}/">' in html
    to_bo = next(message for message in mailoutbox if message.to == [bo.email])
    assert "Free school data" not in to_bo.body
    assert Notification.objects.filter(user=amina, emailed_at__isnull=True).count() == 0
    assert NotificationSettings.objects.get(user=amina).last_digest_at is not None


def test_the_weekly_digest_reaches_only_weekly_readers_and_uses_site_url(mailoutbox, settings):
    settings.SITE_URL = "https://pnyx.example/"
    daily, weekly = UserFactory(), UserFactory()
    NotificationSettings.objects.create(user=weekly, digest="weekly")
    process = ProcessFactory(title="Budget 2026")
    for person in (daily, weekly):
        Notification.objects.create(
            user=person, event="participation.phase_started", process=process
        )

    call_command("notifications", "digest", "--frequency", "weekly")

    assert [message.to for message in mailoutbox] == [[weekly.email]]
    assert "A new phase started in “Budget 2026”." in mailoutbox[0].body
    assert f"https://pnyx.example/processes/{process.slug}/" in mailoutbox[0].body


def test_the_digest_is_written_in_the_persons_language(mailoutbox):
    person = UserFactory(languages=["fr", "en"])
    answered(person, PropositionFactory(title="Budget ouvert"))

    call_command("notifications", "digest")

    assert mailoutbox[0].subject.startswith("1 ")
    assert "Budget ouvert" in mailoutbox[0].body


def test_the_digest_command_refuses_an_unknown_frequency(mailoutbox):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("notifications", "digest", "--frequency", "hourly")

    assert mailoutbox == []

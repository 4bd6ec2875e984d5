"""Deleting one's account: confirmation, grace period, cancel, then erasure that keeps results."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.core import audit, personal_data, tasks
from pnyx.core.models import AuditEntry
from pnyx.participation.models import Proposition
from pnyx.participation.selectors.propositions import counter_drift
from pnyx.participation.selectors.recount import counters_drift
from pnyx.privacy.models import DeletionRequest
from pnyx.privacy.services import deletion
from tests.accounts.factories import PASSWORD, UserFactory
from tests.privacy.conftest import EMAIL, NAME, database_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _committing(monkeypatch):
    """E-mails leave once their transaction commits; the test's own transaction never does, so
    each callback runs as soon as it is registered."""
    monkeypatch.setattr(deletion.transaction, "on_commit", lambda callback, **kwargs: callback())


def schedule(client, person, password=PASSWORD):
    client.force_login(person)
    return client.post("/privacy/delete/", {"password": password})


def complete_due():
    """Let the grace period pass, then let a worker run the hourly task."""
    DeletionRequest.objects.filter(due_at__isnull=False).update(
        due_at=timezone.now() - timedelta(seconds=1)
    )
    tasks.schedule_periodic()
    return tasks.run_due_jobs()


def test_a_wrong_password_schedules_nothing(client, world):
    response = schedule(client, world.person, password="not-my-password")

    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert not DeletionRequest.objects.exists()
    assert mail.outbox == []


def test_password_attempts_are_limited(client, world):
    for _attempt in range(5):
        schedule(client, world.person, password="guess")

    response = schedule(client, world.person)

    assert response.status_code == 429
    assert not DeletionRequest.objects.exists()


def test_confirming_schedules_the_deletion_after_the_grace_period(client, world, settings):
    before = timezone.now()

    response = schedule(client, world.person)

    assert response.status_code == 302
    request = DeletionRequest.objects.get(person=world.person)
    assert before + settings.PNYX_ACCOUNT_DELETION_GRACE <= request.due_at
    assert request.due_at <= timezone.now() + settings.PNYX_ACCOUNT_DELETION_GRACE
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert message.subject == "Your Pnyx account will be deleted"
    assert request.reference in message.body
    assert "http://testserver/privacy/delete/" in message.body
    page = client.get("/privacy/delete/").content.decode()
    assert "Cancel the deletion" in page
    assert User.objects.get(pk=world.person.pk).is_active


def test_the_deletion_can_be_cancelled_during_the_grace_period(client, world):
    schedule(client, world.person)

    response = client.post("/privacy/delete/cancel/", follow=True)
    ran = complete_due()

    assert "The deletion of your account is cancelled." in response.content.decode()
    assert not DeletionRequest.objects.exists()
    assert ran >= 1
    assert User.objects.get(pk=world.person.pk).email == EMAIL


def test_logging_in_during_the_grace_period_shows_a_banner_with_cancel(client, world):
    world.person.authenticator_set.all().delete()
    schedule(client, world.person)
    client.logout()

    response = client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD}, follow=True)

    page = response.content.decode()
    assert "Your account will be deleted on" in page
    assert '<a href="/privacy/delete/">Cancel the deletion</a>' in page


def test_nothing_happens_before_the_day(client, world):
    schedule(client, world.person)

    tasks.schedule_periodic()
    tasks.run_due_jobs()

    assert User.objects.get(pk=world.person.pk).email == EMAIL
    assert DeletionRequest.objects.exists()


def test_after_the_grace_period_the_person_is_gone_and_results_are_unchanged(client, world):
    counts = {p.pk: (p.support_count, p.comment_count) for p in Proposition.objects.all()}
    world.process.refresh_from_db()
    participants = world.process.participant_count
    schedule(client, world.person)
    reference = DeletionRequest.objects.get().reference
    mail.outbox.clear()

    complete_due()

    person = User.objects.get(pk=world.person.pk)
    assert not person.is_active
    dump = database_text()
    assert EMAIL not in dump
    assert NAME not in dump
    assert EMAIL not in str(personal_data.export_all(person))
    assert {p.pk: (p.support_count, p.comment_count) for p in Proposition.objects.all()} == counts
    world.process.refresh_from_db()
    assert world.process.participant_count == participants
    assert counters_drift(process=world.process) == []
    assert counter_drift(world.process) == []
    assert not DeletionRequest.objects.exists()
    assert not Session.objects.exists()
    # Other periodic tasks (the digests) ran too; the deletion sent one e-mail.
    [message] = [m for m in mail.outbox if "deleted" in m.subject]
    assert (message.to, message.subject) == ([EMAIL], "Your Pnyx account was deleted")
    assert reference in message.body


def test_comments_and_propositions_show_a_deleted_participant(client, world):
    schedule(client, world.person)
    complete_due()
    client.logout()

    theirs = client.get(world.theirs.get_absolute_url()).content.decode()
    mine = client.get(world.mine.get_absolute_url()).content.decode()

    assert "Yes, and the amendments." in theirs
    assert "Deleted participant" in theirs
    assert NAME not in theirs
    assert "Deleted participant" in mine
    assert "Publish every budget line" in mine


def test_the_audit_log_records_the_deletion_without_personal_data(client, world):
    schedule(client, world.person)
    reference = DeletionRequest.objects.get().reference
    person_id = world.person.pk

    complete_due()

    entry = AuditEntry.objects.get(action="privacy.account_deleted")
    assert entry.data == {"reference": reference}
    assert (entry.actor_id, entry.target_type, entry.target_id, entry.target_label) == (
        None,
        "",
        "",
        "",
    )
    assert entry.actor_label == "Pnyx (automatic)"
    content = audit.canonical_content(entry)
    assert EMAIL not in content
    assert NAME not in content
    assert f'"{person_id}"' not in content
    assert re.fullmatch(r"[0-9a-f]{16}", reference)
    assert audit.verify().ok
    page = client.get(f"/audit/{entry.seq}/").content.decode()
    assert "Account deleted" in page


def test_an_account_without_a_password_confirms_by_an_emailed_link(client, world):
    world.person.set_unusable_password()
    world.person.save()
    client.force_login(world.person)

    page = client.get("/privacy/delete/").content.decode()
    client.post("/privacy/delete/")
    [message] = mail.outbox
    link = re.search(r"http://testserver(/privacy/delete/confirm/\S+/)", message.body).group(1)
    assert not DeletionRequest.objects.get().is_scheduled
    confirm_page = client.get(link)
    response = client.post(link)

    assert "E-mail me a confirmation link" in page
    assert confirm_page.status_code == 200
    assert response.status_code == 302
    assert DeletionRequest.objects.get().is_scheduled
    assert client.post(link).status_code == 400


def test_a_link_opened_by_someone_else_or_altered_is_refused(client, world):
    world.person.set_unusable_password()
    world.person.save()
    client.force_login(world.person)
    client.post("/privacy/delete/")
    link = re.search(r"http://testserver(/privacy/delete/confirm/\S+/)", mail.outbox[0].body).group(
        1
    )

    client.force_login(UserFactory())
    by_someone_else = client.post(link)
    client.force_login(world.person)
    altered = client.post(link.replace("/confirm/", "/confirm/x"))

    assert by_someone_else.status_code == altered.status_code == 400
    assert "This confirmation link is not valid" in altered.content.decode()
    assert not DeletionRequest.objects.get().is_scheduled


def test_a_deletion_request_cannot_be_made_for_someone_else(world):
    with pytest.raises(PermissionDenied):
        deletion.deletion_schedule_with_password(
            actor=world.other,
            person=world.person,
            password=PASSWORD,
            language="en",
            site_url="http://testserver",
        )

    assert not DeletionRequest.objects.exists()


def test_confirmation_links_asked_for_are_limited_too(client, world):
    world.person.set_unusable_password()
    world.person.save()
    client.force_login(world.person)
    for _attempt in range(5):
        client.post("/privacy/delete/")

    response = client.post("/privacy/delete/")

    assert response.status_code == 429
    assert "Too many attempts." in response.content.decode()
    assert len(mail.outbox) == 5

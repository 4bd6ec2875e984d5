"""Referees confirm or decline an entry through the link e-mailed to them: once, in time, and
only with the link Pnyx sent. The learner is told."""

import re
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pnyx.learning.services import engagement as services
from pnyx.learning.services import engagement_referees as referees
from pnyx.learning.services.engagement import EntryFields
from pnyx.participation.models import Notification
from tests.learning.factories import UserFactory
from tests.learning.test_engagement_services import fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(mailoutbox, django_capture_on_commit_callbacks):
    """An entry naming a referee, and the token of the link e-mailed to them."""
    learner = UserFactory(display_name="Lena")
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.engagement_entry_create(
            actor=learner,
            fields_in=fields(referee_name="Rita Referee", referee_email="rita@example.org"),
        )
    [token] = re.findall(r"/learning/engagement/referee/(\S+)/", mailoutbox[-1].body)
    return entry, token


def test_the_referee_confirms_with_a_note_and_the_learner_is_told(asked):
    entry, token = asked
    referees.referee_answer(token=token, confirm=True, note="  Every Saturday, all winter. ")
    entry.refresh_from_db()
    assert entry.referee_confirmed_at is not None
    assert entry.referee_note == "Every Saturday, all winter."
    assert entry.referee_token_hash == ""
    assert referees.referee_status(entry) == "confirmed"
    [notification] = Notification.objects.filter(user=entry.learner)
    assert notification.event == "learning.referee_confirmed"
    assert notification.data["path"] == reverse("learning:engagement-list")


def test_the_referee_declines_and_the_link_is_used_up(asked):
    entry, token = asked
    referees.referee_answer(token=token, confirm=False)
    entry.refresh_from_db()
    assert referees.referee_status(entry) == "declined"
    assert entry.referee_confirmed_at is None
    with pytest.raises(ValidationError) as refused:
        referees.referee_answer(token=token, confirm=True)
    assert refused.value.code == "unusable"
    entry.refresh_from_db()
    assert entry.referee_confirmed_at is None


def test_a_forged_an_expired_or_a_replaced_link_does_not_work(asked, monkeypatch):
    entry, token = asked
    secret, rest = token.split(":", 1)
    assert referees.referee_entry_for_token(token=f"{secret}x:{rest}") is None
    assert referees.referee_entry_for_token(token="nonsense") is None
    monkeypatch.setattr(referees, "REFEREE_LINK_DAYS", -1)
    assert referees.referee_entry_for_token(token=token) is None
    monkeypatch.undo()
    assert referees.referee_entry_for_token(token=token) == entry
    services.engagement_entry_update(
        actor=entry.learner, entry=entry, fields_in=fields(activity="Repair café, winter")
    )
    assert referees.referee_entry_for_token(token=token) is None


def test_a_note_too_long_is_refused_and_the_link_still_works(asked):
    entry, token = asked
    with pytest.raises(ValidationError) as refused:
        referees.referee_answer(token=token, confirm=True, note="x" * 2001)
    assert refused.value.message_dict == {"note": ["At most 2000 characters."]}
    entry.refresh_from_db()
    assert referees.referee_status(entry) == "waiting"
    assert referees.referee_entry_for_token(token=token) == entry


def test_removing_the_referee_drops_the_pending_link(asked):
    entry, token = asked
    services.engagement_entry_update(
        actor=entry.learner,
        entry=entry,
        fields_in=replace(EntryFields.of(entry), referee_name="", referee_email=""),
    )
    entry.refresh_from_db()
    assert referees.referee_status(entry) == ""
    assert referees.referee_entry_for_token(token=token) is None

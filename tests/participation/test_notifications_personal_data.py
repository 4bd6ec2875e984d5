"""What the consultations hold about a person: export, and anonymising that keeps public results."""

import pytest

from pnyx.core import personal_data
from pnyx.participation import personal_data as participation_data
from pnyx.participation.models import (
    Comment,
    Follow,
    Notification,
    NotificationSettings,
    Proposition,
    Vote,
)
from pnyx.participation.selectors.results import votes_csv
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.follows import follow_create
from pnyx.participation.services.votes import vote_cast
from tests.participation.factories import (
    ProcessFactory,
    PropositionFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def voter_world():
    process = ProcessFactory()
    question = QuestionFactory(process=process)
    voter, other = UserFactory(display_name="Ada"), UserFactory()
    mine = PropositionFactory(question=question, author=voter, title="Bike lanes")
    theirs = PropositionFactory(question=question, author=other)
    for person in (voter, other):
        vote_cast(person=person, proposition=theirs, value="support")
    vote_cast(person=other, proposition=mine, value="support")
    comment_create(author=voter, proposition=theirs, body="Yes, please.")
    follow_create(user=voter, target=theirs)
    follow_create(user=voter, target=process)
    Notification.objects.create(user=voter, event="participation.phase_started", process=process)
    NotificationSettings.objects.create(user=voter, digest="weekly")
    return process, voter, mine, theirs


def test_every_source_is_registered():
    keys = {source.key for source in personal_data.sources()}

    assert {source.key for source in participation_data.SOURCES} <= keys


def test_the_export_lists_the_persons_contributions(voter_world):
    process, voter, mine, theirs = voter_world

    exported = {source.key: source.export(voter) for source in participation_data.SOURCES}

    assert [item["title"] for item in exported["participation.propositions"]] == ["Bike lanes"]
    assert exported["participation.propositions"][0]["url"] == f"/propositions/{mine.pk}/"
    assert [(v["proposition_id"], v["value"]) for v in exported["participation.votes"]] == [
        (theirs.pk, "support")
    ]
    assert [c["body"] for c in exported["participation.comments"]] == ["Yes, please."]
    assert len(exported["participation.follows"]) == 2
    assert [n["event"] for n in exported["participation.notifications"]] == [
        "participation.phase_started"
    ]
    assert exported["participation.notification_settings"]["digest"] == "weekly"


def test_anonymising_keeps_votes_and_content_but_forgets_the_person(voter_world):
    process, voter, mine, theirs = voter_world
    votes_before = votes_csv(process=process).count(b"\n")

    for source in participation_data.SOURCES:
        source.anonymise(voter)

    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.support_count, mine.support_count) == (2, 1)
    assert Vote.objects.filter(proposition=theirs).count() == 2
    assert Vote.objects.filter(user=voter).count() == 0
    assert mine.author_id is None
    assert mine.title == "Bike lanes"
    assert Comment.objects.get().author_id is None
    assert Comment.objects.get().body == "Yes, please."
    assert Follow.objects.filter(user=voter).count() == 0
    assert theirs.follower_count == 0
    assert Notification.objects.filter(user=voter).count() == 0
    assert NotificationSettings.objects.filter(user=voter).count() == 0
    assert votes_csv(process=process).count(b"\n") == votes_before
    assert Proposition.objects.filter(process=process).count() == 2


def test_reports_and_participations_are_exported_and_the_reporter_is_detached():
    from pnyx.core.personal_data import anonymise_all, export_all
    from pnyx.participation.models import Participant, ProcessAccess, Report
    from tests.participation.factories import PropositionFactory, UserFactory

    proposition = PropositionFactory()
    person = UserFactory()
    Report.objects.create(
        process=proposition.process, proposition=proposition, reporter=person, reason="spam"
    )
    Participant.objects.create(process=proposition.process, user=person, vote_count=3)
    ProcessAccess.objects.create(process=proposition.process, user=person)

    exported = export_all(person)
    anonymise_all(person)

    assert exported["participation.reports"][0]["reason"] == "spam"
    participations = exported["participation.participations"][0]
    assert participations["took_part_in"][0]["votes"] == 3
    assert participations["joined_by_invitation"][0]["process"] == proposition.process.title
    assert Report.objects.get().reporter is None
    assert not ProcessAccess.objects.exists()

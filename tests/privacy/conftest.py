"""Fixtures of the privacy tests: a person with data in every app, and private export files."""

from dataclasses import dataclass

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.storage import storages
from django.db import connection

from pnyx.core.models import Topic
from pnyx.orgs.models import MembershipStatus
from pnyx.participation.models import Notification, NotificationSettings, Process
from pnyx.participation.services.comments import comment_create
from pnyx.participation.services.follows import follow_create
from pnyx.participation.services.moderation import report_create
from pnyx.participation.services.propositions import proposition_create
from pnyx.participation.services.votes import vote_cast
from pnyx.privacy.services.consents import consents_set
from tests.accounts.factories import ApiTokenFactory, UserFactory
from tests.orgs.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.participation.factories import PhaseFactory, ProcessFactory, QuestionFactory

EMAIL = "zelda.quist@example.org"
NAME = "Zelda Quist"


@pytest.fixture(autouse=True)
def exports_dir(settings, tmp_path):
    """Each test writes its downloads in a folder of its own."""
    location = tmp_path / "exports"
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    assert storages["privacy_exports"].location == str(location)
    return location


@dataclass
class World:
    """A person with data in every app, and what they contributed to."""

    person: object
    other: object
    process: Process
    mine: object
    theirs: object
    comment: object


@pytest.fixture
def world(db):
    """Zelda: profile, token, second factor, memberships, an invitation sent, a proposition, a
    vote, a comment, follows, a notification, settings, a report and a consent."""
    person = UserFactory(
        email=EMAIL,
        display_name=NAME,
        country="PT",
        languages=["pt", "en"],
        bio="I read budgets for fun.",
        public_fields=["bio"],
    )
    person.topics.set(Topic.objects.filter(slug__in=["justice"]))
    ApiTokenFactory(user=person, name="Laptop script")
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    organisation = OrganisationFactory(name="Budget Watch")
    MembershipFactory(user=person, organisation=organisation)
    MembershipFactory(user=person, status=MembershipStatus.REQUESTED)
    InvitationFactory(organisation=organisation, created_by=person, email="friend@example.org")

    other = UserFactory(display_name="Olga Other")
    process = ProcessFactory(title="Open budgets 2027", phase=False)
    PhaseFactory(process=process, kind="proposing")
    PhaseFactory(process=process, kind="voting")
    question = QuestionFactory(process=process)
    mine = proposition_create(
        actor=person,
        process=process,
        question=question,
        title="Publish every budget line",
        body="Each line, online, in open formats.",
    )
    theirs = proposition_create(
        actor=other,
        process=process,
        question=question,
        title="Open the procurement data",
        body="Every contract, with its amount.",
    )
    vote_cast(person=person, proposition=theirs, value="support")
    vote_cast(person=other, proposition=theirs, value="support")
    vote_cast(person=other, proposition=mine, value="support")
    comment = comment_create(author=person, proposition=theirs, body="Yes, and the amendments.")
    comment_create(author=other, proposition=mine, body="Agreed, line by line.")
    follow_create(user=person, target=process)
    Notification.objects.create(user=person, event="participation.phase_started", process=process)
    NotificationSettings.objects.create(user=person, digest="weekly")
    report_create(reporter=person, target=theirs, reason="off_topic", details="Wrong question.")
    consents_set(actor=person, person=person, choices={"newsletter": True})
    return World(person, other, process, mine, theirs, comment)


def database_text():
    """Every row of every table, as text: what a dump of the database would show."""
    with connection.cursor() as cursor:
        chunks = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)

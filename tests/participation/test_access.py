from datetime import timedelta

import pytest
import rules
from django.utils import timezone

from pnyx.orgs.models import Membership, MembershipStatus, Role
from pnyx.participation.models import Audience, PhaseKind, ProcessAccess, ProcessStatus
from pnyx.participation.selectors import access
from tests.participation.factories import (
    OrganisationFactory,
    PhaseFactory,
    ProcessFactory,
    PropositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_a_running_proposing_phase_opens_proposing_voting_and_commenting():
    process = ProcessFactory(phase=PhaseKind.PROPOSING)

    assert access.open_features(process=process) == {"propose", "vote", "comment"}


def test_a_voting_phase_opens_votes_and_comments_only():
    process = ProcessFactory(phase=PhaseKind.VOTING)

    assert access.open_features(process=process) == {"vote", "comment"}


def test_nothing_is_open_between_phases():
    process = ProcessFactory(phase=False)
    PhaseFactory(
        process=process,
        kind=PhaseKind.PROPOSING,
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=1),
    )

    assert access.open_features(process=process) == frozenset()


def test_a_confirmed_person_may_propose_and_vote_in_an_open_process():
    proposition = PropositionFactory()
    person = UserFactory()

    assert rules.has_perm("participation.add_proposition", person, proposition.process)
    assert rules.has_perm("participation.vote_proposition", person, proposition)


@pytest.mark.parametrize("status", [ProcessStatus.DRAFT, ProcessStatus.ARCHIVED])
def test_nobody_votes_in_a_draft_or_archived_process(status):
    proposition = PropositionFactory()
    proposition.process.status = status
    proposition.process.save()

    assert not rules.has_perm("participation.vote_proposition", UserFactory(), proposition)


def test_an_unconfirmed_person_or_a_visitor_may_not_vote():
    proposition = PropositionFactory()
    from django.contrib.auth.models import AnonymousUser

    assert not rules.has_perm(
        "participation.vote_proposition", UserFactory(confirmed=False), proposition
    )
    assert not rules.has_perm("participation.vote_proposition", AnonymousUser(), proposition)


def test_members_only_audience():
    organisation = OrganisationFactory()
    process = ProcessFactory(vote_audience=Audience.MEMBERS)
    process.member_organisations.add(organisation)
    proposition = PropositionFactory(question__process=process)
    member, outsider = UserFactory(), UserFactory()
    Membership.objects.create(
        organisation=organisation, user=member, role=Role.MEMBER, status=MembershipStatus.ACTIVE
    )

    assert rules.has_perm("participation.vote_proposition", member, proposition)
    assert not rules.has_perm("participation.vote_proposition", outsider, proposition)


def test_invited_audience_needs_the_link_to_have_been_opened():
    process = ProcessFactory(comment_audience=Audience.INVITED)
    proposition = PropositionFactory(question__process=process)
    guest, stranger = UserFactory(), UserFactory()
    ProcessAccess.objects.create(process=process, user=guest)

    assert rules.has_perm("participation.comment_proposition", guest, proposition)
    assert not rules.has_perm("participation.comment_proposition", stranger, proposition)

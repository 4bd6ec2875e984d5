import pytest

from pnyx.core import personal_data
from pnyx.orgs import personal_data as orgs_personal_data
from pnyx.orgs.models import Invitation, Membership, MembershipStatus, Organisation, Role
from tests.orgs.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_both_sources_are_registered():
    keys = [source.key for source in personal_data.sources()]

    assert "orgs.memberships" in keys
    assert "orgs.invitations" in keys


def test_export_lists_memberships_and_invitations_sent_without_addresses(organisation, admin_user):
    InvitationFactory(organisation=organisation, created_by=admin_user, email="x@example.org")
    MembershipFactory(user=admin_user, status=MembershipStatus.REQUESTED)

    exported = personal_data.export_all(admin_user)

    memberships = exported["orgs.memberships"]
    assert [(m["organisation"], m["role"], m["status"]) for m in memberships] == [
        ("Open Data Friends", "admin", "active"),
        (memberships[1]["organisation"], "member", "requested"),
    ]
    assert memberships[0]["registered_by_you"] is True
    [invitation] = exported["orgs.invitations"]
    assert invitation["organisation"] == "Open Data Friends"
    assert "x@example.org" not in str(exported)


def test_anonymising_deletes_memberships_and_keeps_organisations(organisation, admin_user):
    MembershipFactory(organisation=organisation, role=Role.ADMIN)
    request = MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
    InvitationFactory(organisation=organisation, created_by=admin_user)

    personal_data.anonymise_all(admin_user)

    organisation.refresh_from_db()
    assert organisation.created_by is None
    assert not Membership.objects.filter(user=admin_user).exists()
    assert Membership.objects.filter(pk=request.pk).exists()
    assert Invitation.objects.get().created_by is None


def test_an_organisation_left_without_an_admin_is_kept_as_it_is(organisation, admin_user):
    member = MembershipFactory(organisation=organisation)

    personal_data.anonymise_all(admin_user)

    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert list(Membership.objects.filter(organisation=organisation)) == [member]
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_anonymising_deletes_invitations_sent_to_the_person():
    person = UserFactory(email="bea@example.org")
    InvitationFactory(organisation=OrganisationFactory(), email="BEA@example.org")
    kept = InvitationFactory(organisation=OrganisationFactory(), email="other@example.org")

    # Called directly: in `anonymise_all` the accounts source (run first) rewrites the address.
    orgs_personal_data.anonymise_invitations(person)

    assert list(Invitation.objects.all()) == [kept]

"""Every organisation permission over every role (anonymous to platform administrator)."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from pnyx.orgs.models import MembershipStatus, Role
from tests.orgs.factories import (
    AdminFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "unconfirmed",
    "outsider",
    "requester",
    "member",
    "admin",
    "inactive_admin",
    "platform_admin",
]

# permission -> roles that hold it on the organisation
EXPECTED = {
    "orgs.view_organisation": set(ROLES),
    "orgs.add_organisation": {"outsider", "requester", "member", "admin", "platform_admin"},
    "orgs.request_membership": {"outsider", "requester", "member", "admin", "platform_admin"},
    "orgs.leave_organisation": {"requester", "member", "admin"},
    "orgs.change_organisation": {"admin", "platform_admin"},
    "orgs.invite_member": {"admin", "platform_admin"},
    "orgs.decide_membership": {"admin", "platform_admin"},
    "orgs.change_membership": {"admin", "platform_admin"},
}


def make_person(role, organisation):
    if role == "anonymous":
        return AnonymousUser()
    if role == "unconfirmed":
        return UserFactory(confirmed=False)
    if role == "platform_admin":
        return AdminFactory()
    person = UserFactory(is_active=role != "inactive_admin")
    if role == "requester":
        MembershipFactory(organisation=organisation, user=person, status=MembershipStatus.REQUESTED)
    elif role == "member":
        MembershipFactory(organisation=organisation, user=person)
    elif role in {"admin", "inactive_admin"}:
        MembershipFactory(organisation=organisation, user=person, role=Role.ADMIN)
    return person


@pytest.mark.parametrize("permission", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(permission, role):
    organisation = OrganisationFactory()
    person = make_person(role, organisation)
    target = None if permission == "orgs.add_organisation" else organisation

    allowed = rules.has_perm(permission, person, target)

    assert allowed is (role in EXPECTED[permission])


def test_admin_rights_do_not_reach_another_organisation():
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    admin = MembershipFactory(organisation=mine, role=Role.ADMIN).user

    assert rules.has_perm("orgs.change_membership", admin, mine) is True
    assert rules.has_perm("orgs.change_membership", admin, theirs) is False
    assert rules.has_perm("orgs.change_organisation", admin, theirs) is False


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("invitee", True),
        ("invitee_other_case", True),
        ("unconfirmed_invitee", False),
        ("someone_else", False),
        ("platform_admin", False),
        ("anonymous", False),
    ],
)
def test_only_the_confirmed_invited_address_may_accept(who, allowed):
    invitation = InvitationFactory(email="invitee@example.org")
    person = {
        "invitee": lambda: UserFactory(email="invitee@example.org"),
        "invitee_other_case": lambda: UserFactory(email="INVITEE@example.org"),
        "unconfirmed_invitee": lambda: UserFactory(email="invitee@example.org", confirmed=False),
        "someone_else": lambda: UserFactory(email="other@example.org"),
        "platform_admin": lambda: AdminFactory(email="admin@example.org"),
        "anonymous": AnonymousUser,
    }[who]()

    assert rules.has_perm("orgs.accept_invitation", person, invitation) is allowed

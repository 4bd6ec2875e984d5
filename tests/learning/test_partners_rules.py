"""Who may do what with partners: each permission over the roles that matter and the
partner's state."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from pnyx.learning.models import PartnerStatus
from tests.accounts.factories import AdminFactory
from tests.learning.factories import (
    CommitteeMemberFactory,
    OrganisationFactory,
    PartnerFactory,
    UserFactory,
    add_org_admin,
)

pytestmark = pytest.mark.django_db

PARTNER_PERMISSIONS = (
    "learning.change_committee",
    "learning.change_rubric",
    "learning.plan_visit",
)


def _people(partner):
    return {
        "anonymous": AnonymousUser(),
        "stranger": UserFactory(),
        "platform admin": AdminFactory(),
        "org admin": add_org_admin(partner.organisation),
        "chair": CommitteeMemberFactory(partner=partner, role="chair").person,
        "secretary": CommitteeMemberFactory(partner=partner, role="secretary").person,
        "member": CommitteeMemberFactory(partner=partner, role="member").person,
    }


EXPECTED = {
    # role: (change_committee, change_rubric, plan_visit) on an approved partner
    "anonymous": (False, False, False),
    "stranger": (False, False, False),
    "platform admin": (False, False, False),
    "org admin": (True, True, True),
    "chair": (True, True, True),
    "secretary": (False, False, True),
    "member": (False, False, False),
}


@pytest.mark.parametrize("status", [PartnerStatus.APPROVED, PartnerStatus.PENDING])
def test_managing_a_partner(status):
    partner = PartnerFactory(status=status)
    for role, person in _people(partner).items():
        granted = tuple(rules.has_perm(name, person, partner) for name in PARTNER_PERMISSIONS)
        expected = EXPECTED[role] if status == PartnerStatus.APPROVED else (False, False, False)
        assert granted == expected, role


def test_applying_and_deciding():
    school = OrganisationFactory(kind="school")
    admin = add_org_admin(school)
    unconfirmed = add_org_admin(school, UserFactory(confirmed=False))
    platform_admin = AdminFactory()
    assert rules.has_perm("learning.apply_partner", admin, school)
    assert not rules.has_perm("learning.apply_partner", unconfirmed, school)
    assert not rules.has_perm("learning.apply_partner", UserFactory(), school)
    assert not rules.has_perm("learning.apply_partner", platform_admin, school)
    assert rules.has_perm("learning.decide_partner", platform_admin)
    assert not rules.has_perm("learning.decide_partner", admin)
    assert not rules.has_perm("learning.decide_partner", AnonymousUser())


def test_leaving_is_for_the_seat_holder():
    seat = CommitteeMemberFactory()
    assert rules.has_perm("learning.leave_committee", seat.person, seat)
    assert not rules.has_perm("learning.leave_committee", UserFactory(), seat)

"""Who may do what with credit applications: each permission over roles (learner, member, chair,
chair in conflict, stranger, anonymous) and the application's status."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pnyx.learning.models import ApplicationStatus, ConflictDeclaration
from tests.learning.factories import (
    CreditApplicationFactory,
    PartnerFactory,
    UserFactory,
    add_committee_member,
    add_rubric,
)

pytestmark = pytest.mark.django_db

ACTS = (
    "learning.view_credit_application",
    "learning.withdraw_credit_application",
    "learning.declare_conflict",
    "learning.review_credit_application",
    "learning.decide_credit_application",
)
WAITING = {
    "learner": {"learning.view_credit_application", "learning.withdraw_credit_application"},
    "member": {
        "learning.view_credit_application",
        "learning.declare_conflict",
        "learning.review_credit_application",
    },
    "chair": {
        "learning.view_credit_application",
        "learning.declare_conflict",
        "learning.review_credit_application",
        "learning.decide_credit_application",
    },
    "conflicted chair": {"learning.view_credit_application"},
    "stranger": set(),
    "anonymous": set(),
}


def people(application):
    conflicted = add_committee_member(application.partner, role="chair")
    ConflictDeclaration.objects.create(application=application, member=conflicted, reason="Kin")
    return {
        "learner": application.learner,
        "member": add_committee_member(application.partner),
        "chair": add_committee_member(application.partner, role="chair"),
        "conflicted chair": conflicted,
        "stranger": UserFactory(),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("status", [s for s, _label in ApplicationStatus.choices])
def test_application_permissions_by_role_and_status(status):
    application = CreditApplicationFactory(status=status)
    for role, person in people(application).items():
        granted = {act for act in ACTS if person.has_perm(act, application)}
        if status == ApplicationStatus.SUBMITTED:
            expected = WAITING[role]
        else:
            expected = WAITING[role] & {"learning.view_credit_application"}
        assert granted == expected, (role, status)


def test_applying_needs_an_approved_partner_with_a_rubric_and_a_confirmed_address():
    ready, bare = PartnerFactory(), PartnerFactory()
    add_rubric(ready)
    confirmed, unconfirmed = UserFactory(), UserFactory(confirmed=False)
    assert confirmed.has_perm("learning.apply_for_credits", ready)
    assert not confirmed.has_perm("learning.apply_for_credits", bare)
    assert not unconfirmed.has_perm("learning.apply_for_credits", ready)
    assert not AnonymousUser().has_perm("learning.apply_for_credits", ready)


def test_the_committee_list_is_for_the_partners_committee():
    partner = PartnerFactory()
    member = add_committee_member(partner)
    assert member.has_perm("learning.view_partner_applications", partner)
    assert not member.has_perm("learning.view_partner_applications", PartnerFactory())
    assert not UserFactory().has_perm("learning.view_partner_applications", partner)

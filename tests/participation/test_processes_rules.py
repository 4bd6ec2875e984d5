"""Who may create a consultation for an organisation, change one, or join one by invitation."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from pnyx.participation.models import ProcessStatus
from tests.orgs.factories import AdminFactory, MembershipFactory
from tests.participation.factories import ProcessFactory, UserFactory

pytestmark = pytest.mark.django_db


def person_in(organisation, role):
    """A person holding `role` towards the organisation."""
    if role == "visitor":
        return AnonymousUser()
    if role == "platform_admin":
        return AdminFactory()
    if role == "stranger":
        return UserFactory()
    if role == "inactive_admin":
        user = UserFactory(is_active=False)
        MembershipFactory(organisation=organisation, user=user, role="admin")
        return user
    if role == "requested_admin":
        user = UserFactory()
        MembershipFactory(organisation=organisation, user=user, role="admin", status="requested")
        return user
    return MembershipFactory(organisation=organisation, role=role).user


ROLES = [
    ("visitor", False),
    ("stranger", False),
    ("member", False),
    ("requested_admin", False),
    ("inactive_admin", False),
    ("admin", True),
    ("platform_admin", True),
]


@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_add_process_on_the_organisation(role, allowed):
    process = ProcessFactory()
    person = person_in(process.organisation, role)

    assert rules.has_perm("participation.add_process", person, process.organisation) is allowed


@pytest.mark.parametrize("status", [ProcessStatus.DRAFT, ProcessStatus.PUBLISHED, "archived"])
@pytest.mark.parametrize(("role", "allowed"), ROLES)
def test_change_process_in_every_state(role, allowed, status):
    process = ProcessFactory(status=status)
    person = person_in(process.organisation, role)

    assert rules.has_perm("participation.change_process", person, process) is allowed


def test_an_admin_of_another_organisation_may_not_change_the_process():
    process = ProcessFactory()
    other_admin = MembershipFactory(role="admin").user

    assert not rules.has_perm("participation.change_process", other_admin, process)
    assert not rules.has_perm("participation.add_process", other_admin, process.organisation)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(ProcessStatus.DRAFT, False), (ProcessStatus.PUBLISHED, True), ("archived", True)],
)
def test_join_process_needs_a_visible_process_and_a_signed_in_person(status, allowed):
    process = ProcessFactory(status=status)

    assert rules.has_perm("participation.join_process", UserFactory(), process) is allowed
    assert not rules.has_perm("participation.join_process", AnonymousUser(), process)

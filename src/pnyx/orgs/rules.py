"""Who may do what with organisations, memberships and invitations.

Object-level permissions take the organisation as their object, except `orgs.accept_invitation`,
which takes the invitation. Platform administrators may manage any organisation, so an
organisation left without an administrator (see `personal_data`) can always be looked after.
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.orgs import selectors
from pnyx.orgs.models import Role


@rules.predicate
def is_active_person(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_org_admin(user: Any, organisation: Any) -> bool:
    """An active administrator of the organisation."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.role_of(user=user, organisation=organisation) == Role.ADMIN


@rules.predicate
def is_org_member(user: Any, organisation: Any) -> bool:
    """An active member of the organisation, whatever their role."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.role_of(user=user, organisation=organisation) is not None


@rules.predicate
def has_membership(user: Any, organisation: Any) -> bool:
    """The person is a member of the organisation or asked to join it."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.membership_of(user=user, organisation=organisation) is not None


@rules.predicate
def is_invitee(user: Any, invitation: Any) -> bool:
    """The person confirmed the very address the invitation was sent to."""
    if invitation is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.has_verified_address(user=user, email=invitation.email)


can_manage = is_active_person & (is_org_admin | is_platform_admin)

rules.add_perm("orgs.view_organisation", rules.always_allow)
rules.add_perm("orgs.add_organisation", is_active_person & has_confirmed_email)
rules.add_perm("orgs.change_organisation", can_manage)
rules.add_perm("orgs.request_membership", is_active_person & has_confirmed_email)
rules.add_perm("orgs.leave_organisation", is_active_person & has_membership)
rules.add_perm("orgs.invite_member", can_manage)
rules.add_perm("orgs.decide_membership", can_manage)
rules.add_perm("orgs.change_membership", can_manage)
rules.add_perm("orgs.accept_invitation", is_active_person & is_invitee)

__all__ = [
    "has_confirmed_email",
    "has_membership",
    "is_invitee",
    "is_org_admin",
    "is_org_member",
    "is_platform_admin",
]

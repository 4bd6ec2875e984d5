"""Who may do what with learning partners, their committees, rubrics and committee visits.

An administrator of an organisation applies for it to become a partner; platform administrators
decide. Once a partner is approved, its organisation's administrators and its committee chair
manage the committee and the rubric; they and the committee secretary plan the visits.
Permissions take the partner as their object, except `learning.apply_partner` (the
organisation).
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.learning.models import CommitteeRole, PartnerStatus
from pnyx.learning.selectors import partners as selectors
from pnyx.orgs.rules import is_active_person, is_org_admin


@rules.predicate
def is_approved_partner(user: Any, partner: Any) -> bool:
    return partner is not None and partner.status == PartnerStatus.APPROVED


@rules.predicate
def is_partner_org_admin(user: Any, partner: Any) -> bool:
    """An active administrator of the partner's organisation."""
    return partner is not None and bool(is_org_admin(user, partner.organisation))


def _has_role(user: Any, partner: Any, roles: tuple[str, ...]) -> bool:
    if partner is None or not getattr(user, "is_authenticated", False):
        return False
    return selectors.committee_role_of(user=user, partner=partner) in roles


@rules.predicate
def is_committee_member(user: Any, partner: Any) -> bool:
    """On the partner's committee, whatever the role."""
    return _has_role(user, partner, tuple(CommitteeRole.values))


@rules.predicate
def is_committee_chair(user: Any, partner: Any) -> bool:
    return _has_role(user, partner, (CommitteeRole.CHAIR,))


@rules.predicate
def is_committee_chair_or_secretary(user: Any, partner: Any) -> bool:
    return _has_role(user, partner, (CommitteeRole.CHAIR, CommitteeRole.SECRETARY))


@rules.predicate
def is_own_seat(user: Any, member: Any) -> bool:
    """The committee seat is the person's own (they may leave it)."""
    return member is not None and member.person_id == getattr(user, "pk", None)


can_manage_committee = (
    is_active_person & is_approved_partner & (is_partner_org_admin | is_committee_chair)
)

rules.add_perm("learning.apply_partner", is_active_person & has_confirmed_email & is_org_admin)
rules.add_perm("learning.decide_partner", is_active_person & is_platform_admin)
rules.add_perm("learning.change_committee", can_manage_committee)
rules.add_perm("learning.leave_committee", is_active_person & is_own_seat)
rules.add_perm("learning.change_rubric", can_manage_committee)
rules.add_perm(
    "learning.plan_visit",
    is_active_person
    & is_approved_partner
    & (is_partner_org_admin | is_committee_chair_or_secretary),
)

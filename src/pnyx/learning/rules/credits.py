"""Who may do what with credit applications.

A learner with a confirmed address applies to an approved partner that published a rubric, sees
their own applications and withdraws one still waiting. The partner's committee sees the
applications sent to it. A member declares a conflict of interest on an application, which sets
them aside from it; a member not set aside reviews a waiting application, and a chair not set
aside decides it. Nobody judges their own application.
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.learning.models import ApplicationStatus, CommitteeRole, CreditApplication
from pnyx.learning.selectors import credits as selectors
from pnyx.orgs.rules import is_active_person


def _partner_id(target: Any) -> int | None:
    if isinstance(target, CreditApplication):
        return target.partner_id
    return getattr(target, "pk", None)


@rules.predicate
def is_accepting_applications(user: Any, partner: Any) -> bool:
    """An approved partner with a published rubric."""
    return partner is not None and selectors.partner_accepts_applications(partner=partner)


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    """The application is the person's own."""
    return application is not None and application.learner_id == getattr(user, "pk", None)


@rules.predicate
def is_committee_member(user: Any, target: Any) -> bool:
    """The person sits on the committee of the partner (or of the application's partner)."""
    role = selectors.committee_role(user=user, partner_id=_partner_id(target))
    return role is not None


@rules.predicate
def is_committee_chair(user: Any, target: Any) -> bool:
    """The person chairs the committee of the partner (or of the application's partner)."""
    role = selectors.committee_role(user=user, partner_id=_partner_id(target))
    return role == CommitteeRole.CHAIR


@rules.predicate
def has_declared_conflict(user: Any, application: Any) -> bool:
    """The person declared a conflict of interest on the application."""
    return application is not None and selectors.has_declared_conflict(
        user=user, application=application
    )


@rules.predicate
def is_waiting(user: Any, application: Any) -> bool:
    """The application waits for a decision."""
    return application is not None and application.status == ApplicationStatus.SUBMITTED


judge = is_active_person & ~is_applicant & ~has_declared_conflict & is_waiting

rules.add_perm(
    "learning.apply_for_credits",
    is_active_person & has_confirmed_email & is_accepting_applications,
)
rules.add_perm(
    "learning.view_credit_application", is_active_person & (is_applicant | is_committee_member)
)
rules.add_perm("learning.withdraw_credit_application", is_active_person & is_applicant & is_waiting)
rules.add_perm("learning.view_partner_applications", is_active_person & is_committee_member)
rules.add_perm("learning.declare_conflict", judge & is_committee_member)
rules.add_perm("learning.review_credit_application", judge & is_committee_member)
rules.add_perm("learning.decide_credit_application", judge & is_committee_chair)

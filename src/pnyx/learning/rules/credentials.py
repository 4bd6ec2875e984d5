"""Who may do what with credentials.

- `learning.view_credential` (a credential): its learner; others never see it on this site (the
  learner shares the file itself).
- `learning.issue_course_credential` (an enrolment): its learner.
- `learning.view_partner_credentials` (a partner) and `learning.revoke_credential` (a
  credential): the chair of the partner's committee or an administrator of its organisation.
"""

from typing import Any

import rules

from pnyx.learning.selectors.credentials import is_committee_chair
from pnyx.orgs.rules import is_active_person, is_org_admin


@rules.predicate
def is_credential_learner(user: Any, credential: Any) -> bool:
    return credential is not None and credential.learner_id == getattr(user, "pk", None)


@rules.predicate
def is_enrolment_learner(user: Any, enrolment: Any) -> bool:
    return enrolment is not None and enrolment.learner_id == getattr(user, "pk", None)


@rules.predicate
def is_partner_issuer_manager(user: Any, partner: Any) -> bool:
    """The chair of the partner's committee or an administrator of the partner's organisation."""
    if partner is None:
        return False
    return is_committee_chair(person=user, partner=partner) or is_org_admin(
        user, partner.organisation
    )


@rules.predicate
def is_credential_issuer_manager(user: Any, credential: Any) -> bool:
    return credential is not None and is_partner_issuer_manager(user, credential.partner)


rules.add_perm("learning.view_credential", is_active_person & is_credential_learner)
rules.add_perm("learning.issue_course_credential", is_active_person & is_enrolment_learner)
rules.add_perm("learning.view_partner_credentials", is_active_person & is_partner_issuer_manager)
rules.add_perm("learning.revoke_credential", is_active_person & is_credential_issuer_manager)

"""Partner applications: a school or university applies, platform administrators decide.

Applying needs `learning.apply_partner` on the organisation (an administrator with a confirmed
address); only schools and universities may apply, once (a rejected one may apply again).
Deciding needs `learning.decide_partner` (a platform administrator); the decision is audited and
the applicant notified, and on approval the applicant becomes the committee's first chair.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.learning.models import CommitteeMember, CommitteeRole, Partner, PartnerStatus
from pnyx.learning.selectors import partners as selectors
from pnyx.learning.services.partners_checks import required_text
from pnyx.orgs.models import Organisation
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people

STATEMENT_MAX_LENGTH = 5000
CREDIT_UNIT_MAX_LENGTH = 20
REASON_MAX_LENGTH = 2000


def notify_after_commit(
    *, event: str, people: Iterable[int], actor: Any, data: dict[str, Any]
) -> None:
    """Notify the people once the transaction commits, so a refusal notifies nobody."""
    recipients = list(people)
    transaction.on_commit(
        lambda: notify_people(event=event, people=recipients, actor=actor, data=data)
    )


def _check_kind(organisation: Organisation) -> None:
    if organisation.kind not in selectors.PARTNER_KINDS:
        message = _(
            "Only schools and universities can become learning partners; %(name)s is registered "
            "as “%(kind)s”."
        ) % {"name": organisation.name, "kind": organisation.get_kind_display()}
        raise ValidationError(message, code="kind")


def _reapply(partner: Partner, actor: Any, fields: dict[str, str]) -> Partner:
    if partner.status == PartnerStatus.PENDING:
        message = _("%(name)s already applied; the application waits for a decision.")
        raise ValidationError(message % {"name": partner.organisation.name}, code="pending")
    if partner.status == PartnerStatus.APPROVED:
        message = _("%(name)s is already a learning partner.")
        raise ValidationError(message % {"name": partner.organisation.name}, code="approved")
    partner.statement, partner.credit_unit = fields["statement"], fields["credit_unit"]
    partner.status, partner.applied_by = PartnerStatus.PENDING, actor
    partner.decided_by, partner.decided_at, partner.decision_note = None, None, ""
    partner.save()
    return partner


def partner_apply(
    *, actor: Any, organisation: Organisation, statement: str, credit_unit: str
) -> Partner:
    """Apply for the organisation to become a learning partner, or apply again after a
    rejection; platform administrators are notified. Needs `learning.apply_partner` on the
    organisation; ValidationError for another kind of organisation or a second application."""
    require(actor, "learning.apply_partner", organisation)
    _check_kind(organisation)
    fields = {
        "statement": required_text("statement", statement, STATEMENT_MAX_LENGTH),
        "credit_unit": required_text("credit_unit", credit_unit, CREDIT_UNIT_MAX_LENGTH),
    }
    try:
        with transaction.atomic():
            existing = Partner.objects.select_for_update(of=("self",)).filter(
                organisation=organisation
            )
            partner = existing.select_related("organisation").first()
            if partner is not None:
                partner = _reapply(partner, actor, fields)
            else:
                partner = Partner.objects.create(
                    organisation=organisation, applied_by=actor, **fields
                )
            notify_after_commit(
                event="learning.partner_applied",
                people=selectors.platform_admin_ids(),
                actor=actor,
                data={"name": organisation.name, "path": reverse("learning:partner-applications")},
            )
    except IntegrityError:  # another administrator applied for it a moment ago
        message = _("%(name)s already applied; the application waits for a decision.")
        raise ValidationError(message % {"name": organisation.name}, code="pending") from None
    return partner


def partner_decide(*, actor: Any, partner: Partner, approve: bool, reason: str = "") -> Partner:
    """Approve or reject a pending application; a rejection needs a reason. On approval the
    applicant becomes the committee's chair. Audited (`learning.partner_approved` or
    `learning.partner_rejected`, with the reason); the applicant is notified. Needs
    `learning.decide_partner`."""
    require(actor, "learning.decide_partner", partner)
    reason = (reason or "").strip()
    if not approve and not reason:
        message = _("Say why the application is not accepted.")
        raise ValidationError({"reason": message}, code="required")
    if len(reason) > REASON_MAX_LENGTH:
        message = _("At most %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}
        raise ValidationError({"reason": message}, code="too_long")
    with transaction.atomic():
        locked = (
            Partner.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=partner.pk)
        )
        if locked.status != PartnerStatus.PENDING:
            raise ValidationError(_("This application was already decided."), code="decided")
        locked.status = PartnerStatus.APPROVED if approve else PartnerStatus.REJECTED
        locked.decided_by, locked.decided_at, locked.decision_note = actor, timezone.now(), reason
        locked.save()
        if approve and locked.applied_by_id is not None:
            CommitteeMember.objects.get_or_create(
                partner=locked,
                person_id=locked.applied_by_id,
                defaults={"role": CommitteeRole.CHAIR},
            )
        audit.record(
            action=f"learning.partner_{locked.status}",
            actor=actor,
            target=locked,
            data={"organisation": locked.organisation.slug, "reason": reason},
        )
        _notify_decision(locked, actor)
    return locked


def _notify_decision(partner: Partner, actor: Any) -> None:
    if partner.applied_by_id is None:
        return
    path = (
        partner.get_absolute_url()
        if partner.status == PartnerStatus.APPROVED
        else reverse("learning:partner-apply")
    )
    notify_after_commit(
        event=f"learning.partner_{partner.status}",
        people=[partner.applied_by_id],
        actor=actor,
        data={"name": partner.organisation.name, "path": path},
    )


def register_partner_actions() -> None:
    """Label the audit actions and word the notifications of the partner area (called from
    the app's `ready`)."""
    labels = {
        "learning.partner_approved": gettext_lazy("Learning partner approved"),
        "learning.partner_rejected": gettext_lazy("Learning partner application rejected"),
        "learning.committee_member_added": gettext_lazy("Committee member added"),
        "learning.committee_role_changed": gettext_lazy("Committee role changed"),
        "learning.committee_member_removed": gettext_lazy("Committee member removed"),
        "learning.rubric_changed": gettext_lazy("Rubric changed"),
        "learning.visit_planned": gettext_lazy("Committee visit planned"),
        "learning.visit_changed": gettext_lazy("Committee visit changed"),
        "learning.visit_reported": gettext_lazy("Committee visit report written"),
    }
    for action, label in labels.items():
        audit.register_action(action, label)
    _register_messages()


def _register_messages() -> None:
    register_message(
        "learning.partner_applied",
        lambda n: (
            _("%(name)s applied to become a learning partner.") % {"name": n.data.get("name", "")}
        ),
    )
    register_message(
        "learning.partner_approved",
        lambda n: _("%(name)s is now a learning partner.") % {"name": n.data.get("name", "")},
    )
    register_message(
        "learning.partner_rejected",
        lambda n: (
            _("The application of %(name)s to become a learning partner was not accepted.")
            % {"name": n.data.get("name", "")}
        ),
    )
    register_message(
        "learning.committee_joined",
        lambda n: (
            _("You were added to the committee of %(name)s as %(role)s.")
            % {"name": n.data.get("name", ""), "role": _role_label(n.data.get("role", ""))}
        ),
    )
    register_message(
        "learning.visit_planned",
        lambda n: (
            _("A committee visit to %(name)s is planned from %(date)s.")
            % {"name": n.data.get("name", ""), "date": n.data.get("date", "")}
        ),
    )


def _role_label(role: str) -> str:
    labels = dict(CommitteeRole.choices)
    return str(labels.get(role, role)).lower()

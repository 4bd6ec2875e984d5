"""Issuing and revoking credentials: Open Badges 3.0 documents signed by the partner.

- `application_credential_issue`: called by the credit decision, inside its transaction, when
  credits are granted (that service checked who decides).
- `course_credential_issue`: the learner asks for the credential of a course they completed;
  needs `learning.issue_course_credential` on the enrolment.
- `credential_revoke`: needs `learning.revoke_credential` (the partner's committee chair or an
  administrator of its organisation); sets the credential's bit in the partner's revocation list,
  writes the audit entry `learning.credential_revoked` and notifies the learner.

Each credential takes the next free place of its partner's revocation list; the list's row is
locked while the place is taken, so two credentials issued at once never share one.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.learning import credentials as vc
from pnyx.learning.models import (
    ApplicationStatus,
    Course,
    Credential,
    CredentialKind,
    CreditApplication,
    EngagementEntry,
    Enrolment,
    Partner,
    PartnerStatus,
    StatusList,
)
from pnyx.learning.services.credentials_issuers import (
    issuer_ensure,
    issuer_profile,
    issuer_sign,
    site_url,
    status_list_url,
)
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people

REASON_MAX_LENGTH = 2000


def credits_text(value: Decimal) -> str:
    """Return credits as people write them: 5, 2.5 (never 5.00 or 1E+1)."""
    return format(value.normalize(), "f")


def _allocate_index(partner: Partner) -> int:
    """Return the partner's next free revocation-list place, taken under a row lock."""
    status = StatusList.objects.select_for_update().get(partner=partner)
    if status.next_index >= len(status.bits) * 8:
        raise ValidationError(
            _("The revocation list of %(partner)s is full: no more credentials can be issued.")
            % {"partner": partner},
            code="status_list_full",
        )
    index = status.next_index
    status.next_index = index + 1
    # Only the counter changes: the published list (dated by `updated_at`) stays the same.
    status.save(update_fields=["next_index"])
    return index


def _issue(
    *,
    kind: str,
    partner: Partner,
    learner: Any,
    achievement: vc.Achievement,
    evidence: list[vc.Evidence],
    links: dict[str, Any],
) -> Credential:
    """Sign and store a credential for the learner; must run inside a transaction."""
    key = issuer_ensure(partner=partner)
    index = _allocate_index(partner)
    public_id = uuid.uuid4()
    now = timezone.now()
    data = vc.BadgeData(
        credential_id=f"urn:uuid:{public_id}",
        issuer=issuer_profile(partner),
        achievement=achievement,
        valid_from=now,
        learner_email=learner.email,
        email_salt=vc.new_salt(),
        evidence=evidence,
        credential_status=vc.status_entry(list_url=status_list_url(partner), index=index),
    )
    document = issuer_sign(
        partner=partner, key=key, document=vc.build_open_badge(data), created=now
    )
    return Credential.objects.create(
        public_id=public_id,
        kind=kind,
        learner=learner,
        partner=partner,
        name=achievement.name[:300],
        document=document,
        status_index=index,
        **links,
    )


def _rubric_summary(partner: Partner) -> str:
    lines = [
        _("Reviewed by the committee of %(partner)s against its published rubric:")
        % {"partner": partner}
    ]
    lines += [f"- {c.name}: {c.description}" for c in partner.rubric.all()]
    if len(lines) == 1:
        return _("Reviewed by the committee of %(partner)s.") % {"partner": partner}
    return "\n".join(lines)


def _entry_narrative(entry: EngagementEntry) -> str:
    """Return an engagement entry in words: where, when, how long, what. No files, no referee."""
    facts = []
    organisation = entry.organisation.name if entry.organisation else entry.organisation_name
    if organisation:
        facts.append(_("With %(organisation)s.") % {"organisation": organisation})
    if entry.ended_on and entry.ended_on != entry.started_on:
        dates = {"start": entry.started_on.isoformat(), "end": entry.ended_on.isoformat()}
        facts.append(_("From %(start)s to %(end)s.") % dates)
    else:
        facts.append(_("On %(date)s.") % {"date": entry.started_on.isoformat()})
    if entry.hours is not None:
        facts.append(_("%(hours)s hours.") % {"hours": credits_text(entry.hours)})
    if entry.description:
        facts.append(entry.description)
    return " ".join(facts)


def _credits_achievement(partner: Partner, credits: Decimal) -> vc.Achievement:
    """Return the achievement of credits granted by the partner for civic engagement."""
    name = _("%(credits)s %(unit)s credits for civic engagement") % {
        "credits": credits_text(credits),
        "unit": partner.credit_unit,
    }
    description = _(
        "Civic engagement that %(partner)s recognises as learning, after its committee "
        "reviewed the learner's record and account of it."
    ) % {"partner": partner}
    return vc.Achievement(
        id=site_url(f"/learning/partners/{partner.organisation.slug}/#credits"),
        name=name,
        description=description,
        criteria=_rubric_summary(partner),
        achievement_type="Competency",
        credits_available=credits,
    )


def _course_achievement(course: Course) -> vc.Achievement:
    """Return the achievement of a completed course, with its credits when it has some."""
    return vc.Achievement(
        id=site_url(f"/learning/courses/{course.slug}/"),
        name=course.title,
        description=course.summary,
        criteria=_("Completed every lesson and exercise of the course “%(course)s”.")
        % {"course": course.title},
        achievement_type="Course",
        credits_available=course.credits,
    )


def application_credential_issue(*, application: CreditApplication) -> Credential:
    """Issue and store the credential of granted credits; return it (the existing one if the
    application already has one).

    Called by the credit decision inside its transaction, which checked the permission. Raises
    ValidationError unless the application is granted with a number of credits.
    """
    if application.status != ApplicationStatus.GRANTED or not application.credits_granted:
        raise ValidationError(
            _("Only an application whose credits were granted gets a credential."),
            code="not_granted",
        )
    existing = Credential.objects.filter(application=application).first()
    if existing is not None:
        return existing
    partner = Partner.objects.select_related("organisation").get(pk=application.partner_id)
    entries = application.entries.select_related("organisation").order_by("started_on", "pk")
    evidence = [vc.Evidence(name=e.activity, narrative=_entry_narrative(e)) for e in entries]
    with transaction.atomic():
        return _issue(
            kind=CredentialKind.CREDITS,
            partner=partner,
            learner=application.learner,
            achievement=_credits_achievement(partner, application.credits_granted),
            evidence=evidence,
            links={"application": application},
        )


def course_credential_issue(*, actor: Any, enrolment: Enrolment) -> Credential:
    """Issue the credential of a completed course to its learner and return it; a second call
    returns the same credential. Needs `learning.issue_course_credential` on the enrolment (the
    learner themself). Refused (ValidationError) before completion, for a course without a
    partner, or when the partner is not approved."""
    require(actor, "learning.issue_course_credential", enrolment)
    with transaction.atomic():
        # Locking the enrolment makes two simultaneous requests issue one credential.
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("course__partner__organisation", "learner")
            .get(pk=enrolment.pk)
        )
        existing = Credential.objects.filter(enrolment=enrolment).first()
        if existing is not None:
            return existing
        course, partner = enrolment.course, enrolment.course.partner
        if enrolment.completed_at is None:
            raise ValidationError(_("Complete the course first."), code="not_completed")
        if partner is None or partner.status != PartnerStatus.APPROVED:
            raise ValidationError(
                _("This course is not given by a partner, so it has no credential."),
                code="no_partner",
            )
        return _issue(
            kind=CredentialKind.COURSE,
            partner=partner,
            learner=enrolment.learner,
            achievement=_course_achievement(course),
            evidence=[],
            links={"enrolment": enrolment},
        )


def status_bits_set(*, partner_id: int, indexes: list[int]) -> None:
    """Set these bits of the partner's revocation list (re-dating, so re-signing, the published
    list). Must run inside a transaction; the list's row is locked. No permission check: the
    callers (revocation, erasure of personal data) check their own."""
    status = StatusList.objects.select_for_update().get(partner_id=partner_id)
    bits = bytearray(status.bits)
    for index in indexes:
        vc.set_bit(bits, index)
    status.bits = bytes(bits)
    status.save(update_fields=["bits", "updated_at"])


def _reason(text: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the credential is revoked.")}, code="required")
    if len(reason) > REASON_MAX_LENGTH:
        message = _("At most %(limit)s characters.") % {"limit": REASON_MAX_LENGTH}
        raise ValidationError({"reason": message}, code="too_long")
    return reason


def credential_revoke(*, actor: Any, credential: Credential, reason: str) -> Credential:
    """Revoke a credential: set its bit in the partner's list (re-signing the published list),
    record the reason, write the audit entry `learning.credential_revoked` and notify the
    learner after commit. Needs `learning.revoke_credential`; a revoked credential is refused
    (ValidationError)."""
    require(actor, "learning.revoke_credential", credential)
    reason = _reason(reason)
    with transaction.atomic():
        credential = Credential.objects.select_for_update().get(pk=credential.pk)
        if credential.revoked_at is not None:
            raise ValidationError(
                _("This credential was already revoked on %(date)s.")
                % {"date": credential.revoked_at.date().isoformat()},
                code="already_revoked",
            )
        status_bits_set(partner_id=credential.partner_id, indexes=[credential.status_index])
        credential.revoked_at = timezone.now()
        credential.revoked_reason = reason
        credential.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
        audit.record(
            action="learning.credential_revoked",
            actor=actor,
            target=credential,
            data={"credential": str(credential.public_id), "partner": credential.partner_id},
        )
        data = {"path": credential.get_absolute_url(), "name": credential.name}
        learner_id = credential.learner_id
        transaction.on_commit(
            lambda: notify_people(
                event="learning.credential_revoked", people=[learner_id], actor=actor, data=data
            )
        )
    return credential


def register_credential_actions() -> None:
    """Name the audit action and word the learner's notification (from the app's `ready`)."""
    audit.register_action("learning.credential_revoked", gettext_lazy("Credential revoked"))
    register_message(
        "learning.credential_revoked",
        lambda n: (
            _("Your credential “%(name)s” was revoked by its issuer.")
            % {"name": n.data.get("name", "")}
        ),
    )

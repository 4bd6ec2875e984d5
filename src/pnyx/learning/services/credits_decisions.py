"""The committee's decision on a credit application, and how its acts are worded.

Deciding needs `learning.decide_credit_application`: a chair of the partner's committee who is
not the learner and declared no conflict of interest, on a waiting application with at least
one review. Granting gives a number of credits above 0 and at most those asked, and issues the
learner's credential in the same transaction; refusing needs reasons. The decision goes to the
public audit log (`learning.credits_granted` / `learning.credits_refused`, with the learner's
id, the partner and the credits) and the learner is notified on the site and by e-mail.
"""

from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.core import audit, personal_data
from pnyx.core.permissions import require
from pnyx.learning.models import ApplicationReview, ApplicationStatus, CreditApplication
from pnyx.learning.services import credits_personal_data
from pnyx.learning.services.credentials import application_credential_issue, credits_text
from pnyx.learning.services.credits import COMMENT_MAX_LENGTH, checked_credits, checked_text
from pnyx.participation.selectors.notifications import register_message
from pnyx.participation.services.notifications import notify_people, site_url

GRANTED = "learning.credits_granted"
REFUSED = "learning.credits_refused"
#: Where committee members are shown a learner's non-public entries and evidence.
CREDIT_COMMITTEE = personal_data.AccessReason(
    key="learning.credit_committee",
    label=gettext_lazy("Reviewing a credit application: the entries and evidence attached to it"),
    role=gettext_lazy("Member of the partner's credit committee"),
)


def _checked_decision(
    application: CreditApplication, grant: bool, credits: Any, reasons: str
) -> tuple[Any, str]:
    """The credits (None on a refusal) and the reasons, or ValidationError."""
    if grant:
        given = checked_credits("credits", credits, application.credits_requested)
        return given, checked_text("reasons", reasons, COMMENT_MAX_LENGTH)
    if credits not in (None, ""):
        message = _("Leave the credits empty when refusing.")
        raise ValidationError({"credits": message}, code="credits_on_refusal")
    message = _("Give the reasons for the refusal.")
    if not (reasons or "").strip():
        raise ValidationError({"reasons": message}, code="required")
    return None, checked_text("reasons", reasons, COMMENT_MAX_LENGTH, least=1)


def _language_of(person: Any) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    for code in getattr(person, "languages", None) or []:
        if code in known:
            return str(code)
    return str(settings.LANGUAGE_CODE)


def _send_decision(*, application_pk: int) -> None:
    """E-mail the learner the decision; runs after commit."""
    application = CreditApplication.objects.select_related("learner", "partner__organisation").get(
        pk=application_pk
    )
    path = reverse("learning:application-detail", kwargs={"pk": application.pk})
    with translation.override(_language_of(application.learner)):
        context = {
            "application": application,
            "partner": application.partner.organisation.name,
            "granted": application.status == ApplicationStatus.GRANTED,
            "credits": credits_text(application.credits_granted or application.credits_requested),
            "unit": application.partner.credit_unit,
            "link": site_url() + path,
        }
        subject = render_to_string("learning/application_decided_email_subject.txt", context)
        body = render_to_string("learning/application_decided_email_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[application.learner.email],
    )


def _record(actor: Any, application: CreditApplication) -> None:
    granted = application.status == ApplicationStatus.GRANTED
    granted_credits = application.credits_granted if granted else None
    audit.record(
        action=GRANTED if granted else REFUSED,
        actor=actor,
        target=application,
        data={
            "learner": application.learner_id,
            "partner": application.partner.organisation.slug,
            "credits": credits_text(granted_credits) if granted_credits else None,
            "unit": application.partner.credit_unit,
        },
    )
    notify_people(
        event=GRANTED if granted else REFUSED,
        people=[application.learner_id],
        actor=actor,
        data={
            "partner": application.partner.organisation.name,
            "credits": credits_text(granted_credits) if granted_credits else "",
            "unit": application.partner.credit_unit,
            "path": reverse("learning:application-detail", kwargs={"pk": application.pk}),
        },
    )
    transaction.on_commit(partial(_send_decision, application_pk=application.pk))


def credit_application_decide(
    *, actor: Any, application: CreditApplication, grant: bool, credits: Any, reasons: str
) -> CreditApplication:
    """Grant `credits` (issuing the credential) or refuse with `reasons`; see the module's note
    for the permission, the checks, the audit entry and the notifications. Returns the decided
    application."""
    require(actor, "learning.decide_credit_application", application)
    given, text = _checked_decision(application, grant, credits, reasons)
    with transaction.atomic():
        locked = (
            CreditApplication.objects.select_for_update()
            .select_related("partner__organisation", "learner")
            .get(pk=application.pk)
        )
        require(actor, "learning.decide_credit_application", locked)
        if not ApplicationReview.objects.filter(application=locked).exists():
            message = _("Wait for at least one review before deciding.")
            raise ValidationError(message, code="no_review")
        locked.status = ApplicationStatus.GRANTED if grant else ApplicationStatus.REFUSED
        locked.credits_granted = given
        locked.decision_reasons = text
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save()
        if grant:
            application_credential_issue(application=locked)
        _record(actor, locked)
    return locked


def _decision_message(notification: Any) -> str:
    data = notification.data
    if notification.event == GRANTED:
        return _("%(partner)s granted you %(credits)s %(unit)s credits.") % {
            "partner": data.get("partner", ""),
            "credits": data.get("credits", ""),
            "unit": data.get("unit", ""),
        }
    return _("%(partner)s refused your credit application.") % {"partner": data.get("partner", "")}


def register_credit_actions() -> None:
    """Label the audit actions, word the notifications and declare the committee's access
    reason (called from the app's `ready`)."""
    audit.register_action(GRANTED, gettext_lazy("Credits granted for civic engagement"))
    audit.register_action(REFUSED, gettext_lazy("Credit application refused"))
    register_message(GRANTED, _decision_message)
    register_message(REFUSED, _decision_message)
    register_message(
        "learning.application_submitted",
        lambda n: (
            _("A new credit application to %(partner)s waits for review.")
            % {"partner": n.data.get("partner", "")}
        ),
    )
    personal_data.register_access_reason(CREDIT_COMMITTEE)
    credits_personal_data.register_sources()

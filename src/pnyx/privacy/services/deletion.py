"""Deleting one's account (GDPR article 17): confirm, wait out the grace period, then erase.

1. The person confirms: with their password, or, for an account without one, through a link
   e-mailed to them (valid `LINK_MAX_AGE`).
2. The deletion is scheduled `settings.PNYX_ACCOUNT_DELETION_GRACE` later; an e-mail says when and
   how to cancel, and logging in shows a banner with a link to cancel.
3. When it is due, `account_deletions_complete` (the task `privacy.account_deletions_complete`,
   every hour) runs `anonymise_all`: personal data
   erased, public contributions kept without the person's name, votes kept so every count stays
   the same, the account deactivated and logged out everywhere. The audit log gets
   `privacy.account_deleted` with a random reference and nothing else; the person receives that
   reference by e-mail, so they can find the entry.
"""

import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pnyx.core import audit, personal_data
from pnyx.core.permissions import require
from pnyx.privacy.models import DeletionRequest

logger = logging.getLogger("pnyx.privacy")

ACTION = "privacy.account_deleted"
LINK_MAX_AGE = timedelta(days=1)
_LINK_SALT = "pnyx.privacy.deletion-link"
_DB_SESSIONS = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def _send(*, template: str, address: str, language: str, context: dict[str, Any]) -> None:
    with translation.override(language):
        subject = render_to_string(f"privacy/email/{template}_subject.txt", context)
        body = render_to_string(f"privacy/email/{template}_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()), message=body, from_email=None, recipient_list=[address]
    )


def _pending(person: Any, language: str) -> DeletionRequest:
    request, _created = DeletionRequest.objects.select_for_update().get_or_create(
        person=person,
        defaults={"reference": secrets.token_hex(8), "language": language},
    )
    return request


def _schedule(request: DeletionRequest, *, site_url: str, now: datetime) -> DeletionRequest:
    if request.is_scheduled:
        return request
    request.confirmed_at = now
    request.due_at = now + settings.PNYX_ACCOUNT_DELETION_GRACE
    request.save(update_fields=["confirmed_at", "due_at"])
    address, language = request.person.email, request.language
    context = {
        "due_at": request.due_at,
        "reference": request.reference,
        "cancel_url": site_url.rstrip("/") + reverse("privacy:deletion"),
    }
    transaction.on_commit(
        lambda: _send(
            template="deletion_scheduled", address=address, language=language, context=context
        )
    )
    return request


def deletion_schedule_with_password(
    *, actor: Any, person: Any, password: str, language: str, site_url: str
) -> DeletionRequest:
    """Schedule the deletion of the person's account, confirmed by their password.

    Requires `privacy.delete_account` (the person themselves). Raises ValidationError, changing
    nothing, when the account has no usable password (use the e-mail link) or the password is
    wrong. Scheduling twice keeps the first date. E-mails the date and how to cancel, on commit.
    """
    require(actor, "privacy.delete_account", person)
    if not person.has_usable_password():
        raise ValidationError(_("Your account has no password: confirm by e-mail instead."))
    if not person.check_password(password):
        raise ValidationError(
            {"password": [_("This is not your password. Type it again to confirm.")]}
        )
    with transaction.atomic():
        return _schedule(_pending(person, language), site_url=site_url, now=timezone.now())


def deletion_link_send(*, actor: Any, person: Any, language: str, site_url: str) -> DeletionRequest:
    """E-mail the person a link that confirms the deletion of their account (valid one day).

    Requires `privacy.delete_account`. For accounts without a usable password; the request is
    recorded unconfirmed and nothing is scheduled until the link is followed.
    """
    require(actor, "privacy.delete_account", person)
    with transaction.atomic():
        request = _pending(person, language)
        if request.is_scheduled:
            return request
        token = signing.dumps({"reference": request.reference}, salt=_LINK_SALT)
        context = {
            "confirm_url": site_url.rstrip("/")
            + reverse("privacy:deletion-confirm", kwargs={"token": token}),
            "valid_hours": int(LINK_MAX_AGE.total_seconds() // 3600),
        }
        address = person.email
        transaction.on_commit(
            lambda: _send(
                template="deletion_link", address=address, language=language, context=context
            )
        )
    return request


def deletion_confirm_link(*, actor: Any, token: str, site_url: str) -> DeletionRequest:
    """Schedule the deletion that the e-mailed link `token` confirms.

    Requires `privacy.delete_account` on the account the link was sent for: a link followed while
    logged in as someone else, expired, altered or already used is refused with ValidationError.
    """
    invalid = ValidationError(
        _("This confirmation link is not valid (it may have expired). Ask for a new one.")
    )
    try:
        payload = signing.loads(token, salt=_LINK_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        raise invalid from None
    with transaction.atomic():
        request = (
            DeletionRequest.objects.select_for_update()
            .select_related("person")
            .filter(reference=payload.get("reference"), confirmed_at__isnull=True)
            .first()
        )
        if request is None or request.person_id != getattr(actor, "pk", None):
            raise invalid
        require(actor, "privacy.delete_account", request.person)
        return _schedule(request, site_url=site_url, now=timezone.now())


def deletion_cancel(*, actor: Any, person: Any) -> bool:
    """Cancel the person's pending deletion; whether there was one to cancel.

    Requires `privacy.delete_account` (the person themselves).
    """
    require(actor, "privacy.delete_account", person)
    with transaction.atomic():
        deleted, _by_model = DeletionRequest.objects.filter(person=person).delete()
    return bool(deleted)


def deletion_request_delete_for(*, person: Any) -> None:
    """Forget the person's request (part of carrying it out, or of deleting the account)."""
    DeletionRequest.objects.filter(person=person).delete()


def _end_sessions(person: Any) -> None:
    """Log the person out everywhere: their sessions go with the account."""
    if settings.SESSION_ENGINE not in _DB_SESSIONS:
        # Other session stores cannot be searched by person; the unusable password set by the
        # anonymisation already makes every one of their sessions invalid at its next request.
        return
    user_id = str(person.pk)
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()


def deletion_complete(*, request_id: int, now: datetime | None = None) -> str | None:
    """Carry out one due deletion; its reference, or None when it is not due or was cancelled.

    Everything happens in one transaction: anonymising every source, ending the sessions, and
    the audit entry, which holds the random reference only (no id, name or address: the id would
    let anyone link the deletion to the account's earlier acts in the log).
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = (
            DeletionRequest.objects.select_for_update()
            .select_related("person")
            .filter(pk=request_id, due_at__lte=now)
            .first()
        )
        if request is None:
            return None
        person = request.person
        address, language, reference = person.email, request.language, request.reference
        personal_data.anonymise_all(person)
        _end_sessions(person)
        audit.record(action=ACTION, data={"reference": reference})
        context = {
            "reference": reference,
            "audit_url": settings.SITE_URL + reverse("core:audit-list"),
        }
        transaction.on_commit(
            lambda: _send(
                template="deletion_done", address=address, language=language, context=context
            )
        )
    return reference


def account_deletions_complete() -> dict[str, int]:
    """Carry out every deletion whose grace period is over (each in its own transaction)."""
    now = timezone.now()
    due = DeletionRequest.objects.filter(due_at__lte=now).values_list("pk", flat=True)
    done = sum(1 for pk in list(due) if deletion_complete(request_id=pk, now=now))
    return {"deleted": done}

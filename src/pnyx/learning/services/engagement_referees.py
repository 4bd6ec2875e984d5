"""Referees of written engagement entries: the e-mail asking them to confirm, and their answer.

The link carries a random secret, signed with the time it was made so it stops working after
REFEREE_LINK_DAYS; only the secret's SHA-256 is stored, and an answer uses it up. A referee
needs no account: holding the link is what lets them answer. A declined entry is one that names
a referee, has no pending link and no confirmation.
"""

import hashlib
import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pnyx.learning.models import EngagementEntry
from pnyx.learning.selectors import engagement as selectors
from pnyx.participation.services.notifications import notify_people, site_url

REFEREE_LINK_DAYS = 30
REFEREE_NOTE_MAX_LENGTH = 2000
_SALT = "pnyx.learning.referee"


def hash_referee_secret(secret: str) -> str:
    """The stored form of a referee link's secret (its SHA-256)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def referee_status(entry: EngagementEntry) -> str:
    """The referee's answer so far: "" (no referee), "waiting", "confirmed" or "declined"."""
    if not entry.referee_email:
        return ""
    if entry.referee_confirmed_at is not None:
        return "confirmed"
    return "waiting" if entry.referee_token_hash else "declined"


def _send_request(*, entry_pk: int, token: str, language: str) -> None:
    """E-mail the referee the link; runs after commit, so a rolled-back entry sends nothing."""
    entry = EngagementEntry.objects.select_related("learner", "organisation").get(pk=entry_pk)
    path = reverse("learning:engagement-referee", kwargs={"token": token})
    context = {
        "entry": entry,
        "learner": entry.learner.public_name,
        "link": site_url() + path,
        "days": REFEREE_LINK_DAYS,
    }
    with translation.override(language):
        subject = render_to_string("learning/engagement_referee_email_subject.txt", context)
        body = render_to_string("learning/engagement_referee_email_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[entry.referee_email],
    )


def referee_request(entry: EngagementEntry) -> None:
    """Give the entry a new referee link (the old one stops working) and e-mail it after commit.

    Called by the entry services inside their transaction; the caller saves the entry."""
    secret = secrets.token_urlsafe(32)
    entry.referee_token_hash = hash_referee_secret(secret)
    entry.referee_confirmed_at = None
    entry.referee_note = ""
    token = signing.TimestampSigner(salt=_SALT).sign(secret)
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(partial(_send_request, entry_pk=entry.pk, token=token, language=language))


def referee_entry_for_token(*, token: str) -> EngagementEntry | None:
    """The entry a referee link names while it can be used; None when it is forged, expired or
    already used."""
    try:
        secret = signing.TimestampSigner(salt=_SALT).unsign(
            token, max_age=timedelta(days=REFEREE_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    return selectors.engagement_entry_by_referee_hash(token_hash=hash_referee_secret(secret))


def referee_answer(*, token: str, confirm: bool, note: str = "") -> EngagementEntry:
    """Confirm the entry (with an optional note) or decline it, through the referee's link,
    which is then used up; the learner is notified.

    The link is the permission. Raises ValidationError when the link cannot be used (forged,
    expired or used) or the note is too long."""
    note = (note or "").strip()
    if len(note) > REFEREE_NOTE_MAX_LENGTH:
        message = _("At most %(limit)s characters.") % {"limit": REFEREE_NOTE_MAX_LENGTH}
        raise ValidationError({"note": message}, code="too_long")
    unusable = _("This link no longer works: it was used, replaced by a newer one, or it expired.")
    found = referee_entry_for_token(token=token)
    if found is None:
        raise ValidationError(unusable, code="unusable")
    with transaction.atomic():
        entry = EngagementEntry.objects.select_for_update().get(pk=found.pk)
        if entry.referee_token_hash != found.referee_token_hash:
            raise ValidationError(unusable, code="unusable")
        entry.referee_token_hash = ""
        entry.referee_confirmed_at = timezone.now() if confirm else None
        entry.referee_note = note
        entry.save(
            update_fields=[
                "referee_token_hash",
                "referee_confirmed_at",
                "referee_note",
                "updated_at",
            ]
        )
        notify_people(
            event="learning.referee_confirmed" if confirm else "learning.referee_declined",
            people=[entry.learner_id],
            data={
                "name": entry.referee_name,
                "activity": entry.activity,
                "path": reverse("learning:engagement-list"),
            },
        )
    return entry

"""Notifications: what followers of a process or proposition hear about.

Other services call `notify` inside their transaction; it writes one Notification per follower
(and the proposition's author, who is always told about their own proposition) except the actor.
The e-mail digest and the notification pages build on these rows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pnyx.participation.models import (
    DigestFrequency,
    Follow,
    Notification,
    NotificationSettings,
    Proposition,
)
from pnyx.participation.models import Process as ProcessModel
from pnyx.participation.selectors import notifications as selectors

#: Where links in e-mails point when the SITE_URL setting is not set.
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def _not_muted(people: set[int]) -> set[int]:
    muted = NotificationSettings.objects.filter(user__in=people, in_app=False, digest="never")
    return people - set(muted.values_list("user_id", flat=True))


def _recipients(
    *, process: ProcessModel | None, proposition: Proposition | None, actor: Any
) -> set[int]:
    follows = Follow.objects.none()
    if proposition is not None:
        follows = Follow.objects.filter(proposition=proposition) | Follow.objects.filter(
            process=proposition.process_id
        )
    elif process is not None:
        follows = Follow.objects.filter(process=process)
    people = set(follows.values_list("user_id", flat=True))
    if proposition is not None and proposition.author_id:
        people.add(proposition.author_id)
    people.discard(getattr(actor, "pk", None))
    return _not_muted(people)


def notify(
    *,
    event: str,
    actor: Any = None,
    process: ProcessModel | None = None,
    proposition: Proposition | None = None,
    data: dict[str, Any] | None = None,
) -> int:
    """Notify the followers of `proposition` (or of `process`) that `event` happened.

    `event` is a past-tense name such as `participation.proposition_answered`; `data` holds
    short public primitives for the message. People who turned off both in-app notifications and
    digests are skipped, as is the actor. Returns how many notifications were written.
    """
    recipients = _recipients(process=process, proposition=proposition, actor=actor)
    target_process = process or (proposition.process if proposition is not None else None)
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                event=event,
                process=target_process,
                proposition=proposition,
                data=data or {},
            )
            for user_id in sorted(recipients)
        ]
    )
    return len(recipients)


def notify_people(
    *, event: str, people: Iterable[int], actor: Any = None, data: dict[str, Any]
) -> int:
    """Notify the given people (by id) of an event of another app, such as a decision on their
    amendment; `data` holds short public primitives, with `path` the site path the notification
    leads to. The actor and people who turned notifications off are skipped."""
    recipients = _not_muted(set(people) - {getattr(actor, "pk", None)})
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, event=event, data=data) for user_id in sorted(recipients)]
    )
    return len(recipients)


def notification_mark_read(*, user: Any, notification: Notification) -> bool:
    """Mark one of the person's own notifications read; returns whether it was unread.

    Someone else's notification is refused with ValidationError (the pages answer 404 before).
    """
    if notification.user_id != getattr(user, "pk", None):
        raise ValidationError(_("This notification is not yours."))
    with transaction.atomic():
        changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return bool(changed)


def notification_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the person read; returns how many changed."""
    with transaction.atomic():
        return Notification.objects.filter(user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def notification_settings_update(*, user: Any, in_app: bool, digest: str) -> NotificationSettings:
    """Save how the person wants to hear about what they follow.

    `digest` is one of DigestFrequency (never, daily, weekly); anything else is refused.
    """
    if digest not in DigestFrequency.values:
        raise ValidationError(
            _("Choose how often to get the digest: %(choices)s.")
            % {"choices": ", ".join(DigestFrequency.values)}
        )
    with transaction.atomic():
        found, _created = NotificationSettings.objects.update_or_create(
            user=user, defaults={"in_app": in_app, "digest": digest}
        )
    return found


def site_url() -> str:
    """The address e-mails link to: the SITE_URL setting, else the local development server."""
    return str(getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


@dataclass(frozen=True)
class DigestItem:
    message: str
    url: str
    created_at: datetime


def _language_of(person: Any) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    for code in getattr(person, "languages", None) or []:
        if code in known:
            return str(code)
    return str(settings.LANGUAGE_CODE)


def _absolute(base: str, path: str) -> str:
    return base + path if path else ""


def _send_digest(person: Any, items: list[Notification]) -> None:
    base = site_url()
    with translation.override(_language_of(person)):
        context = {
            "person": person,
            "items": [
                DigestItem(
                    message=selectors.notification_message(item),
                    url=_absolute(base, selectors.notification_path(item)),
                    created_at=item.created_at,
                )
                for item in items
            ],
            "notifications_url": base + reverse("participation:notification-list"),
            "settings_url": base + reverse("participation:notification-settings"),
            "site_url": base,
        }
        subject = render_to_string("participation/notification_digest_subject.txt", context)
        text = render_to_string("participation/notification_digest.txt", context)
        html = render_to_string("participation/notification_digest.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[person.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def notification_digest_send(*, frequency: str = DigestFrequency.DAILY) -> int:
    """E-mail each person who chose `frequency` one digest of what they have not read yet.

    Only unread notifications never e-mailed before are included; they are then marked
    `emailed_at`, so running the command again sends nothing new. Returns how many e-mails
    were sent. One person's failure leaves their notifications pending for the next run.
    """
    if frequency not in (DigestFrequency.DAILY, DigestFrequency.WEEKLY):
        raise ValidationError(_("A digest is sent daily or weekly."))
    now = timezone.now()
    sent = 0
    for person in selectors.digest_recipients(frequency=frequency):
        with transaction.atomic():
            items = selectors.digest_items(user=person, until=now)
            if not items:
                continue
            claimed = Notification.objects.filter(
                pk__in=[item.pk for item in items], emailed_at__isnull=True
            ).update(emailed_at=now)
            if not claimed:
                # A concurrent run e-mailed them between our read and our update.
                continue
            NotificationSettings.objects.update_or_create(
                user=person, defaults={"last_digest_at": now}
            )
            _send_digest(person, items)
        sent += 1
    return sent

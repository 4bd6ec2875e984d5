"""Notifications: what followers of a process or proposition hear about.

Other services call `notify` inside their transaction; it writes one Notification per follower
(and the proposition's author, who is always told about their own proposition) except the actor.
The e-mail digest and the notification pages build on these rows.
"""

from typing import Any

from pnyx.participation.models import Follow, Notification, NotificationSettings, Proposition
from pnyx.participation.models import Process as ProcessModel


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
    muted = NotificationSettings.objects.filter(user__in=people, in_app=False, digest="never")
    return people - set(muted.values_list("user_id", flat=True))


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

"""Reads behind follow buttons, the notification pages and the e-mail digest.

The sentence each notification reads as is written here, once, for the pages and the e-mails.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from pnyx.participation.models import (
    AnswerState,
    DigestFrequency,
    Follow,
    Notification,
    NotificationSettings,
    Process,
    Proposition,
)


def follow_exists(*, user: Any, target: Process | Proposition) -> bool:
    """Whether `user` (possibly anonymous) follows the process or proposition."""
    if not getattr(user, "is_authenticated", False):
        return False
    if isinstance(target, Proposition):
        return Follow.objects.filter(user=user, proposition=target).exists()
    return Follow.objects.filter(user=user, process=target).exists()


def follow_target_get(*, kind: str, pk: int) -> Process | Proposition | None:
    """The process or proposition a follow button names, or None for an unknown one."""
    if kind == "process":
        return Process.objects.select_related("organisation").filter(pk=pk).first()
    if kind == "proposition":
        return Proposition.objects.select_related("process").filter(pk=pk).first()
    return None


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    """The person's notifications, unread first, newest first within each group."""
    unread_first = Case(
        When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Notification.objects.filter(user=user)
        .select_related("process", "proposition")
        .annotate(unread_rank=unread_first)
        .order_by("unread_rank", "-created_at", "-pk")
    )


def notification_unread_count(*, user: Any) -> int:
    """How many of the person's notifications are unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get(*, user: Any, pk: int) -> Notification | None:
    """One of the person's own notifications; None for someone else's or a missing one."""
    return Notification.objects.filter(user=user, pk=pk).first()


def notification_settings_get(*, user: Any) -> NotificationSettings:
    """The person's settings; the defaults (unsaved) when they never changed them."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found if found is not None else NotificationSettings(user=user)


def _answer_label(state: str) -> str:
    return str(AnswerState(state).label) if state in AnswerState.values else state


def _answer_state(notification: Notification) -> str:
    data = notification.data
    state = data.get("state") or data.get("answer_state")
    if not state and notification.proposition is not None:
        state = notification.proposition.answer_state
    return _answer_label(str(state or ""))


def _title(notification: Notification) -> str:
    if notification.proposition is not None:
        return notification.proposition.title
    if notification.process is not None:
        return notification.process.title
    return str(notification.data.get("title", ""))


_MESSAGES: dict[str, Callable[[Notification], str]] = {
    "participation.proposition_answered": lambda n: (
        _("The organisers answered “%(title)s”: %(state)s.")
        % {"title": _title(n), "state": _answer_state(n)}
    ),
    "participation.proposition_created": lambda n: (
        _("A new proposition was made in “%(process)s”: “%(title)s”.")
        % {"process": n.process.title if n.process else "", "title": _title(n)}
    ),
    "participation.comment_created": lambda n: (
        _("Someone commented on “%(title)s”.") % {"title": _title(n)}
    ),
    "participation.proposition_hidden": lambda n: (
        _("“%(title)s” was hidden by a moderator.") % {"title": _title(n)}
    ),
    "participation.proposition_withdrawn": lambda n: (
        _("“%(title)s” was withdrawn by its author.") % {"title": _title(n)}
    ),
    "participation.proposition_changed": lambda n: (
        _("“%(title)s” was edited by its author.") % {"title": _title(n)}
    ),
    "participation.threshold_reached": lambda n: (
        _("“%(title)s” reached the support threshold.") % {"title": _title(n)}
    ),
    "participation.phase_started": lambda n: (
        _("A new phase started in “%(title)s”.") % {"title": _title(n)}
    ),
}


def register_message(event: str, build: Callable[[Notification], str]) -> None:
    """Let another app word its own events (called from its `AppConfig.ready`); `build` gets the
    notification and returns one translated sentence."""
    _MESSAGES[event] = build


def notification_message(notification: Notification) -> str:
    """The notification as one translated sentence (plain text; templates escape it)."""
    build = _MESSAGES.get(notification.event)
    if build is not None:
        return build(notification)
    return _("Something happened to “%(title)s”.") % {"title": _title(notification)}


def notification_path(notification: Notification) -> str:
    """Where the notification leads: its proposition, else its process, else the site path
    another app stored as `data["path"]`, else nowhere."""
    if notification.proposition is not None:
        return notification.proposition.get_absolute_url()
    if notification.process is not None:
        return notification.process.get_absolute_url()
    path = str(notification.data.get("path", ""))
    return path if path.startswith("/") and not path.startswith("//") else ""


def digest_recipients(*, frequency: str) -> QuerySet[Any]:
    """People with notifications to e-mail who chose this digest frequency.

    People who never saved settings get the default, a daily digest.
    """
    pending = Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
    people = get_user_model().objects.filter(pk__in=pending.values("user_id"), is_active=True)
    if frequency == DigestFrequency.DAILY:
        chose_other = NotificationSettings.objects.exclude(digest=DigestFrequency.DAILY)
        return people.exclude(pk__in=chose_other.values("user_id")).order_by("pk")
    chose = NotificationSettings.objects.filter(digest=frequency)
    return people.filter(pk__in=chose.values("user_id")).order_by("pk")


def digest_items(*, user: Any, until: datetime) -> list[Notification]:
    """The person's unread notifications not yet e-mailed, written before `until`, oldest first."""
    return list(
        Notification.objects.filter(
            user=user, emailed_at__isnull=True, read_at__isnull=True, created_at__lte=until
        )
        .select_related("process", "proposition")
        .order_by("created_at", "pk")
    )

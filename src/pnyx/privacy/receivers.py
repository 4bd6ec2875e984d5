"""How the privacy app hears the rest of the project: staff views of data, and log-ins."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from pnyx.privacy import selectors
from pnyx.privacy.services.access import access_record


def on_personal_data_viewed(
    sender: Any,
    *,
    staff: Any,
    people: list[Any],
    source_keys: list[str],
    reason: str,
    detail: str,
    **kwargs: Any,
) -> None:
    """Store what `pnyx.core.personal_data.record_access` reported."""
    access_record(staff=staff, people=people, source_keys=source_keys, reason=reason, detail=detail)


def on_logged_in(sender: Any, *, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """Remind a person whose account is about to be deleted, with a way to cancel."""
    if request is None:
        return
    pending = selectors.deletion_request_get(person=user)
    if pending is None or pending.due_at is None:
        return
    day = formats.date_format(timezone.localtime(pending.due_at), "DATETIME_FORMAT")
    messages.warning(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Your account will be deleted on %(day)s.") % {"day": day},
            reverse("privacy:deletion"),
            _("Cancel the deletion"),
        ),
    )

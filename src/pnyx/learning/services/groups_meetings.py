"""Meetings of a study group: online (an address), at a physical place, or both.

Planning and cancelling need `learning.plan_meeting` on the group (its organisers). The
members hear of a new meeting.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.learning.models import StudyGroup, StudyGroupMeeting, StudyGroupMember
from pnyx.learning.services.partners import notify_after_commit
from pnyx.learning.services.partners_checks import optional_text, web_address

URL_MAX_LENGTH = 500
PLACE_MAX_LENGTH = 300
AGENDA_MAX_LENGTH = 5000


def _fields(starts_at: datetime, online_url: str, place: str, agenda: str) -> dict[str, Any]:
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time.")}, code="required")
    if starts_at <= timezone.now():
        message = _("Choose a time in the future.")
        raise ValidationError({"starts_at": message}, code="past")
    fields = {
        "starts_at": starts_at,
        "online_url": web_address("online_url", online_url, URL_MAX_LENGTH),
        "place": optional_text("place", place, PLACE_MAX_LENGTH),
        "agenda": optional_text("agenda", agenda, AGENDA_MAX_LENGTH),
    }
    if not fields["online_url"] and not fields["place"]:
        message = _("Give an online meeting address, a place, or both.")
        raise ValidationError({"place": message}, code="where")
    return fields


def group_meeting_plan(
    *,
    actor: Any,
    group: StudyGroup,
    starts_at: datetime,
    online_url: str = "",
    place: str = "",
    agenda: str = "",
) -> StudyGroupMeeting:
    """Plan a meeting in the future, online and/or at a place; the members are notified.
    Needs `learning.plan_meeting`."""
    require(actor, "learning.plan_meeting", group)
    fields = _fields(starts_at, online_url, place, agenda)
    with transaction.atomic():
        meeting = StudyGroupMeeting.objects.create(group=group, **fields)
        members = StudyGroupMember.objects.filter(group=group).values_list("person_id", flat=True)
        notify_after_commit(
            event="learning.group_meeting_planned",
            people=list(members),
            actor=actor,
            data={
                "name": group.name,
                "date": formats.date_format(
                    timezone.localtime(meeting.starts_at), "DATETIME_FORMAT"
                ),
                "path": reverse("learning:group-detail", kwargs={"pk": group.pk}),
            },
        )
    return meeting


def group_meeting_cancel(*, actor: Any, meeting: StudyGroupMeeting) -> None:
    """Cancel (delete) a meeting. Needs `learning.plan_meeting` on its group."""
    require(actor, "learning.plan_meeting", meeting.group)
    with transaction.atomic():
        meeting.delete()

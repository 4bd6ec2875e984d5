"""The entries Pnyx keeps in a learner's record from their activity in consultations.

One entry per consultation (source key `participation.process:<id>`) holds totals only, such as
"3 propositions, 12 comments, 40 votes in <title>", dated from the first to the last act; never
what was written or voted. Refreshing is idempotent: it writes only what changed, adds entries
for new activity, and removes those whose activity disappeared unless an application rests on
them (the committee must keep seeing what it was sent).
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnyx.core.permissions import require
from pnyx.learning.models import EngagementEntry, EngagementSource
from pnyx.learning.selectors import engagement as selectors
from pnyx.participation.selectors.engagement import ProcessEngagement, engagement_by_process

ACTIVITY_MAX_LENGTH = 200


def totals_sentence(item: ProcessEngagement) -> str:
    """The totals in words, such as "3 propositions, 12 comments, 40 votes in <title>" (kinds
    at zero are left out)."""
    parts = []
    if item.propositions:
        parts.append(
            ngettext("%(count)s proposition", "%(count)s propositions", item.propositions)
            % {"count": item.propositions}
        )
    if item.comments:
        parts.append(
            ngettext("%(count)s comment", "%(count)s comments", item.comments)
            % {"count": item.comments}
        )
    if item.votes:
        parts.append(
            ngettext("%(count)s vote", "%(count)s votes", item.votes) % {"count": item.votes}
        )
    return _("%(totals)s in %(process)s") % {
        "totals": ", ".join(parts),
        "process": item.process.title,
    }


def _values(item: ProcessEngagement) -> dict[str, Any]:
    organisation = item.process.organisation
    return {
        "activity": item.process.title[:ACTIVITY_MAX_LENGTH],
        "organisation_id": organisation.pk,
        "organisation_name": organisation.name[:200],
        "started_on": timezone.localdate(item.first_at),
        "ended_on": timezone.localdate(item.last_at),
        "description": totals_sentence(item),
    }


def _update(entry: EngagementEntry, values: dict[str, Any]) -> None:
    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if changed:
        for name in changed:
            setattr(entry, name, values[name])
        entry.save(update_fields=[*changed, "updated_at"])


def _create(learner: Any, key: str, values: dict[str, Any]) -> None:
    try:
        with transaction.atomic():
            EngagementEntry.objects.create(
                learner=learner, source=EngagementSource.PNYX, source_key=key, **values
            )
    except IntegrityError:  # another request of the same person kept it a moment ago
        pass


def engagement_refresh(*, learner: Any) -> None:
    """Bring the entries Pnyx keeps for the learner in line with their activity (see the
    module's note). Needs `learning.keep_engagement_record` (an active person, for their own
    record)."""
    require(learner, "learning.keep_engagement_record")
    activity = {
        selectors.PROCESS_KEY % {"id": item.process.pk}: item
        for item in engagement_by_process(person=learner)
    }
    with transaction.atomic():
        kept = selectors.engagement_kept_entries(learner=learner)
        for key, item in activity.items():
            if key in kept:
                _update(kept[key], _values(item))
            else:
                _create(learner, key, _values(item))
        for key, entry in kept.items():
            if key not in activity and not entry.in_use:  # type: ignore[attr-defined]
                entry.delete()

"""Recording staff views of people's non-public data.

What counts as such a view (the rule every call site follows, and the public privacy page
states): someone other than the person is shown, because of a role they hold (platform
administrator, consultation moderator or manager), personal data of that person that the public
cannot see, tied to the person (their name, address or account). Public data does not count; nor
does data the person addressed to those staff themselves, such as a request to join an
organisation (seen by its administrators) or a report (seen by the moderators without the
reporter's name); nor do counts and totals. The call sites are the Django admin pages of e-mail
addresses and second factors (`pnyx.privacy.admin`), the moderators' view of hidden content and
the consultation settings' list of moderators' addresses (`pnyx.participation`).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from pnyx.privacy.models import PersonalDataAccess

#: The same view again within this time (a page reloaded, paged through) is one access.
REPEAT_WINDOW = timedelta(hours=1)


def access_record(
    *,
    staff: Any,
    people: Sequence[Any],
    source_keys: Sequence[str],
    reason: str,
    detail: str = "",
    now: datetime | None = None,
) -> list[PersonalDataAccess]:
    """Log that `staff` saw data of each of `people` from `source_keys`; return the new rows.

    Called by the `personal_data_viewed` receiver, which the core's `record_access` triggers
    after the caller's permission check, so no permission is checked here. A view repeated within
    REPEAT_WINDOW (same staff, person, reason, context and data) is not logged again.
    """
    now = now or timezone.now()
    sources = sorted(set(source_keys))
    recent = {
        (person_id, tuple(keys))
        for person_id, keys in PersonalDataAccess.objects.filter(
            person__in=[person.pk for person in people],
            staff=staff,
            reason=reason,
            detail=detail,
            accessed_at__gte=now - REPEAT_WINDOW,
        ).values_list("person_id", "sources")
    }
    new = [
        PersonalDataAccess(
            person_id=person.pk,
            staff=staff,
            reason=reason,
            detail=detail,
            sources=sources,
            accessed_at=now,
        )
        for person in people
        if (person.pk, tuple(sources)) not in recent
    ]
    with transaction.atomic():
        return PersonalDataAccess.objects.bulk_create(new)


def access_log_purge(*, before: datetime) -> int:
    """Delete the access records made before `before` (the retention rule); how many went."""
    deleted, _by_model = PersonalDataAccess.objects.filter(accessed_at__lt=before).delete()
    return deleted


def access_log_delete_for(*, person: Any) -> None:
    """Delete the record of views of the person's data (their account is being deleted).

    Records of what the person saw as staff stay: they belong to the people whose data it was.
    """
    PersonalDataAccess.objects.filter(person=person).delete()

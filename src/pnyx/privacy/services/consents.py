"""Changing one's consents: each change is added to the history, nothing is overwritten."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnyx.core import personal_data
from pnyx.core.permissions import require
from pnyx.privacy import selectors
from pnyx.privacy.models import Consent


def consents_set(
    *, actor: Any, person: Any, choices: Mapping[str, bool], now: datetime | None = None
) -> list[Consent]:
    """Record the person's choice for each purpose in `choices`; return the rows added.

    Requires `privacy.change_consent` (the person themselves). A choice equal to the one in force
    adds nothing; a first answer, yes or no, is recorded. Raises ValidationError, recording
    nothing, for a purpose no app declares.
    """
    require(actor, "privacy.change_consent", person)
    known = {purpose.key for purpose in personal_data.purposes()}
    unknown = sorted(set(choices) - known)
    if unknown:
        raise ValidationError(
            _("Unknown consent purposes: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    now = now or timezone.now()
    with transaction.atomic():
        state = selectors.consent_state(person=person)
        added = [
            Consent(person=person, purpose=key, granted=granted, changed_at=now)
            for key, granted in sorted(choices.items())
            if key not in state or state[key].granted != granted
        ]
        return Consent.objects.bulk_create(added)


def consents_delete_for(*, person: Any) -> None:
    """Delete the person's consent history (their account is being deleted)."""
    Consent.objects.filter(person=person).delete()

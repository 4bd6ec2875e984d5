"""Who may do what with engagement records.

A learner with a confirmed address writes entries; only their own written entries can be
changed or deleted, and not once an application (not withdrawn) rests on them. Entries kept by
Pnyx follow the learner's activity and are never edited by hand. The learner alone chooses what
is shared. An evidence file opens for the learner and for the committees of the partners the
entry was sent to.
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.learning.models import EngagementSource
from pnyx.learning.selectors import engagement as selectors
from pnyx.orgs.rules import is_active_person


@rules.predicate
def is_entry_owner(user: Any, entry: Any) -> bool:
    """The entry is part of the person's own record."""
    return entry is not None and entry.learner_id == getattr(user, "pk", None)


@rules.predicate
def is_written_entry(user: Any, entry: Any) -> bool:
    """The learner wrote the entry (Pnyx did not keep it from their activity)."""
    return entry is not None and entry.source == EngagementSource.MANUAL


@rules.predicate
def is_entry_in_use(user: Any, entry: Any) -> bool:
    """An application that was not withdrawn rests on the entry."""
    return entry is not None and selectors.engagement_entry_in_use(entry=entry)


@rules.predicate
def is_entry_committee(user: Any, entry: Any) -> bool:
    """The person sits on the committee of a partner the entry was sent to."""
    return entry is not None and selectors.engagement_entry_sent_to_committee_of(
        user=user, entry=entry
    )


can_edit_entry = is_active_person & is_entry_owner & is_written_entry & ~is_entry_in_use

rules.add_perm("learning.keep_engagement_record", is_active_person)
rules.add_perm("learning.add_engagement_entry", is_active_person & has_confirmed_email)
rules.add_perm("learning.change_engagement_entry", can_edit_entry)
rules.add_perm("learning.delete_engagement_entry", can_edit_entry)
rules.add_perm("learning.share_engagement_entry", is_active_person & is_entry_owner)
rules.add_perm(
    "learning.view_engagement_evidence", is_active_person & (is_entry_owner | is_entry_committee)
)

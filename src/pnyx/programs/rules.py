"""Who may do what with programs and charters.

The object is the organisation for `add_document` and the document for everything else. Editors
are the administrators of the document's organisation (and platform administrators); they alone
see and change the working draft. A document is public once a version is published, or once a
consultation on its draft has opened: then everyone reads the draft, and people signed in with a
confirmed address annotate it, propose amendments and support them while it stays open. Editors
decide on amendments at any time. Published versions are endorsed by people with a confirmed
address, and by organisations through their administrators (the object is then the organisation).
"""

from typing import Any

import rules
from django.utils import timezone

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.orgs.rules import is_active_person, is_org_admin


@rules.predicate
def is_document_editor(user: Any, document: Any) -> bool:
    """An administrator of the organisation that owns the document."""
    return document is not None and bool(is_org_admin(user, document.organisation))


@rules.predicate
def is_published_document(user: Any, document: Any) -> bool:
    return document is not None and document.latest_version_id is not None


@rules.predicate
def has_consultation_started(user: Any, document: Any) -> bool:
    """A consultation on the draft has opened (it may have closed since)."""
    opens = getattr(document, "consultation_opens_at", None)
    return opens is not None and opens <= timezone.now()


@rules.predicate
def is_consultation_open(user: Any, document: Any) -> bool:
    """Now lies within the consultation period of the draft."""
    opens = getattr(document, "consultation_opens_at", None)
    closes = getattr(document, "consultation_closes_at", None)
    return opens is not None and closes is not None and opens <= timezone.now() < closes


can_edit = is_active_person & (is_document_editor | is_platform_admin)
can_take_part = is_active_person & has_confirmed_email

rules.add_perm("programs.add_document", is_active_person & (is_org_admin | is_platform_admin))
rules.add_perm("programs.change_document", can_edit)
rules.add_perm("programs.publish_document", can_edit)
rules.add_perm("programs.view_draft", can_edit)
rules.add_perm(
    "programs.view_document", is_published_document | has_consultation_started | can_edit
)
rules.add_perm("programs.view_consultation", has_consultation_started | can_edit)
rules.add_perm("programs.manage_consultation", can_edit)
rules.add_perm("programs.take_part", can_take_part & is_consultation_open)
rules.add_perm("programs.decide_amendment", can_edit)
rules.add_perm("programs.endorse", can_take_part & is_published_document)
rules.add_perm("programs.endorse_for_organisation", is_active_person & is_org_admin)

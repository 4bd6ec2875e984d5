"""Who may do what with programs and charters.

The object is the organisation for `add_document` and the document for everything else. Editors
are the administrators of the document's organisation (and platform administrators); they alone
see and change the working draft. A document is public once a version is published.
"""

from typing import Any

import rules

from pnyx.core.permissions import is_platform_admin
from pnyx.orgs.rules import is_active_person, is_org_admin


@rules.predicate
def is_document_editor(user: Any, document: Any) -> bool:
    """An administrator of the organisation that owns the document."""
    return document is not None and bool(is_org_admin(user, document.organisation))


@rules.predicate
def is_published_document(user: Any, document: Any) -> bool:
    return document is not None and document.latest_version_id is not None


can_edit = is_active_person & (is_document_editor | is_platform_admin)

rules.add_perm("programs.add_document", is_active_person & (is_org_admin | is_platform_admin))
rules.add_perm("programs.change_document", can_edit)
rules.add_perm("programs.publish_document", can_edit)
rules.add_perm("programs.view_draft", can_edit)
rules.add_perm("programs.view_document", is_published_document | can_edit)

"""Who may do what in the toolbox.

Anyone signed in with a confirmed address proposes tools, practices and edits; toolbox editors
(platform administrators and members of the `toolbox-editors` group) review them. An
organisation's administrators declare its usages and write its reviews (the object is then the
organisation).
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.orgs.rules import is_active_person, is_org_admin

#: The group whose members review proposed tools, practices and edits.
EDITORS_GROUP = "toolbox-editors"


@rules.predicate
def is_toolbox_editor(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.groups.filter(name=EDITORS_GROUP).exists()
    )


can_contribute = is_active_person & has_confirmed_email

rules.add_perm("toolbox.propose", can_contribute)
rules.add_perm("toolbox.review", is_active_person & (is_toolbox_editor | is_platform_admin))
rules.add_perm("toolbox.declare_usage", is_active_person & (is_org_admin | is_platform_admin))
rules.add_perm("toolbox.write_review", is_active_person & is_org_admin)
rules.add_perm("toolbox.tune_recommender", is_active_person)

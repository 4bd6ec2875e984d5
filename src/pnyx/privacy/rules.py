"""Who may do what with personal data: each person over their own, and no one else.

Staff see other people's data only through the pages of their role (moderation, the admin site),
each view logged; nothing here lets anyone read or change another person's privacy settings.
"""

from typing import Any

import rules

from pnyx.accounts.rules import is_active_person, is_self


@rules.predicate
def is_export_owner(user: Any, export: Any) -> bool:
    """The download was prepared for the person."""
    return bool(
        getattr(user, "is_authenticated", False)
        and export is not None
        and export.person_id == user.pk
    )


rules.add_perm("privacy.view_personal_data", is_active_person & is_self)
rules.add_perm("privacy.change_consent", is_active_person & is_self)
rules.add_perm("privacy.export_data", is_active_person & is_self)
rules.add_perm("privacy.download_export", is_active_person & is_export_owner)
rules.add_perm("privacy.delete_account", is_active_person & is_self)

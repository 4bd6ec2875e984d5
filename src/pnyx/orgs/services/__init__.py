"""Every change a person can make to organisations, memberships and invitations.

Each service checks its permission (see `rules.py`) first, validates everything it will write
before the first write, and runs in one transaction, so a refusal or an error leaves no trace. Bad
input raises `ValidationError` with a message meant for the person; a refused permission raises
`PermissionDenied`. Official acts go to the public audit log (ids only, never e-mail addresses).
"""

from pnyx.orgs.services.invitations import (
    hash_invitation_token,
    invitation_accept,
    invitation_revoke,
    membership_invite,
)
from pnyx.orgs.services.memberships import (
    membership_change_role,
    membership_decide,
    membership_leave,
    membership_remove,
    membership_request,
)
from pnyx.orgs.services.organisations import organisation_register, organisation_update

__all__ = [
    "hash_invitation_token",
    "invitation_accept",
    "invitation_revoke",
    "membership_change_role",
    "membership_decide",
    "membership_invite",
    "membership_leave",
    "membership_remove",
    "membership_request",
    "organisation_register",
    "organisation_update",
]

"""Who may do what with accounts, profiles and API tokens.

`has_confirmed_email` is shared: other apps import it to reserve acts (voting, joining an
organisation, …) to people whose e-mail address was confirmed.
"""

from typing import Any

import rules

from pnyx.accounts import selectors
from pnyx.core.permissions import is_authenticated, is_platform_admin

__all__ = [
    "has_confirmed_email",
    "is_active_person",
    "is_authenticated",
    "is_platform_admin",
    "is_self",
    "is_token_owner",
    "remember_confirmed_email",
]

_CONFIRMED_CACHE = "_pnyx_has_confirmed_email"


@rules.predicate
def is_active_person(user: Any) -> bool:
    """A logged-in account that was not deactivated."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def has_confirmed_email(user: Any) -> bool:
    """The person confirmed at least one e-mail address (remembered on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, _CONFIRMED_CACHE, None)
    if cached is None:
        cached = selectors.has_verified_email(user=user)
        setattr(user, _CONFIRMED_CACHE, cached)
    return bool(cached)


def remember_confirmed_email(user: Any, confirmed: bool) -> None:
    """Give `has_confirmed_email` the answer already read with the person (saves a query)."""
    setattr(user, _CONFIRMED_CACHE, confirmed)


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    """The object is the person's own account."""
    return bool(
        getattr(user, "is_authenticated", False) and person is not None and user.pk == person.pk
    )


@rules.predicate
def is_token_owner(user: Any, token: Any) -> bool:
    """The API token belongs to the person."""
    return bool(
        getattr(user, "is_authenticated", False) and token is not None and token.user_id == user.pk
    )


rules.add_perm("accounts.view_account", is_active_person & is_self)
rules.add_perm("accounts.change_profile", is_active_person & is_self)
rules.add_perm("accounts.add_apitoken", is_active_person & is_self & has_confirmed_email)
rules.add_perm("accounts.view_apitoken", is_active_person & is_token_owner)
rules.add_perm("accounts.revoke_apitoken", is_active_person & is_token_owner)

"""Permission helpers shared by every app's services.

Permissions are django-rules predicates composed in each app's `rules.py` and named
`<app>.<verb>_<model>`. Services call `require` before any write; a refusal raises
`PermissionDenied` (a 403 page, or a JSON 403 from the API) and is logged for review.
"""

import logging
from typing import Any

import rules
from django.core.exceptions import PermissionDenied

security_log = logging.getLogger("pnyx.security")


@rules.predicate
def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    """Platform administrators are the staff accounts."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def require(user: Any, permission: str, obj: Any = None) -> None:
    """Raise PermissionDenied (and log the refusal) unless `user` holds `permission` on `obj`."""
    if rules.has_perm(permission, user, obj):
        return
    security_log.info(
        "refused %s to user %s on %s",
        permission,
        getattr(user, "pk", None),
        f"{type(obj).__name__}:{getattr(obj, 'pk', '')}" if obj is not None else "-",
    )
    raise PermissionDenied(permission)

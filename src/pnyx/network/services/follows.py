"""Following an organisation, a topic, a tool or a person, and no longer following it.

Both acts are idempotent: following twice leaves one row, and two requests racing to follow the
same target meet on the unique constraint, the loser reading the winner's row. Nobody follows
themselves.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pnyx.accounts.models import User
from pnyx.core.permissions import require
from pnyx.network.models import Follow
from pnyx.network.selectors.follows import FollowTarget, follow_get, follow_kind_of


def follow_add(*, actor: User, target: FollowTarget) -> tuple[Follow, bool]:
    """Follow the target; returns the follow and whether it is new.

    Needs `network.follow`. Following oneself or a deactivated person is a ValidationError (code
    `self` or `inactive`). Following what one already follows changes nothing.
    """
    require(actor, "network.follow")
    kind = follow_kind_of(target)
    if isinstance(target, User):
        if target.pk == actor.pk:
            raise ValidationError(_("You cannot follow yourself."), code="self")
        if not target.is_active:
            raise ValidationError(_("This person's account is closed."), code="inactive")
    try:
        with transaction.atomic():
            target_field: dict[str, Any] = {kind: target}
            return Follow.objects.get_or_create(user=actor, **target_field)
    except IntegrityError:
        follow = follow_get(user=actor, target=target)
        if follow is None:
            raise
        return follow, False


def follow_remove(*, actor: User, target: FollowTarget) -> bool:
    """Stop following the target; returns whether there was a follow to remove.

    Needs `network.follow`.
    """
    require(actor, "network.follow")
    deleted, _rows = Follow.objects.filter(user=actor, **{follow_kind_of(target): target}).delete()
    return bool(deleted)

"""`{% load network_follow %}{% follow_button target %}`: follow or stop following an
organisation, a topic, a tool or a person, with a plain POST form that works without JavaScript.

Any app's template may use it (template libraries are loaded by name when the page renders). A
visitor sees a link to log in that comes back to the page. Where the page already knows the
answer (the list of follows), `followed=True` spares the query.
"""

from typing import Any

from django import template

from pnyx.accounts.models import User
from pnyx.network.selectors.follows import follow_exists, follow_key_of, follow_kind_of

register = template.Library()


@register.inclusion_tag("network/includes/follow_button.html", takes_context=True)
def follow_button(context: template.Context, target: Any, followed: bool | None = None) -> dict:
    """The button for `target`, saying "Follow" or "Unfollow" as the viewer's follow stands."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    if followed is None:
        followed = signed_in and follow_exists(user=user, target=target)
    return {
        "target": target,
        "kind": follow_kind_of(target),
        "key": follow_key_of(target),
        "followed": followed,
        "signed_in": signed_in,
        "is_self": isinstance(target, User) and target.pk == getattr(user, "pk", None),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }

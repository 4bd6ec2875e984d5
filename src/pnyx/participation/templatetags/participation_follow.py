"""`{% load participation_follow %}` then `{% follow_button process_or_proposition %}`.

A POST form that follows or stops following, working without JavaScript; visitors who are not
logged in see a link to log in and come back.
"""

from typing import Any

from django import template

from pnyx.participation.models import Proposition
from pnyx.participation.selectors.notifications import follow_exists

register = template.Library()


@register.inclusion_tag("participation/includes/follow_button.html", takes_context=True)
def follow_button(context: template.Context, target: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    is_proposition = isinstance(target, Proposition)
    return {
        "target": target,
        "kind": "proposition" if is_proposition else "process",
        "count": target.follower_count if is_proposition else None,
        "following": follow_exists(user=user, target=target),
        "authenticated": bool(getattr(user, "is_authenticated", False)),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }

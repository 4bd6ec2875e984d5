"""The follow button: on the network's own pages through `{% load network_follow %}`, and on the
pages of the apps below (an organisation, a person, a tool) as a registered page part."""

from typing import Any

from django.template import Context

from pnyx.accounts.models import User
from pnyx.core import page_parts
from pnyx.network.selectors.follows import follow_exists, follow_key_of, follow_kind_of


def follow_button_context(page: Context, target: Any, followed: bool | None = None) -> dict:
    """What `network/includes/follow_button.html` needs to say "Follow" or "Unfollow" as the
    viewer's follow stands; `followed` spares the query where the page already knows."""
    request = page.get("request")
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
    }


def register_page_parts() -> None:
    """The follow button on the pages of people and tools, and on an organisation's page beside
    links to its news."""
    for place in ("accounts.person.actions", "toolbox.tool.actions"):
        page_parts.register(
            place, template="network/includes/follow_button.html", context=follow_button_context
        )
    page_parts.register(
        "orgs.organisation.actions",
        template="network/includes/organisation_actions.html",
        context=follow_button_context,
    )

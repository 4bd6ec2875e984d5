"""`{% load network_follow %}{% follow_button target %}`: follow or stop following an
organisation, a topic, a tool or a person, with a plain POST form that works without JavaScript.

For the network's own pages; the pages of apps below the network get the button as a page part
(`pnyx.network.follow_button`). A visitor sees a link to log in that comes back to the page.
Where the page already knows the answer (the list of follows), `followed=True` spares the query.
"""

from typing import Any

from django import template

from pnyx.network.follow_button import follow_button_context

register = template.Library()


@register.inclusion_tag("network/includes/follow_button.html", takes_context=True)
def follow_button(context: template.Context, target: Any, followed: bool | None = None) -> dict:
    """The button for `target`, saying "Follow" or "Unfollow" as the viewer's follow stands."""
    return {
        **follow_button_context(context, target, followed),
        "csrf_token": context.get("csrf_token"),
    }

"""`{% load toolbox_usages %}{% organisation_tools organisation %}`: the tools an organisation
uses, for pages of apps below the toolbox (the organisation page), which cannot import it."""

from typing import Any

from django import template

from pnyx.toolbox.selectors.usages import organisation_tools as used_tools

register = template.Library()


@register.inclusion_tag("toolbox/includes/organisation_tools.html")
def organisation_tools(organisation: Any) -> dict[str, Any]:
    """The organisation's declared tools with its ratings (two queries)."""
    return {"used_tools": used_tools(organisation=organisation)}

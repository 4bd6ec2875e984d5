"""Template helpers of the organisation pages: `{% load orgs %}`."""

from django import template

from pnyx.core.text import plain_text

register = template.Library()


@register.filter
def excerpt(source: str, limit: int = 200) -> str:
    """A short plain-text summary of Markdown, left for the template to escape."""
    return plain_text(source, limit=limit)

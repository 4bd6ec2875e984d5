"""`{% load participation_text %}` then `{{ text|markdown_cached }}`: see participation.text."""

from django import template
from django.utils.safestring import SafeString

from pnyx.participation.text import markdown_html

register = template.Library()


@register.filter(name="markdown_cached")
def markdown_cached(source: str) -> SafeString:
    """The `markdown` filter of `{% load pnyx %}`, remembering recently rendered texts."""
    return markdown_html(source or "")

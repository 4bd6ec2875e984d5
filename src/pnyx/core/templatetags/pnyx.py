"""Template helpers shared by every app: `{% load pnyx %}`."""

from django import template
from django.utils.safestring import SafeString

from pnyx.core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(source: str) -> SafeString:
    """Render Markdown source as sanitised HTML."""
    return render_markdown(source)

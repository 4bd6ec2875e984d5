"""Template helpers shared by every app: `{% load pnyx %}`."""

from typing import Any

from django import template
from django.conf import settings
from django.template import Context
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from pnyx.core import page_parts as parts_of_page
from pnyx.core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(source: str) -> SafeString:
    """Render Markdown source as sanitised HTML."""
    return render_markdown(source)


#: Rendered fragments by (template, language, URL prefix); see `fragment`.
_FRAGMENTS: dict[tuple[str, str, str], SafeString] = {}


@register.simple_tag
def fragment(name: str) -> SafeString:
    """The template `name` rendered once per language and URL prefix, then reused.

    For the parts of the layout that depend on nothing but the language (the navigation links, the
    language choices, the footer): rendered on every page, their translations and URL look-ups
    cost about as much as a whole bare Django page. The template sees only `pnyx_version`, never
    the request. With DEBUG on it is rendered each time, so that edits show at once.
    """
    key = (name, get_language(), get_script_prefix())
    html = _FRAGMENTS.get(key)
    if html is None or settings.DEBUG:
        html = mark_safe(render_to_string(name, {"pnyx_version": settings.VERSION}))  # noqa: S308 - our own template, autoescaped
        _FRAGMENTS[key] = html
    return html


@register.simple_tag(takes_context=True)
def page_parts(context: Context, place: str, target: Any) -> SafeString:
    """`{% page_parts "orgs.organisation.sections" organisation %}`: what other apps registered
    for this place of the page (see `pnyx.core.page_parts`)."""
    return parts_of_page.render(place, context, target)

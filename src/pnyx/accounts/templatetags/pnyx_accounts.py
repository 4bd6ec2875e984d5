"""Template helpers for account pages: `{% load pnyx_accounts %}`."""

from django import template

from pnyx.accounts.languages import language_name

register = template.Library()


@register.filter(name="language_names")
def language_names(codes: list[str]) -> list[str]:
    """Translated names of a list of language codes, in the person's order."""
    return [language_name(code) for code in codes or []]

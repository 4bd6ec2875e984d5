"""Template filters of the transparency pages."""

from django import template

from pnyx.transparency.explainers import figure as number_text

register = template.Library()


@register.filter
def figure(value: object) -> str:
    """A factor's value or contribution as the "why" pages print it: numbers rounded to three
    decimals without trailing zeros, words as they are, a dash for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return str(value)

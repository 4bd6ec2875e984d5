"""`{% load programs_consultation %}{% amendment_diff amendment %}`: what an amendment changes."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from pnyx.programs.compare import word_diff

register = template.Library()


@register.simple_tag
def amendment_diff(amendment: Any) -> SafeString:
    """The proposed text with the words it removes from the measure in <del> and the words it
    adds in <ins>; every piece of text escaped."""
    return word_diff(amendment.original_text, amendment.text)

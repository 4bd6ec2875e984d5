"""Checks shared by the services: required and optional text within a length limit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def required_text(field: str, value: str, limit: int) -> str:
    """The trimmed text; ValidationError keyed by `field` when empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text


def optional_text(field: str, value: str, limit: int) -> str:
    """The trimmed text, possibly empty; ValidationError keyed by `field` when too long."""
    text = (value or "").strip()
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text

"""Input checks shared by the partner and study-group services: required and optional text
within a length limit, and web addresses."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_web_address = URLValidator(schemes=["http", "https"])


def required_text(field: str, value: str, limit: int) -> str:
    """The trimmed text; ValidationError keyed by `field` when empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")}, code="required")
    return optional_text(field, text, limit)


def optional_text(field: str, value: str, limit: int) -> str:
    """The trimmed text, possibly empty; ValidationError keyed by `field` when too long or
    holding a NUL character (which PostgreSQL cannot store)."""
    text = (value or "").strip()
    if "\x00" in text:
        message = _("Null characters are not allowed.")
        raise ValidationError({field: message}, code="null_characters_not_allowed")
    if len(text) > limit:
        message = _("At most %(limit)s characters.")
        raise ValidationError({field: message % {"limit": limit}}, code="too_long")
    return text


def web_address(field: str, value: str, limit: int) -> str:
    """The trimmed http(s) address, possibly empty; ValidationError keyed by `field`
    otherwise (so no `javascript:` link reaches a page)."""
    url = optional_text(field, value, limit)
    if url:
        try:
            _web_address(url)
        except ValidationError:
            message = _("Give a web address starting with https:// or http://.")
            raise ValidationError({field: message}, code="invalid") from None
    return url

"""What every API router shares: the error bodies and the checks of common filter values."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Schema
from ninja.errors import ValidationError

from pnyx.core.taxonomy import TOPICS


class ErrorOut(Schema):
    """Every error that is not a validation error: one sentence saying what went wrong."""

    detail: str


class FieldErrorOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    """A 422: one entry per bad input, naming where it is and what is wrong with it."""

    detail: list[FieldErrorOut]


def invalid_input(error: DjangoValidationError) -> ValidationError:
    """A service's ValidationError as the API's 422: one entry per field of the body, with
    `__all__` for a refusal of the input as a whole."""
    fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return ValidationError(
        [
            {"type": "value_error", "loc": ["body", "payload", name], "msg": " ".join(messages)}
            for name, messages in fields.items()
        ]
    )


def country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased; blank stays blank; ValueError for anything else."""
    code = value.strip().upper()
    if code and code not in dict(countries):
        message = _("Unknown country code '%(value)s'; use an ISO 3166-1 alpha-2 code.")
        raise ValueError(message % {"value": value})
    return code


def topic_slug(value: str) -> str:
    """A known topic slug; blank stays blank; ValueError naming the choices otherwise."""
    if value and value not in TOPICS:
        message = _("Unknown topic '%(value)s'; use one of: %(choices)s.")
        raise ValueError(message % {"value": value, "choices": ", ".join(TOPICS)})
    return value

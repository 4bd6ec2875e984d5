"""Practitioners and help requests in the API: the directory, help requests with their answers
and suggested practitioners (with the reasons), answering a data request, and asking a
practitioner for help. A practitioner's e-mail address never appears here."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut
from pnyx.network import matching
from pnyx.network.forms.practitioners import contact_rate_exceeded
from pnyx.network.models import ExpertAnswer, HelpKind, HelpRequest, HelpStatus, Practitioner
from pnyx.network.selectors import help as help_selectors
from pnyx.network.selectors import practitioners as selectors
from pnyx.network.services import contacts as contact_services
from pnyx.network.services import help as help_services

router = Router(tags=["network"])

FILTER_MAX_LENGTH = 120


class PractitionerOut(Schema):
    id: int
    name: str = Field(description="The person's public name.")
    headline: str
    topics: list[str] = Field(description="Topic slugs.")
    tools: list[str] = Field(description="Tool slugs.")
    languages: list[str] = Field(description="Language codes.")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes.")
    hours_per_month: int
    data_expert: bool = Field(description="Helps make sense of data sets.")

    @staticmethod
    def resolve_name(obj: Practitioner) -> str:
        return obj.user.public_name

    @staticmethod
    def resolve_topics(obj: Practitioner) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_tools(obj: Practitioner) -> list[str]:
        return [tool.slug for tool in obj.tools.all()]


class PractitionerFilters(Schema):
    q: str = Field("", max_length=FILTER_MAX_LENGTH, description="Words of the headline or name.")
    topic: str = Field("", max_length=FILTER_MAX_LENGTH, description="A topic slug.")
    tool: str = Field("", max_length=FILTER_MAX_LENGTH, description="A tool slug.")
    language: str = Field("", max_length=20, description="A language code, such as fr.")
    country: str = Field("", max_length=2, description="An ISO 3166-1 alpha-2 code.")
    data_expert: bool = Field(False, description="Only people who help with data sets.")


class ReasonOut(Schema):
    factor: str = Field(description="topics, tools, languages, country or data.")
    shared: list[str] = Field(description="The slugs or codes both sides share.")
    contribution: float = Field(description="What this reason added to the score.")


class SuggestionOut(Schema):
    practitioner: PractitionerOut
    score: float
    reasons: list[ReasonOut]


class AnswerOut(Schema):
    id: int
    author: str | None = Field(description="The author's public name; null once anonymised.")
    body: str = Field(description="Markdown.")
    useful: bool
    created_at: datetime

    @staticmethod
    def resolve_author(obj: ExpertAnswer) -> str | None:
        return obj.author.public_name if obj.author is not None else None


class HelpRequestOut(Schema):
    id: int
    organisation: str = Field(description="The organisation's slug.")
    organisation_name: str
    kind: str = Field(description="help, or data for “make sense of this data set”.")
    status: str = Field(description="open or closed.")
    title: str
    body: str = Field(description="Markdown.")
    dataset_url: str = Field(description="The data set's address (data requests only).")
    topics: list[str]
    tools: list[str]
    languages: list[str]
    country: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj: HelpRequest) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_name(obj: HelpRequest) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_topics(obj: HelpRequest) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_tools(obj: HelpRequest) -> list[str]:
        return [tool.slug for tool in obj.tools.all()]

    @staticmethod
    def resolve_country(obj: HelpRequest) -> str:
        return str(obj.country)


class HelpRequestDetailOut(HelpRequestOut):
    algorithm: str = Field(description="The id of the algorithm that suggests practitioners.")
    algorithm_version: str
    suggestions: list[SuggestionOut] = Field(description="Empty once the request is closed.")
    answers: list[AnswerOut] = Field(description="Useful answers first (data requests only).")

    @staticmethod
    def resolve_answers(obj: HelpRequest) -> list[ExpertAnswer]:
        return list(getattr(obj, "thread", []))


class HelpRequestFilters(Schema):
    topic: str = Field("", max_length=FILTER_MAX_LENGTH, description="A topic slug.")
    kind: str = Field("", max_length=10, description="help or data.")
    status: str = Field("", max_length=10, description="open or closed.")
    organisation: str = Field("", max_length=220, description="An organisation's slug.")


class AnswerIn(Schema):
    body: str = Field(max_length=10000, description="Markdown.")


class ContactIn(Schema):
    message: str = Field(max_length=2000)
    help_request: int | None = Field(None, description="The id of a help request it is about.")


class ContactOut(Schema):
    id: int
    state: str
    created_at: datetime


def _query_error(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def _invalid(error: DjangoValidationError) -> ValidationError:
    fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return ValidationError(
        [
            {"type": "value_error", "loc": ["body", "payload", name], "msg": " ".join(messages)}
            for name, messages in fields.items()
        ]
    )


@router.get(
    "/practitioners",
    response={200: list[PractitionerOut], 422: ValidationErrorOut},
    operation_id="practitioner_list",
    summary="The directory of practitioners",
)
@paginate(BoundedPageNumberPagination)
def practitioner_list(request: HttpRequest, filters: Query[PractitionerFilters]) -> Any:
    """Available practitioners, most recently updated first, or most relevant first with `q`."""
    return selectors.practitioner_directory(
        query=filters.q,
        topic=filters.topic,
        tool=filters.tool,
        language=filters.language,
        country=filters.country.upper(),
        data_expert=filters.data_expert,
    )


@router.get(
    "/help-requests",
    response={200: list[HelpRequestOut], 422: ValidationErrorOut},
    operation_id="help_request_list",
    summary="Help requests of organisations",
)
@paginate(BoundedPageNumberPagination)
def help_request_list(request: HttpRequest, filters: Query[HelpRequestFilters]) -> Any:
    """Help requests, newest first. 422 for an unknown kind or status."""
    if filters.kind and filters.kind not in HelpKind.values:
        raise _query_error("kind", _("Choose help or data."))
    if filters.status and filters.status not in HelpStatus.values:
        raise _query_error("status", _("Choose open or closed."))
    return help_selectors.help_request_list(
        topic=filters.topic,
        kind=filters.kind,
        status=filters.status,
        organisation=filters.organisation,
    )


def _help_request(pk: int) -> HelpRequest:
    help_request = help_selectors.help_request_get(pk=pk)
    if help_request is None:
        raise HttpError(404, _("No help request has the id %(id)s.") % {"id": pk})
    return help_request


@router.get(
    "/help-requests/{id}",
    response={200: HelpRequestDetailOut, 404: ErrorOut},
    operation_id="help_request_get",
    summary="One help request, its answers and the practitioners suggested",
)
def help_request_get(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """The request with, while it is open, the practitioners the matching suggests and the
    reasons for each (see the algorithm card), and for a data request the answers."""
    help_request = _help_request(id)
    suggestions = []
    if help_request.status == HelpStatus.OPEN:
        suggestions = [
            {
                "practitioner": suggestion.practitioner,
                "score": suggestion.match.score,
                "reasons": [
                    {
                        "factor": reason.factor,
                        "shared": list(reason.shared),
                        "contribution": reason.contribution,
                    }
                    for reason in suggestion.match.reasons
                ],
            }
            for suggestion in selectors.suggested_practitioners(help_request=help_request)
        ]
    answers: list[ExpertAnswer] = []
    if help_request.kind == HelpKind.DATA:
        answers = list(help_selectors.help_request_answers(help_request=help_request))
    extras = {
        "algorithm": matching.MATCHING_ID,
        "algorithm_version": matching.MATCHING_CARD.version,
        "suggestions": suggestions,
        "thread": answers,
    }
    for name, value in extras.items():
        setattr(help_request, name, value)
    return help_request


@router.post(
    "/help-requests/{id}/answers",
    response={
        201: AnswerOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=api_auth,
    operation_id="help_request_answer",
    summary="Answer a request to make sense of a data set",
)
def help_request_answer(request: HttpRequest, id: int, payload: AnswerIn) -> Any:  # noqa: A002
    """Answer in the thread of an open data request. 403 without a confirmed e-mail address;
    409 for a closed request or one that is not about a data set."""
    help_request = _help_request(id)
    try:
        answer = help_services.answer_add(
            actor=request.auth,  # type: ignore[attr-defined]
            help_request=help_request,
            body=payload.body,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Confirm your e-mail address to answer.")})
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise _invalid(error) from error
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, answer)


@router.post(
    "/practitioners/{id}/contact",
    response={
        201: ContactOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    auth=api_auth,
    operation_id="practitioner_contact",
    summary="Ask a practitioner for help",
)
def practitioner_contact(request: HttpRequest, id: int, payload: ContactIn) -> Any:  # noqa: A002
    """Send a contact request; the practitioner is notified, and each of you sees the other's
    e-mail address only once they accept. 404 for a practitioner who is unknown or paused; 409
    when a request of yours to them still waits for an answer, or to yourself; 429 past five
    requests an hour."""
    practitioner = selectors.practitioner_get_visible(pk=id, user=None)
    if practitioner is None:
        raise HttpError(404, _("No available practitioner has the id %(id)s.") % {"id": id})
    help_request = None
    if payload.help_request is not None:
        help_request = help_selectors.help_request_get(pk=payload.help_request)
        if help_request is None:
            message = _("No help request has the id %(id)s.") % {"id": payload.help_request}
            raise ValidationError(
                [
                    {
                        "type": "value_error",
                        "loc": ["body", "payload", "help_request"],
                        "msg": message,
                    }
                ]
            )
    if contact_rate_exceeded(request):
        return Status(429, {"detail": _("Too many contact requests: wait an hour and try again.")})
    try:
        contact = contact_services.contact_request_send(
            actor=request.auth,  # type: ignore[attr-defined]
            practitioner=practitioner,
            message=payload.message,
            help_request=help_request,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Confirm your e-mail address to ask for help.")})
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise _invalid(error) from error
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, contact)

"""Amendments in the API: the amendments proposed on a document's draft, proposing one while the
consultation is open, and supporting one.

A document's amendments are readable once a consultation on it has opened (or by its editors);
otherwise the document answers 404, as on the site.
"""

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
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input
from pnyx.programs import selectors, services
from pnyx.programs.api.documents import absolute_url
from pnyx.programs.forms import contribution_rate_exceeded
from pnyx.programs.models import Amendment, AmendmentStatus, Document

router = Router(tags=["programs"])


class AmendmentOut(Schema):
    """A proposed replacement text for a measure of the draft, and what became of it."""

    id: int
    measure: int | None = Field(description="The measure's id; null once it left the draft.")
    status: str = Field(description="open, accepted, rejected or withdrawn.")
    original_text: str = Field(description="The measure as it read when the amendment was made.")
    text: str = Field(description="The proposed text (Markdown).")
    justification: str
    author: str = Field(description="The author's public name.")
    support_count: int
    created_at: datetime
    decided_at: datetime | None
    reason: str = Field(description="The editors' reason; required for a rejection.")
    version: str | None = Field(description="The version that took it up, once published.")
    url: str

    @staticmethod
    def resolve_measure(obj: Amendment) -> int | None:
        return obj.measure_id

    @staticmethod
    def resolve_author(obj: Amendment) -> str:
        return obj.author.public_name if obj.author is not None else ""

    @staticmethod
    def resolve_version(obj: Amendment) -> str | None:
        return obj.version.number if obj.version is not None else None

    @staticmethod
    def resolve_url(obj: Amendment, context: Any) -> str:
        return absolute_url(selectors.amendment_path(amendment=obj), context)


class AmendmentFilters(Schema):
    status: str = Field("", description="Only amendments in this status.")


class AmendmentIn(Schema):
    measure: int = Field(..., ge=1, description="The id of a measure of the current draft.")
    text: str = Field(..., max_length=5000)
    justification: str = Field(..., max_length=2000)


def _document(request: HttpRequest, pk: int) -> Document:
    user = getattr(request, "auth", None) or request.user
    document = selectors.document_get_consulted(pk=pk, user=user)
    if document is None:
        raise HttpError(404, _("No document under consultation has the id %(id)s.") % {"id": pk})
    return document


def _amendment(document: Document, pk: int) -> Amendment:
    found = selectors.amendment_list(document=document).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, _("No amendment has the id %(id)s.") % {"id": pk})
    found.document = document
    return found


def _refused() -> Status:
    detail = _("The consultation is closed, or your address is not confirmed.")
    return Status(403, {"detail": detail})


@router.get(
    "/documents/{id}/amendments",
    response={200: list[AmendmentOut], 404: ErrorOut, 422: ValidationErrorOut},
    operation_id="amendment_list",
    summary="The amendments proposed on a draft",
)
@paginate(BoundedPageNumberPagination)
def amendment_list(
    request: HttpRequest,
    id: int,  # noqa: A002 - the documented name
    filters: Query[AmendmentFilters],
) -> Any:
    """Every amendment of the document's consultations, oldest first; `status` keeps one status
    (422 for an unknown one)."""
    document = _document(request, id)
    if filters.status and filters.status not in AmendmentStatus.values:
        message = _("Choose a status among %(choices)s.") % {
            "choices": ", ".join(AmendmentStatus.values)
        }
        raise ValidationError([{"type": "value_error", "loc": ["query", "status"], "msg": message}])
    return selectors.amendment_list(document=document, status=filters.status)


@router.post(
    "/documents/{id}/amendments",
    response={
        201: AmendmentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    auth=api_auth,
    operation_id="amendment_propose",
    summary="Propose an amendment to a measure of the draft",
)
def amendment_propose(request: HttpRequest, id: int, payload: AmendmentIn) -> Any:  # noqa: A002
    """Propose a replacement text for a measure, with a justification, while the consultation is
    open. 403 when it is closed or without a confirmed e-mail address; 404 for a measure that is
    not in the draft; 429 when posting too fast."""
    document = _document(request, id)
    measure = selectors.measure_in_draft(document=document, pk=payload.measure)
    if measure is None:
        raise HttpError(404, _("The draft has no measure %(id)s.") % {"id": payload.measure})
    if contribution_rate_exceeded(request):
        return Status(429, {"detail": _("Too many posts: wait a minute and try again.")})
    try:
        amendment = services.amendment_propose(
            actor=request.auth,  # type: ignore[attr-defined]
            measure=measure,
            text=payload.text,
            justification=payload.justification,
        )
    except PermissionDenied:
        return _refused()
    except DjangoValidationError as error:
        raise invalid_input(error) from error
    return Status(201, amendment)


def _support(request: HttpRequest, id: int, amendment_id: int, supported: bool) -> Any:
    document = _document(request, id)
    amendment = _amendment(document, amendment_id)
    try:
        services.amendment_support(
            actor=request.auth,  # type: ignore[attr-defined]
            amendment=amendment,
            supported=supported,
        )
    except PermissionDenied:
        return _refused()
    except DjangoValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(204, None)


_SUPPORT_RESPONSES = {204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.put(
    "/documents/{id}/amendments/{amendment_id}/support",
    response=_SUPPORT_RESPONSES,
    auth=api_auth,
    operation_id="amendment_support",
    summary="Support an amendment",
)
def amendment_support(request: HttpRequest, id: int, amendment_id: int) -> Any:  # noqa: A002
    """Support an open amendment (again is harmless). 409 for your own amendment or one that is
    no longer open."""
    return _support(request, id, amendment_id, supported=True)


@router.delete(
    "/documents/{id}/amendments/{amendment_id}/support",
    response=_SUPPORT_RESPONSES,
    auth=api_auth,
    operation_id="amendment_unsupport",
    summary="Take back the support of an amendment",
)
def amendment_unsupport(request: HttpRequest, id: int, amendment_id: int) -> Any:  # noqa: A002
    """Take back your support of an open amendment (harmless when you gave none)."""
    return _support(request, id, amendment_id, supported=False)

"""Engagement records in the API: one's own entries only.

Listing brings the entries Pnyx keeps up to date first, as the page does. Evidence files are
added on the page (the API gives the address to download one). Every refusal is a 4xx with its
reason: 401 without a token, 403 without a confirmed address, 404 for an entry that is not
one's own, 409 for an entry that can no longer change, 422 per field, 429 past the rate limit.
"""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input
from pnyx.learning.forms.engagement import entry_rate_exceeded
from pnyx.learning.models import EngagementEntry, EngagementSource
from pnyx.learning.selectors import engagement as selectors
from pnyx.learning.services import engagement as services
from pnyx.learning.services.engagement_referees import referee_status
from pnyx.learning.services.engagement_sync import engagement_refresh

router = Router(tags=["learning"])

_WRITES = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
    429: ErrorOut,
}


class EntryOut(Schema):
    id: int
    source: str = Field(description="manual (written by the learner) or pnyx (kept by Pnyx).")
    activity: str
    organisation: str | None = Field(description="The slug of an organisation on Pnyx.")
    organisation_name: str
    started_on: date
    ended_on: date | None
    hours: Decimal | None
    description: str
    evidence_url: str
    evidence_file: str = Field(description="Where to download the evidence file; empty if none.")
    referee_name: str
    referee_email: str
    referee_status: str = Field(description="Empty (no referee), waiting, confirmed or declined.")
    referee_confirmed_at: datetime | None
    referee_note: str
    shared: bool = Field(description="Shown on the learner's public record page.")
    in_use: bool = Field(description="An application rests on it: it can no longer change.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_organisation(obj: EngagementEntry) -> str | None:
        return obj.organisation.slug if obj.organisation else None

    @staticmethod
    def resolve_evidence_file(obj: EngagementEntry) -> str:
        if not obj.evidence_file:
            return ""
        return reverse("learning:engagement-evidence", kwargs={"pk": obj.pk})

    @staticmethod
    def resolve_referee_status(obj: EngagementEntry) -> str:
        return referee_status(obj)

    @staticmethod
    def resolve_in_use(obj: EngagementEntry) -> bool:
        return selectors.engagement_entry_in_use(entry=obj)


class EntryIn(Schema):
    activity: str = Field(..., max_length=200)
    started_on: date
    ended_on: date | None = None
    organisation: str = Field("", max_length=220, description="Slug of an organisation on Pnyx.")
    organisation_name: str = Field("", max_length=200)
    hours: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=1)
    description: str = Field("", max_length=5000)
    evidence_url: str = Field("", max_length=500)
    referee_name: str = Field("", max_length=200)
    referee_email: str = Field("", max_length=254, description="They get a link to confirm.")
    shared: bool = False


class EntryPatch(Schema):
    activity: str | None = Field(None, max_length=200)
    started_on: date | None = None
    ended_on: date | None = None
    organisation: str | None = Field(None, max_length=220)
    organisation_name: str | None = Field(None, max_length=200)
    hours: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=1)
    description: str | None = Field(None, max_length=5000)
    evidence_url: str | None = Field(None, max_length=500)
    referee_name: str | None = Field(None, max_length=200)
    referee_email: str | None = Field(None, max_length=254)
    shared: bool | None = None


def _too_fast(request: HttpRequest) -> Status | None:
    if entry_rate_exceeded(request):
        return Status(429, {"detail": _("Too many entries written: wait an hour and try again.")})
    return None


def _own(request: HttpRequest, pk: int) -> EngagementEntry:
    entry = selectors.engagement_entry_get_own(learner=request.auth, pk=pk)  # type: ignore[attr-defined]
    if entry is None:
        raise HttpError(404, _("No entry of your record has the id %(id)s.") % {"id": pk})
    return entry


def _fixed(entry: EngagementEntry) -> str:
    """Why the entry can no longer change, or an empty string."""
    if entry.source == EngagementSource.PNYX:
        return _("Pnyx keeps this entry from your activity: only its sharing can change.")
    if selectors.engagement_entry_in_use(entry=entry):
        return _("An application rests on this entry: only its sharing can change.")
    return ""


@router.get(
    "/learning/engagement",
    response={200: list[EntryOut], 401: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="engagement_entry_list",
    summary="My engagement record",
)
@paginate(BoundedPageNumberPagination)
def engagement_entry_list(request: HttpRequest) -> Any:
    """Your entries, newest start first; the entries Pnyx keeps are brought up to date first."""
    engagement_refresh(learner=request.auth)  # type: ignore[attr-defined]
    return selectors.engagement_entries_for_learner(learner=request.auth)  # type: ignore[attr-defined]


@router.post(
    "/learning/engagement",
    response={201: EntryOut, **_WRITES},
    auth=api_auth,
    operation_id="engagement_entry_create",
    summary="Add an entry to my record",
)
def engagement_entry_create(request: HttpRequest, payload: EntryIn) -> Any:
    """Write an entry; a referee named gets an e-mail with a link to confirm it. 403 without a
    confirmed e-mail address."""
    if not request.auth.has_perm("learning.add_engagement_entry"):  # type: ignore[attr-defined]
        return Status(403, {"detail": _("Confirm your e-mail address to write entries.")})
    refusal = _too_fast(request)
    if refusal is not None:
        return refusal
    try:
        entry = services.engagement_entry_create(
            actor=request.auth,  # type: ignore[attr-defined]
            fields_in=services.EntryFields(**payload.dict()),
        )
    except DjangoValidationError as error:
        raise invalid_input(error) from error
    return Status(201, _own(request, entry.pk))


@router.patch(
    "/learning/engagement/{id}",
    response={200: EntryOut, **_WRITES},
    auth=api_auth,
    operation_id="engagement_entry_update",
    summary="Change an entry of my record",
)
def engagement_entry_update(request: HttpRequest, id: int, payload: EntryPatch) -> Any:  # noqa: A002
    """Change the fields sent. Only `shared` changes on an entry kept by Pnyx or one an
    application rests on (409 otherwise)."""
    entry = _own(request, id)
    user = request.auth  # type: ignore[attr-defined]
    changes = payload.dict(exclude_unset=True)
    if set(changes) <= {"shared"}:
        if changes.get("shared") is not None:
            services.engagement_entry_set_shared(actor=user, entry=entry, shared=changes["shared"])
        return _own(request, id)
    fixed = _fixed(entry)
    if fixed:
        return Status(409, {"detail": fixed})
    refusal = _too_fast(request)
    if refusal is not None:
        return refusal
    try:
        services.engagement_entry_update(
            actor=user, entry=entry, fields_in=replace(services.EntryFields.of(entry), **changes)
        )
    except DjangoValidationError as error:
        raise invalid_input(error) from error
    return _own(request, id)


@router.delete(
    "/learning/engagement/{id}",
    response={204: None, **_WRITES},
    auth=api_auth,
    operation_id="engagement_entry_delete",
    summary="Delete an entry of my record",
)
def engagement_entry_delete(request: HttpRequest, id: int) -> Any:  # noqa: A002
    """Delete a written entry and its evidence file; 409 for an entry kept by Pnyx or one an
    application rests on."""
    entry = _own(request, id)
    fixed = _fixed(entry)
    if fixed:
        return Status(409, {"detail": fixed})
    services.engagement_entry_delete(actor=request.auth, entry=entry)  # type: ignore[attr-defined]
    return Status(204, None)

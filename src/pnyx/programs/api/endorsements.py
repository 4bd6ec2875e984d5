"""Endorsements in the API: who endorses a document's versions, endorsing its latest version as
oneself or for an organisation, and withdrawing."""

import re
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
from pnyx.orgs.models import Organisation
from pnyx.programs import selectors, services
from pnyx.programs.api.documents import NUMBER_MAX_LENGTH, version_by_number
from pnyx.programs.models import Document, Endorsement

router = Router(tags=["programs"])


#: As long as an organisation's address name may be (`Organisation.slug`).
SLUG_MAX_LENGTH = 220
_VERSION_NUMBER = re.compile(r"^\d{1,4}\.\d{1,4}$")


class EndorsementOut(Schema):
    """An active endorsement of one version, by a person or by an organisation."""

    version: str = Field(description="The number of the version endorsed.")
    kind: str = Field(description="person or organisation.")
    name: str = Field(description="The person's public name or the organisation's name.")
    organisation: str | None = Field(description="The organisation's slug; null for a person.")
    created_at: datetime

    @staticmethod
    def resolve_version(obj: Endorsement) -> str:
        return obj.version.number

    @staticmethod
    def resolve_kind(obj: Endorsement) -> str:
        return "organisation" if obj.organisation_id else "person"

    @staticmethod
    def resolve_name(obj: Endorsement) -> str:
        if obj.organisation is not None:
            return obj.organisation.name
        return obj.person.public_name if obj.person is not None else ""

    @staticmethod
    def resolve_organisation(obj: Endorsement) -> str | None:
        return obj.organisation.slug if obj.organisation is not None else None


class EndorsementFilters(Schema):
    version: str = Field(
        "", max_length=NUMBER_MAX_LENGTH, description="Only this version's, such as 1.1."
    )


class EndorsementIn(Schema):
    organisation: str = Field(
        "",
        max_length=SLUG_MAX_LENGTH,
        description="The slug of an organisation you administer, to act on its behalf; leave it "
        "out to act as yourself.",
    )


def _published_or_404(pk: int) -> Document:
    document = selectors.document_get_published(pk=pk)
    if document is None:
        raise HttpError(404, _("No published document has the id %(id)s.") % {"id": pk})
    return document


def _field_error(field: str, message: str, where: str = "body") -> ValidationError:
    location = [where, "payload", field] if where == "body" else [where, field]
    return ValidationError([{"type": "value_error", "loc": location, "msg": message}])


def _endorsing_organisation(slug: str, where: str = "body") -> Organisation | None:
    if not slug:
        return None
    organisation = selectors.organisation_by_slug(slug=slug)
    if organisation is None:
        message = _("No organisation has the slug '%(slug)s'.") % {"slug": slug}
        raise _field_error("organisation", message, where)
    return organisation


def _refused(refusal: PermissionDenied, organisation: Organisation | None) -> Status:
    if organisation is not None and "endorse_for_organisation" in str(refusal):
        message = _("Only an active administrator of %(name)s may act on its behalf.")
        return Status(403, {"detail": message % {"name": organisation.name}})
    return Status(403, {"detail": _("Confirm your e-mail address to endorse.")})


@router.get(
    "/documents/{id}/endorsements",
    response={200: list[EndorsementOut], 404: ErrorOut},
    operation_id="endorsement_list",
    summary="Who endorses a program or charter",
)
@paginate(BoundedPageNumberPagination)
def endorsement_list(
    request: HttpRequest,
    id: int,  # noqa: A002 - the documented name
    filters: Query[EndorsementFilters],
) -> Any:
    """Active endorsements, newest version first, then organisations by name, then people in the
    order they endorsed. Each endorsement names the version endorsed; `version` keeps one version's
    (422 for a malformed number, 404 for an unknown one)."""
    document = _published_or_404(id)
    version = None
    if filters.version:
        if not _VERSION_NUMBER.match(filters.version):
            message = _("Write the number as two whole numbers with a dot, such as 1.1.")
            raise _field_error("version", message, "query")
        version = version_by_number(document, filters.version)
        if version is None:
            message = _("No published version has the number %(number)s.")
            raise HttpError(404, message % {"number": filters.version})
    return selectors.endorsement_list(document=document, version=version)


@router.post(
    "/documents/{id}/endorsements",
    response={
        201: EndorsementOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=api_auth,
    operation_id="endorsement_add",
    summary="Endorse the latest version",
)
def endorsement_add(request: HttpRequest, id: int, payload: EndorsementIn) -> Any:  # noqa: A002
    """Endorse the document's latest version, as yourself or, with `organisation`, on behalf of
    an organisation you administer. Endorsing again after withdrawing restores the endorsement;
    after a new version, endorsing confirms it for that version. 409 when the endorser already
    endorses the latest version (nothing changes); 403 without a confirmed e-mail address or for
    an organisation you do not administer."""
    document = _published_or_404(id)
    organisation = _endorsing_organisation(payload.organisation)
    try:
        endorsement = services.endorsement_add(
            actor=request.auth,  # type: ignore[attr-defined]
            document=document,
            organisation=organisation,
        )
    except PermissionDenied as refusal:
        return _refused(refusal, organisation)
    except DjangoValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, endorsement)


@router.delete(
    "/documents/{id}/endorsements",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="endorsement_withdraw",
    summary="Withdraw an endorsement",
)
def endorsement_withdraw(
    request: HttpRequest,
    id: int,  # noqa: A002 - the documented name
    filters: Query[EndorsementIn],
) -> Any:
    """Withdraw your endorsement of every version of the document or, with `organisation` in the
    query, that of an organisation you administer. 404 when there is no endorsement to withdraw."""
    document = _published_or_404(id)
    organisation = _endorsing_organisation(filters.organisation, "query")
    try:
        count = services.endorsement_withdraw(
            actor=request.auth,  # type: ignore[attr-defined]
            document=document,
            organisation=organisation,
        )
    except PermissionDenied as refusal:
        return _refused(refusal, organisation)
    if not count:
        return Status(404, {"detail": _("There was no endorsement to withdraw.")})
    return Status(204, None)

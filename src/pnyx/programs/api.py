"""Programs and charters in the API: published documents, their versions, comparisons and
endorsements.

Only documents with a published version exist here; a draft answers 404 to everyone, editors
included. Versions are read from their frozen snapshots, so an answer never shows the draft.
"""

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
from pnyx.programs import compare, selectors, services
from pnyx.programs.models import Document, Endorsement, Version

router = Router(tags=["programs"])

#: As long as a version number may be (`Version.number`).
NUMBER_MAX_LENGTH = 20


def _absolute(path: str, context: Any) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request is not None else path


class DocumentOrganisationOut(Schema):
    id: int
    slug: str
    name: str


class DocumentOut(Schema):
    """A published program or charter as the listing shows it."""

    id: int
    slug: str
    kind: str = Field(description="program or charter.")
    title: str
    summary: str = Field(description="Markdown source of the working summary.")
    organisation: DocumentOrganisationOut
    latest_version: str = Field(description="The number of the newest published version.")
    url: str = Field(description="The document's page.")

    @staticmethod
    def resolve_latest_version(obj: Document) -> str:
        return obj.latest_version.number if obj.latest_version else ""

    @staticmethod
    def resolve_url(obj: Document, context: Any) -> str:
        return _absolute(obj.get_absolute_url(), context)


class VersionSummaryOut(Schema):
    number: str
    published_at: datetime
    changelog: str = Field(description="Markdown source.")
    content_hash: str = Field(description="SHA-256 of the version's frozen content.")


class DocumentDetailOut(DocumentOut):
    """A published document with every published version, newest first."""

    versions: list[VersionSummaryOut]

    @staticmethod
    def resolve_versions(obj: Document) -> list[Any]:
        return list(obj.versions.all())


class MeasureOut(Schema):
    id: int = Field(description="Stays the same across versions.")
    label: str = Field(description="Section and place, such as 2.3.")
    text: str = Field(description="Markdown source.")
    sources: list[int] = Field(description="Ids of the propositions the measure cites.")


class SectionOut(Schema):
    title: str
    intro: str = Field(description="Markdown source.")
    measures: list[MeasureOut]


class VersionOut(VersionSummaryOut):
    """One published version with its sections and measures."""

    title: str
    summary: str = Field(description="Markdown source.")
    url: str = Field(description="The version's page.")
    sections: list[SectionOut]


class MeasureChangeOut(Schema):
    measure_id: int
    state: str = Field(description="added, removed, reworded, moved or unchanged.")
    changes: list[str] = Field(description="Every change: reworded and moved may both apply.")
    old_label: str = Field(description="Empty for an added measure.")
    new_label: str = Field(description="Empty for a removed measure.")
    old_text: str
    new_text: str


class CompareOut(Schema):
    from_version: str
    to_version: str
    changes: list[MeasureChangeOut]


class DocumentFilters(Schema):
    q: str = Field("", max_length=200, description="Words of the title.")
    organisation: str = Field("", max_length=220, description="The organisation's slug.")


class CompareQuery(Schema):
    from_: str = Field(
        ..., alias="from", min_length=1, max_length=NUMBER_MAX_LENGTH, description="E.g. 1.1."
    )
    to: str = Field(..., min_length=1, max_length=NUMBER_MAX_LENGTH, description="E.g. 1.2.")


def _no_document(pk: int) -> Status:
    return Status(404, {"detail": _("No published document has the id %(id)s.") % {"id": pk}})


def _no_version(number: str) -> Status:
    return Status(
        404, {"detail": _("No published version has the number %(number)s.") % {"number": number}}
    )


def _version(document: Document, number: str) -> Version | None:
    return document.versions.filter(number=number).first()


def _version_out(version: Version, request: HttpRequest) -> dict[str, Any]:
    content = version.content
    sections = [
        {
            "title": section["title"],
            "intro": section["intro"],
            "measures": [
                {
                    "id": measure["id"],
                    "label": f"{section_index}.{measure_index}",
                    "text": measure["text"],
                    "sources": measure["sources"],
                }
                for measure_index, measure in enumerate(section["measures"], start=1)
            ],
        }
        for section_index, section in enumerate(content.get("sections", []), start=1)
    ]
    return {
        "number": version.number,
        "published_at": version.published_at,
        "changelog": version.changelog,
        "content_hash": version.content_hash,
        "title": content.get("title", ""),
        "summary": content.get("summary", ""),
        "url": request.build_absolute_uri(version.get_absolute_url()),
        "sections": sections,
    }


@router.get(
    "/documents",
    response=list[DocumentOut],
    operation_id="document_list",
    summary="Programs and charters",
)
@paginate(BoundedPageNumberPagination)
def document_list(request: HttpRequest, filters: Query[DocumentFilters]) -> Any:
    """Documents with a published version, most recently published first."""
    return selectors.document_list_published(query=filters.q, organisation=filters.organisation)


@router.get(
    "/documents/{id}",
    response={200: DocumentDetailOut, 404: ErrorOut},
    operation_id="document_get",
    summary="One program or charter",
)
def document_get(request: HttpRequest, id: int) -> Any:  # noqa: A002 - the documented name
    """A published document with its published versions, newest first."""
    document = selectors.document_get_published(pk=id)
    if document is None:
        return _no_document(id)
    return Status(200, document)


@router.get(
    "/documents/{id}/versions/{number}",
    response={200: VersionOut, 404: ErrorOut},
    operation_id="document_version_get",
    summary="One published version",
)
def document_version_get(request: HttpRequest, id: int, number: str) -> Any:  # noqa: A002
    """A published version's sections and measures, each measure with the propositions it cites."""
    document = selectors.document_get_published(pk=id)
    if document is None:
        return _no_document(id)
    version = _version(document, number)
    if version is None:
        return _no_version(number)
    return Status(200, _version_out(version, request))


@router.get(
    "/documents/{id}/compare",
    response={200: CompareOut, 404: ErrorOut},
    operation_id="document_compare",
    summary="Compare two published versions",
)
def document_compare(
    request: HttpRequest,
    id: int,  # noqa: A002 - the documented name
    query: Query[CompareQuery],
) -> Any:
    """Measure by measure, what changed from one version (`from`) to another (`to`): every
    measure of the newer version in reading order, then the removed ones."""
    document = selectors.document_get_published(pk=id)
    if document is None:
        return _no_document(id)
    old = _version(document, query.from_)
    if old is None:
        return _no_version(query.from_)
    new = _version(document, query.to)
    if new is None:
        return _no_version(query.to)
    changes = [
        {
            "measure_id": change.measure_id,
            "state": change.state,
            "changes": list(change.changes),
            "old_label": change.old_label,
            "new_label": change.new_label,
            "old_text": change.old_text,
            "new_text": change.new_text,
        }
        for change in compare.compare(old.content, new.content)
    ]
    return Status(200, {"from_version": old.number, "to_version": new.number, "changes": changes})


# --- Endorsements -------------------------------------------------------------------------------

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
        version = _version(document, filters.version)
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

"""Published documents in the API: the list, one document with its versions, one version from
its frozen snapshot, and the comparison of two versions.

Only documents with a published version exist here; a draft answers 404 to everyone, editors
included. Versions are read from their frozen snapshots, so an answer never shows the draft.
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut
from pnyx.programs import compare, selectors
from pnyx.programs.models import Document, Version

router = Router(tags=["programs"])

#: As long as a version number may be (`Version.number`).
NUMBER_MAX_LENGTH = 20


def absolute_url(path: str, context: Any) -> str:
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
        return absolute_url(obj.get_absolute_url(), context)


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


def version_by_number(document: Document, number: str) -> Version | None:
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
    version = version_by_number(document, number)
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
    old = version_by_number(document, query.from_)
    if old is None:
        return _no_version(query.from_)
    new = version_by_number(document, query.to)
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

"""Contributing to the toolbox through the API: proposing a tool, a practice or an edit, the
editors' review, and organisations' usages and reviews of tools.

Writes need a token and the same permissions as the pages; every refusal is a 4xx with its
reason: 401 without a token, 403 without the permission, 404 for an unknown tool, practice,
revision or organisation, 409 for an act that no longer applies, 422 per field.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input
from pnyx.orgs.models import Organisation
from pnyx.toolbox.models import Practice, Review, Revision, RevisionKind, Tool, Usage
from pnyx.toolbox.selectors import wiki as wiki_selectors
from pnyx.toolbox.services import usages as usage_services
from pnyx.toolbox.services import wiki as wiki_services

router = Router(tags=["toolbox"])

_WRITES = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut}


class RevisionOut(Schema):
    id: int
    kind: str = Field(description="tool or practice.")
    subject: str | None = Field(description="The slug of the tool or practice it edits.")
    state: str = Field(description="pending, approved or rejected.")
    data: dict[str, Any] = Field(description="The whole content it proposes.")
    comment: str
    review_note: str
    created_at: datetime
    reviewed_at: datetime | None

    @staticmethod
    def resolve_subject(obj: Revision) -> str | None:
        subject = obj.tool if obj.kind == RevisionKind.TOOL else obj.practice
        return subject.slug if subject is not None else None


class ProposalIn(Schema):
    kind: Literal["tool", "practice"]
    subject: str = Field("", max_length=220, description="Slug of the item to edit; empty to add.")
    data: dict[str, Any] = Field(..., description="Every field as it should read.")
    comment: str = Field("", max_length=500)


class RejectIn(Schema):
    note: str = Field(..., max_length=1000)


class UsageOut(Schema):
    id: int
    organisation: str = Field(description="The organisation's slug.")
    purpose: str
    country: str
    since: date | None
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj: Usage) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_country(obj: Usage) -> str:
        return str(obj.country or "")


class UsageIn(Schema):
    organisation: str = Field(..., max_length=220)
    purpose: str = Field(..., max_length=300)
    country: str = Field("", max_length=2)
    since: date | None = None


class ReviewOut(Schema):
    id: int
    organisation: str
    rating: int
    text: str
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj: Review) -> str:
        return obj.organisation.slug


class ReviewIn(Schema):
    organisation: str = Field(..., max_length=220)
    rating: int = Field(..., ge=1, le=5)
    text: str = Field("", max_length=5000)


def _tool(slug: str) -> Tool:
    try:
        return wiki_selectors.tool_get(slug=slug)
    except Http404 as missing:
        raise HttpError(404, _("No tool has the slug %(slug)s.") % {"slug": slug}) from missing


def _practice(slug: str) -> Practice:
    try:
        return wiki_selectors.practice_get(slug=slug)
    except Http404 as missing:
        raise HttpError(404, _("No practice has the slug %(slug)s.") % {"slug": slug}) from missing


def _organisation(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(404, _("No organisation has the slug %(slug)s.") % {"slug": slug})
    return found


def _revision(request: HttpRequest, pk: int) -> Revision:
    """A revision its author or an editor may read; 404 for anyone else, as on the site."""
    try:
        revision = wiki_selectors.revision_get(pk=pk)
    except Http404 as missing:
        raise HttpError(404, _("No revision has the id %(id)s.") % {"id": pk}) from missing
    user = request.auth  # type: ignore[attr-defined]
    if revision.author_id != user.pk and not user.has_perm("toolbox.review"):
        raise HttpError(404, _("No revision has the id %(id)s.") % {"id": pk})
    return revision


def _act(call: Any, **kwargs: Any) -> Any:
    """Run a service, turning a refusal into 403 and a conflict into 409 or 422."""
    try:
        return call(**kwargs)
    except PermissionDenied as refusal:
        raise HttpError(403, _("You are not allowed to do this.")) from refusal
    except DjangoValidationError as error:
        if getattr(error, "code", "") in {"decided", "duplicate"} or not hasattr(
            error, "error_dict"
        ):
            raise HttpError(409, " ".join(error.messages)) from error
        raise invalid_input(error) from error


@router.post(
    "/toolbox/proposals",
    response={201: RevisionOut, **_WRITES},
    auth=api_auth,
    operation_id="toolbox_propose",
    summary="Propose a tool, a practice, or an edit of one",
)
def propose(request: HttpRequest, payload: ProposalIn) -> Any:
    """The proposal waits for the toolbox editors. `data` holds every field of the tool or
    practice as it should read (the same fields as the catalog export); 422 names each bad
    field."""
    actor = request.auth  # type: ignore[attr-defined]
    if payload.kind == "tool":
        tool = _tool(payload.subject) if payload.subject else None
        revision = _act(
            wiki_services.tool_propose,
            actor=actor,
            data=payload.data,
            comment=payload.comment,
            tool=tool,
        )
    else:
        revision = _act(
            wiki_services.practice_propose,
            actor=actor,
            data=payload.data,
            comment=payload.comment,
            practice=_practice(payload.subject) if payload.subject else None,
        )
    return Status(201, revision)


@router.get(
    "/toolbox/revisions/{id}",
    response={200: RevisionOut, 401: ErrorOut, 404: ErrorOut},
    auth=api_auth,
    operation_id="toolbox_revision_get",
    summary="One proposal, for its author or an editor",
)
def revision_get(request: HttpRequest, id: int) -> Any:  # noqa: A002 - the documented name
    return _revision(request, id)


@router.post(
    "/toolbox/revisions/{id}/approve",
    response={200: RevisionOut, **_WRITES},
    auth=api_auth,
    operation_id="toolbox_revision_approve",
    summary="Approve a proposal (editors)",
)
def revision_approve(request: HttpRequest, id: int) -> Any:  # noqa: A002
    revision = _revision(request, id)
    _act(wiki_services.revision_approve, actor=request.auth, revision=revision)  # type: ignore[attr-defined]
    revision.refresh_from_db()
    return revision


@router.post(
    "/toolbox/revisions/{id}/reject",
    response={200: RevisionOut, **_WRITES},
    auth=api_auth,
    operation_id="toolbox_revision_reject",
    summary="Reject a proposal with a note (editors)",
)
def revision_reject(request: HttpRequest, id: int, payload: RejectIn) -> Any:  # noqa: A002
    revision = _revision(request, id)
    return _act(
        wiki_services.revision_reject,
        actor=request.auth,  # type: ignore[attr-defined]
        revision=revision,
        note=payload.note,
    )


@router.get(
    "/tools/{slug}/usages",
    response={200: list[UsageOut], 404: ErrorOut},
    operation_id="tool_usages",
    summary="The organisations that use a tool",
)
def usage_list(request: HttpRequest, slug: str) -> Any:
    return list(_tool(slug).usages.select_related("organisation").order_by("-created_at", "pk"))


@router.post(
    "/tools/{slug}/usages",
    response={201: UsageOut, **_WRITES},
    auth=api_auth,
    operation_id="tool_usage_declare",
    summary="Say that an organisation you administer uses a tool",
)
def usage_declare(request: HttpRequest, slug: str, payload: UsageIn) -> Any:
    """409 when the organisation already declared the tool."""
    usage = _act(
        usage_services.usage_declare,
        actor=request.auth,  # type: ignore[attr-defined]
        organisation=_organisation(payload.organisation),
        tool=_tool(slug),
        purpose=payload.purpose,
        country=payload.country,
        since=payload.since,
    )
    return Status(201, usage)


@router.delete(
    "/tools/{slug}/usages/{usage_id}",
    response={204: None, **_WRITES},
    auth=api_auth,
    operation_id="tool_usage_remove",
    summary="Remove a usage (and the organisation's review of the tool)",
)
def usage_remove(request: HttpRequest, slug: str, usage_id: int) -> Any:
    usage = _tool(slug).usages.select_related("organisation").filter(pk=usage_id).first()
    if usage is None:
        raise HttpError(404, _("No usage has the id %(id)s.") % {"id": usage_id})
    _act(usage_services.usage_remove, actor=request.auth, usage=usage)  # type: ignore[attr-defined]
    return Status(204, None)


@router.get(
    "/tools/{slug}/reviews",
    response={200: list[ReviewOut], 404: ErrorOut},
    operation_id="tool_reviews",
    summary="Organisations' reviews of a tool",
)
def review_list(request: HttpRequest, slug: str) -> Any:
    return list(_tool(slug).reviews.select_related("organisation").order_by("-created_at", "pk"))


@router.post(
    "/tools/{slug}/reviews",
    response={201: ReviewOut, **_WRITES},
    auth=api_auth,
    operation_id="tool_review_write",
    summary="Write (or replace) an organisation's review of a tool it uses",
)
def review_write(request: HttpRequest, slug: str, payload: ReviewIn) -> Any:
    review = _act(
        usage_services.review_write,
        actor=request.auth,  # type: ignore[attr-defined]
        organisation=_organisation(payload.organisation),
        tool=_tool(slug),
        rating=payload.rating,
        text=payload.text,
    )
    return Status(201, review)

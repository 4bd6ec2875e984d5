"""Comments in the API: read a proposition's thread, post a comment or a reply.

The list is flat, in the order comments were written; `parent_id` and `depth` let a client
rebuild the tree. Deleted and hidden comments keep their place with an empty `body_html` and a
`tombstone` message, exactly as on the page.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut
from pnyx.core.text import render_markdown
from pnyx.participation.forms.community import CommentForm, comment_rate_exceeded
from pnyx.participation.models import Comment, Proposition, Stance
from pnyx.participation.selectors import comments as selectors
from pnyx.participation.services import comments as services

router = Router(tags=["consultations"])


def tombstone(comment: Comment) -> str:
    if comment.hidden_at is not None:
        return _("Hidden by the moderators: %(reason)s") % {"reason": comment.hidden_reason}
    if comment.deleted_at is not None:
        return _("This comment was deleted.")
    return ""


class CommentOut(Schema):
    """A comment's public fields; no e-mail address, no text of a removed comment."""

    id: int
    parent_id: int | None
    depth: int = Field(description="0 for a comment on the proposition, 1 for a reply, ...")
    author: str | None = Field(
        description="The author's public name; null for a deleted participant."
    )
    author_id: int | None
    stance: str = Field(description=f"One of: {', '.join(Stance.values)}.")
    body: str = Field(description="Markdown source; empty when deleted or hidden.")
    body_html: str = Field(description="Sanitised HTML; empty when deleted or hidden.")
    tombstone: str = Field(description="Why there is no text (deleted, or hidden and why).")
    created_at: datetime
    edited_at: datetime | None

    @staticmethod
    def resolve_author(obj: Comment) -> str | None:
        return obj.author.public_name if obj.author is not None else None

    @staticmethod
    def resolve_body(obj: Comment) -> str:
        return "" if tombstone(obj) else obj.body

    @staticmethod
    def resolve_body_html(obj: Comment) -> str:
        return "" if tombstone(obj) else str(render_markdown(obj.body))

    @staticmethod
    def resolve_tombstone(obj: Comment) -> str:
        return tombstone(obj)


class CommentIn(Schema):
    body: str = Field(..., max_length=services.BODY_MAX_LENGTH, description="Markdown.")
    stance: str = Field(Stance.NEUTRAL, description=f"One of: {', '.join(Stance.values)}.")
    parent_id: int | None = Field(None, description="The comment this one replies to.")


def _visible(request: HttpRequest, id: int) -> Proposition:  # noqa: A002 - the route's name
    proposition = selectors.proposition_get(pk=id)
    if proposition is None or not rules.has_perm(
        "participation.view_process", request.user, proposition.process
    ):
        raise HttpError(404, _("No proposition has the id %(id)s.") % {"id": id})
    return proposition


def _errors(errors: Mapping[str, Any]) -> list[dict[str, Any]]:
    names = {"parent": "parent_id"}
    return [
        {
            "type": "value_error",
            "loc": ["body", "payload"] + ([] if field == "__all__" else [names.get(field, field)]),
            "msg": str(message),
        }
        for field, messages in errors.items()
        for message in messages
    ]


@router.get(
    "/propositions/{id}/comments",
    response={200: list[CommentOut], 404: ErrorOut},
    operation_id="comment_list",
    summary="The comments of a proposition",
)
@paginate(BoundedPageNumberPagination)
def comment_list(request: HttpRequest, id: int) -> Any:  # noqa: A002 - the documented name
    """Every comment of the proposition, oldest first, with `parent_id` and `depth`."""
    return selectors.comment_list(proposition=_visible(request, id))


def _parent(proposition: Proposition, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = selectors.comment_get(pk=parent_id)
    if parent is None or parent.proposition_id != proposition.pk:
        message = _("This proposition has no comment with the id %(id)s.") % {"id": parent_id}
        raise ValidationError(_errors({"parent": [message]}))
    return parent


@router.post(
    "/propositions/{id}/comments",
    response={
        201: CommentOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
    auth=api_auth,
    operation_id="comment_create",
    summary="Comment on a proposition, or reply to a comment",
)
def comment_create(request: HttpRequest, id: int, payload: CommentIn) -> Any:  # noqa: A002
    """Post a comment (or a reply with `parent_id`) with the same rules as the page.

    403 when commenting is closed or not open to the caller; 422 with one message per problem.
    """
    author = request.auth  # type: ignore[attr-defined]
    proposition = _visible(request, id)
    if not rules.has_perm("participation.comment_proposition", author, proposition):
        detail = _("You may not comment on this proposition now.")
        return Status(403, {"detail": detail})
    if comment_rate_exceeded(request):
        return Status(429, {"detail": _("Too many comments in a short time; wait a minute.")})
    data = {**payload.dict(), "parent": payload.parent_id}
    form = CommentForm(data=data)
    if not form.is_valid():
        raise ValidationError(_errors(form.errors))
    try:
        comment = services.comment_create(
            author=author,
            proposition=proposition,
            body=form.cleaned_data["body"],
            stance=form.cleaned_data["stance"],
            parent=_parent(proposition, payload.parent_id),
        )
    except PermissionDenied:
        return Status(403, {"detail": _("You may not comment on this proposition now.")})
    except DjangoValidationError as error:
        found = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        raise ValidationError(_errors(found)) from error
    return Status(201, comment)

"""The feed, follows and news in the API.

- `GET /me/feed`: the signed-in person's feed, newest first, by pages (`page` 1 to 25).
- `GET /me/follows`, `POST /me/follows`, `DELETE /me/follows`: what the person follows. A target
  is named by `kind` (organisation, topic, tool or person) and `target`: the slug of an
  organisation, a topic or a tool, or the number of a person (as in `/people/{id}/`).
- `GET /news`, `POST /news`: organisations' news; publishing needs to administer the organisation.
"""

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, topic_slug
from pnyx.core.models import Topic
from pnyx.network.models import Follow, NewsPost
from pnyx.network.selectors.feed import MAX_PAGES, FeedItem, feed_for_user
from pnyx.network.selectors.follows import (
    KEY_MAX_LENGTH,
    FollowTarget,
    follow_key_of,
    follow_list_for_user,
    follow_target,
    follow_target_get,
)
from pnyx.network.selectors.news import news_list, organisation_get
from pnyx.network.services.follows import follow_add, follow_remove
from pnyx.network.services.news import news_create

router = Router(tags=["network"])

Kind = Literal["organisation", "topic", "tool", "person"]


class TopicOut(Schema):
    slug: str
    name: str


class OrganisationRefOut(Schema):
    slug: str
    name: str


class FeedItemOut(Schema):
    kind: str = Field(description="tool, tool_edit, practice, usage, review, consultation or news.")
    date: datetime
    title: str
    url: str = Field(description="The page of the item, from the site's root.")
    summary: str
    organisation: OrganisationRefOut | None
    topics: list[TopicOut]


class FeedPageOut(Schema):
    page: int
    has_next: bool
    items: list[FeedItemOut]


class FeedQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGES)


@router.get(
    "/me/feed",
    response={200: FeedPageOut, 401: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="feed_get",
    summary="Your feed",
)
def feed_get(request: HttpRequest, filters: Query[FeedQuery]) -> Any:
    """What is new around what you follow, newest first, `PNYX_PAGE_SIZE` items a page; pages go
    up to 25 (`has_next` says whether one more exists)."""
    page = feed_for_user(user=request.auth, page=filters.page)  # type: ignore[attr-defined]
    return {"page": page.number, "has_next": page.has_next, "items": [_item(i) for i in page.items]}


def _item(item: FeedItem) -> dict[str, Any]:
    organisation = item.organisation
    return {
        "kind": item.kind,
        "date": item.date,
        "title": item.title,
        "url": item.url,
        "summary": item.summary,
        "organisation": (
            {"slug": organisation.slug, "name": organisation.name} if organisation else None
        ),
        "topics": [{"slug": topic.slug, "name": topic.name} for topic in item.topics],
    }


class FollowOut(Schema):
    kind: str = Field(description="organisation, topic, tool or person.")
    target: str = Field(description="The slug of what is followed, or the person's number.")
    name: str
    created_at: datetime

    @staticmethod
    def resolve_kind(obj: Follow) -> str:
        if obj.organisation_id:
            return "organisation"
        if obj.topic_id:
            return "topic"
        return "tool" if obj.tool_id else "person"

    @staticmethod
    def resolve_target(obj: Follow) -> str:
        target = follow_target(obj)
        return follow_key_of(target) if target is not None else ""

    @staticmethod
    def resolve_name(obj: Follow) -> str:
        if obj.person is not None:
            return obj.person.public_name
        return str(follow_target(obj) or "")


class FollowIn(Schema):
    kind: Kind
    target: str = Field(
        ...,
        min_length=1,
        max_length=KEY_MAX_LENGTH,
        description="The slug of an organisation, a topic or a tool, or a person's number.",
    )


class FollowFilters(Schema):
    kind: Kind | None = None


def _field_error(field: str, message: str, where: str = "body") -> ValidationError:
    location = [where, "payload", field] if where == "body" else [where, field]
    return ValidationError([{"type": "value_error", "loc": location, "msg": message}])


def _target_or_404(kind: str, key: str) -> FollowTarget:
    target = follow_target_get(kind=kind, key=key)
    if target is None:
        message = _("There is no '%(kind)s' with the address name or number '%(target)s'.")
        raise HttpError(404, message % {"kind": kind, "target": key})
    return target


@router.get(
    "/me/follows",
    response={200: list[FollowOut], 401: ErrorOut},
    auth=api_auth,
    operation_id="follow_list",
    summary="What you follow",
)
@paginate(BoundedPageNumberPagination)
def follow_list(request: HttpRequest, filters: Query[FollowFilters]) -> Any:
    """What you follow, newest first, or only one `kind` of it."""
    return follow_list_for_user(user=request.auth, kind=filters.kind or "")  # type: ignore[attr-defined]


@router.post(
    "/me/follows",
    response={
        200: FollowOut,
        201: FollowOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=api_auth,
    operation_id="follow_add",
    summary="Follow an organisation, a topic, a tool or a person",
)
def follow_create(request: HttpRequest, payload: FollowIn) -> Any:
    """Follow what `kind` and `target` name: 201 when new, 200 when you already followed it
    (nothing changes). 404 for an unknown target, 422 for following yourself."""
    target = _target_or_404(payload.kind, payload.target)
    try:
        follow, created = follow_add(actor=request.auth, target=target)  # type: ignore[attr-defined]
    except DjangoValidationError as error:
        raise _field_error("target", " ".join(error.messages)) from error
    return Status(201 if created else 200, follow)


@router.delete(
    "/me/follows",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="follow_remove",
    summary="Stop following",
)
def follow_delete(request: HttpRequest, filters: Query[FollowIn]) -> Any:
    """Stop following what `kind` and `target` (in the query) name. 404 when you were not
    following it."""
    target = _target_or_404(filters.kind, filters.target)
    if not follow_remove(actor=request.auth, target=target):  # type: ignore[attr-defined]
        return Status(404, {"detail": _("You were not following this.")})
    return Status(204, None)


class NewsOut(Schema):
    id: int
    title: str
    body: str = Field(description="Markdown.")
    url: str
    organisation: OrganisationRefOut
    topics: list[TopicOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: NewsPost) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_topics(obj: NewsPost) -> list[dict[str, str]]:
        return [{"slug": topic.slug, "name": topic.name} for topic in obj.topics.all()]


class NewsFilters(Schema):
    organisation: str = Field("", max_length=220, description="An organisation's slug.")
    topic: str = Field("", max_length=60, description="A topic's slug.")


class NewsIn(Schema):
    organisation: str = Field(..., min_length=1, max_length=220, description="Its slug.")
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20000, description="Markdown.")
    topics: list[str] = Field(default_factory=list, max_length=20, description="Topic slugs.")


def _topics_or_422(slugs: list[str], where: str) -> list[Topic]:
    try:
        for slug in slugs:
            topic_slug(slug)
    except ValueError as error:
        raise _field_error("topics" if where == "body" else "topic", str(error), where) from error
    return list(Topic.objects.filter(slug__in=slugs))


@router.get(
    "/news",
    response={200: list[NewsOut], 422: ValidationErrorOut},
    operation_id="news_list",
    summary="Organisations' news",
)
@paginate(BoundedPageNumberPagination)
def news_list_get(request: HttpRequest, filters: Query[NewsFilters]) -> Any:
    """Every news post, newest first; `organisation` and `topic` keep those of one organisation
    or on one topic (422 for an unknown topic)."""
    if filters.topic:
        _topics_or_422([filters.topic], "query")
    return news_list(organisation=filters.organisation, topic=filters.topic)


@router.post(
    "/news",
    response={201: NewsOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="news_create",
    summary="Publish news for an organisation",
)
def news_post(request: HttpRequest, payload: NewsIn) -> Any:
    """Publish a news post for an organisation you administer (403 otherwise)."""
    organisation = organisation_get(slug=payload.organisation)
    if organisation is None:
        message = _("No organisation has the slug '%(slug)s'.") % {"slug": payload.organisation}
        raise _field_error("organisation", message)
    topics = _topics_or_422(payload.topics, "body")
    try:
        post = news_create(
            actor=request.auth,  # type: ignore[attr-defined]
            organisation=organisation,
            title=payload.title,
            body=payload.body,
            topics=topics,
        )
    except PermissionDenied:
        message = _("Only an active administrator of %(name)s may publish its news.")
        return Status(403, {"detail": message % {"name": organisation.name}})
    except DjangoValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _field_error(field, " ".join(messages)) from error
    return Status(201, post)

"""Study groups in the API: the list, one group with its members and meetings, joining and
leaving, and for members the discussion (read and post)."""

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut, invalid_input
from pnyx.learning.forms.groups import post_rate_exceeded
from pnyx.learning.models import StudyGroup, StudyGroupMember, StudyGroupPost
from pnyx.learning.selectors import groups as selectors
from pnyx.learning.services import groups as services

router = Router(tags=["learning"])

FILTER_MAX_LENGTH = 120
#: Ids are 64-bit integers; a larger one is refused with 422 rather than overflowing the
#: database driver.
GroupId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The group's id.")]


class _GroupFields(Schema):
    id: int
    name: str
    description: str = Field(description="Markdown.")
    course: str | None = Field(description="The course's slug, for a group of a course.")
    course_title: str | None
    partner: str | None = Field(description="The partner's slug, for a group of a partner.")
    partner_name: str | None
    member_count: int
    created_at: datetime


class GroupOut(_GroupFields):
    @staticmethod
    def resolve_course(obj: StudyGroup) -> str | None:
        return obj.course.slug if obj.course is not None else None

    @staticmethod
    def resolve_course_title(obj: StudyGroup) -> str | None:
        return obj.course.title if obj.course is not None else None

    @staticmethod
    def resolve_partner(obj: StudyGroup) -> str | None:
        return obj.partner.organisation.slug if obj.partner is not None else None

    @staticmethod
    def resolve_partner_name(obj: StudyGroup) -> str | None:
        return obj.partner.organisation.name if obj.partner is not None else None

    @staticmethod
    def resolve_member_count(obj: StudyGroup) -> int:
        return int(getattr(obj, "member_count", 0))


class GroupFilters(Schema):
    course: str = Field("", max_length=FILTER_MAX_LENGTH, description="A course's slug.")
    partner: str = Field("", max_length=FILTER_MAX_LENGTH, description="A partner's slug.")

    @field_validator("course", "partner")
    @classmethod
    def without_nul(cls, value: str) -> str:
        return value.replace("\x00", "")


class MemberOut(Schema):
    name: str = Field(description="The person's public name.")
    organiser: bool
    joined_at: datetime

    @staticmethod
    def resolve_name(obj: StudyGroupMember) -> str:
        return obj.person.public_name


class MeetingOut(Schema):
    id: int
    starts_at: datetime
    online_url: str
    place: str
    agenda: str


class GroupDetailOut(_GroupFields):
    members: list[MemberOut] = Field(description="Organisers first.")
    upcoming_meetings: list[MeetingOut] = Field(description="Soonest first.")
    past_meetings: list[MeetingOut] = Field(description="The latest ones, newest first.")


class MembershipOut(Schema):
    group: int
    organiser: bool
    joined_at: datetime

    @staticmethod
    def resolve_group(obj: StudyGroupMember) -> int:
        return obj.group_id


class PostIn(Schema):
    body: str = Field(max_length=10000, description="Markdown.")


class PostOut(Schema):
    id: int
    author: str | None = Field(description="The author's public name; null once anonymised.")
    body: str = Field(description="Markdown.")
    created_at: datetime

    @staticmethod
    def resolve_author(obj: StudyGroupPost) -> str | None:
        return obj.author.public_name if obj.author is not None else None


def _group(pk: int) -> StudyGroup:
    group = selectors.group_get(pk=pk)
    if group is None:
        raise HttpError(404, _("No study group has the id %(id)s.") % {"id": pk})
    return group


@router.get(
    "/learning/groups",
    response={200: list[GroupOut], 422: ValidationErrorOut},
    operation_id="group_list",
    summary="Study groups",
)
@paginate(BoundedPageNumberPagination)
def group_list(request: HttpRequest, filters: Query[GroupFilters]) -> Any:
    """Study groups by name, optionally of one course or of one partner (its own groups and
    those of its courses)."""
    return selectors.group_list(course=filters.course, partner=filters.partner)


@router.get(
    "/learning/groups/{id}",
    response={200: GroupDetailOut, 404: ErrorOut, 422: ValidationErrorOut},
    operation_id="group_get",
    summary="One study group",
)
def group_get(request: HttpRequest, id: GroupId) -> Any:  # noqa: A002 - the documented name
    """The group with its members and meetings; its discussion is for members
    (`GET /learning/groups/{id}/posts`)."""
    group = _group(id)
    meetings = selectors.group_meetings(group=group, now=timezone.now())
    members = list(selectors.group_members(group=group))
    group.member_count = len(members)  # type: ignore[attr-defined]
    return {
        **GroupOut.from_orm(group).dict(),
        "members": members,
        "upcoming_meetings": meetings.upcoming,
        "past_meetings": meetings.past,
    }


_WRITES: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


@router.post(
    "/learning/groups/{id}/join",
    response={200: MembershipOut, 201: MembershipOut, **_WRITES},
    auth=api_auth,
    operation_id="group_join",
    summary="Join a study group",
)
def group_join(request: HttpRequest, id: GroupId) -> Any:  # noqa: A002
    """Join the group: 201 when you joined, 200 when you already were a member. 403 without
    a confirmed e-mail address."""
    group = _group(id)
    try:
        member, joined = services.group_join(actor=request.auth, group=group)  # type: ignore[attr-defined]
    except PermissionDenied:
        return Status(403, {"detail": _("Confirm your e-mail address to join a study group.")})
    return Status(201 if joined else 200, member)


@router.delete(
    "/learning/groups/{id}/join",
    response={204: None, **_WRITES},
    auth=api_auth,
    operation_id="group_leave",
    summary="Leave a study group",
)
def group_leave(request: HttpRequest, id: GroupId) -> Any:  # noqa: A002
    """Leave the group (204 also when you were not a member). An organiser who leaves hands
    over to the longest-standing member."""
    services.group_leave(actor=request.auth, group=_group(id))  # type: ignore[attr-defined]
    return Status(204, None)


def _readable(request: HttpRequest, pk: int) -> StudyGroup:
    group = _group(pk)
    if not request.auth.has_perm("learning.view_group_thread", group):  # type: ignore[attr-defined]
        raise HttpError(403, _("Only the group's members read and write its discussion."))
    return group


@router.get(
    "/learning/groups/{id}/posts",
    response={200: list[PostOut], **_WRITES},
    auth=api_auth,
    operation_id="group_post_list",
    summary="The discussion of a study group (members)",
)
@paginate(BoundedPageNumberPagination)
def group_post_list(request: HttpRequest, id: GroupId) -> Any:  # noqa: A002
    """The posts, oldest first. 403 for someone who is not a member."""
    return selectors.group_posts(group=_readable(request, id))


@router.post(
    "/learning/groups/{id}/posts",
    response={201: PostOut, 429: ErrorOut, **_WRITES},
    auth=api_auth,
    operation_id="group_post_create",
    summary="Write in the discussion of a study group (members)",
)
def group_post_create(request: HttpRequest, id: GroupId, payload: PostIn) -> Any:  # noqa: A002
    """Post a message (Markdown). 403 for someone who is not a member or has no confirmed
    address; 422 for an empty message; 429 past ten messages a minute."""
    group = _readable(request, id)
    if post_rate_exceeded(request):
        return Status(429, {"detail": _("You are writing too fast: wait a minute and try again.")})
    try:
        post = services.group_post_add(actor=request.auth, group=group, body=payload.body)  # type: ignore[attr-defined]
    except PermissionDenied:
        return Status(403, {"detail": _("Confirm your e-mail address to write in the group.")})
    except DjangoValidationError as error:
        raise invalid_input(error) from error
    return Status(201, post)

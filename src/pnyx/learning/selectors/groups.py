"""Reads about study groups: the list and its filters, a group with its members and meetings,
its discussion (for members), and the courses and partners a group may be attached to."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet

from pnyx.learning.models import (
    Course,
    CourseStatus,
    Partner,
    PartnerStatus,
    StudyGroup,
    StudyGroupMeeting,
    StudyGroupMember,
    StudyGroupPost,
)


def membership_of(*, user: Any, group: StudyGroup) -> StudyGroupMember | None:
    """The person's membership of the group, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StudyGroupMember.objects.filter(group=group, person=user).first()


def _listed(queryset: QuerySet[StudyGroup]) -> QuerySet[StudyGroup]:
    return queryset.select_related("course", "partner__organisation").annotate(
        member_count=Count("members", distinct=True)
    )


def group_list(*, course: str = "", partner: str = "") -> QuerySet[StudyGroup]:
    """Study groups, by name, optionally of one course (its slug) or of one partner (its
    organisation's slug: the partner's own groups and those of its courses); public. Each row
    carries `member_count`."""
    queryset = StudyGroup.objects.all()
    if course:
        queryset = queryset.filter(course__slug=course)
    if partner:
        queryset = queryset.filter(
            Q(partner__organisation__slug=partner) | Q(course__partner__organisation__slug=partner)
        )
    return _listed(queryset).order_by("name", "pk")


def groups_of(*, user: Any) -> QuerySet[StudyGroup]:
    """The groups the person is a member of, by name."""
    if not getattr(user, "is_authenticated", False):
        return StudyGroup.objects.none()
    return _listed(StudyGroup.objects.filter(members__person=user)).order_by("name", "pk")


def course_filter_choices() -> list[tuple[str, str]]:
    """(slug, title) of the courses that have a study group, for the list's filter."""
    with_groups = StudyGroup.objects.filter(course__isnull=False).values("course_id")
    found = Course.objects.filter(pk__in=with_groups).order_by("title", "pk")
    return list(found.values_list("slug", "title"))


def partner_filter_choices() -> list[tuple[str, str]]:
    """(slug, name) of the approved partners, for the list's filter."""
    found = Partner.objects.filter(status=PartnerStatus.APPROVED).order_by(
        "organisation__sort_name", "pk"
    )
    return list(found.values_list("organisation__slug", "organisation__name"))


def published_course_choices() -> list[tuple[str, str]]:
    """(slug, title) of the published courses a new group may be attached to."""
    found = Course.objects.filter(status=CourseStatus.PUBLISHED).order_by("title", "pk")
    return list(found.values_list("slug", "title"))


def published_course_get(*, slug: str) -> Course | None:
    return Course.objects.filter(slug=slug, status=CourseStatus.PUBLISHED).first()


def group_get(*, pk: int) -> StudyGroup | None:
    """One group with what its page shows beside it, or None."""
    found = StudyGroup.objects.filter(pk=pk).select_related(
        "course", "partner__organisation", "created_by", "notes_updated_by"
    )
    return found.first()


def group_members(*, group: StudyGroup) -> QuerySet[StudyGroupMember]:
    """The members: organisers first, then by the date they joined; public."""
    return (
        StudyGroupMember.objects.filter(group=group)
        .select_related("person")
        .order_by("-organiser", "joined_at", "pk")
    )


@dataclass(frozen=True)
class Meetings:
    upcoming: list[StudyGroupMeeting]
    past: list[StudyGroupMeeting]


#: The past meetings a page shows (newest first).
PAST_MEETINGS_SHOWN = 10


def group_meetings(*, group: StudyGroup, now: datetime) -> Meetings:
    """Upcoming meetings, soonest first, and the latest past ones, newest first; public."""
    meetings = StudyGroupMeeting.objects.filter(group=group)
    upcoming = meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    past = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return Meetings(upcoming=list(upcoming), past=list(past[:PAST_MEETINGS_SHOWN]))


def meeting_get(*, group: StudyGroup, pk: int) -> StudyGroupMeeting | None:
    return StudyGroupMeeting.objects.filter(group=group, pk=pk).first()


def group_posts(*, group: StudyGroup) -> QuerySet[StudyGroupPost]:
    """The discussion, oldest first; for members only (the callers check)."""
    return (
        StudyGroupPost.objects.filter(group=group)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def post_get(*, pk: int) -> StudyGroupPost | None:
    return StudyGroupPost.objects.select_related("group").filter(pk=pk).first()

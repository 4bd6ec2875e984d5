"""What study groups hold about a person: the groups they belong to (and created), their edits
of shared notes, and their posts in groups' discussions."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data
from pnyx.learning.models import StudyGroup, StudyGroupMember, StudyGroupPost
from pnyx.learning.services.groups import group_leave


def export_memberships(person: Any) -> list[dict[str, Any]]:
    """The groups the person belongs to, and the groups whose notes they last edited."""
    memberships = (
        StudyGroupMember.objects.filter(person=person)
        .select_related("group")
        .order_by("joined_at", "pk")
    )
    rows: list[dict[str, Any]] = [
        {
            "event": "learning.group_joined",
            "group": membership.group.name,
            "organiser": membership.organiser,
            "created_at": membership.joined_at.isoformat(),
        }
        for membership in memberships
    ]
    edited = StudyGroup.objects.filter(notes_updated_by=person).order_by("pk")
    rows += [
        {
            "event": "learning.group_notes_edited",
            "group": group.name,
            "created_at": group.notes_updated_at.isoformat() if group.notes_updated_at else "",
        }
        for group in edited
    ]
    return sorted(rows, key=lambda row: row["created_at"])


def anonymise_memberships(person: Any) -> None:
    """Leave every group (organisers hand over to the longest-standing member) and forget who
    created groups and last edited their notes; the groups and notes stay."""
    with transaction.atomic():
        for membership in StudyGroupMember.objects.filter(person=person).select_related("group"):
            group_leave(actor=person, group=membership.group)
        StudyGroup.objects.filter(created_by=person).update(created_by=None)
        StudyGroup.objects.filter(notes_updated_by=person).update(notes_updated_by=None)


def export_posts(person: Any) -> list[dict[str, Any]]:
    """The person's posts in groups' discussions, oldest first."""
    posts = (
        StudyGroupPost.objects.filter(author=person)
        .select_related("group")
        .order_by("created_at", "pk")
    )
    return [
        {"group": post.group.name, "message": post.body, "created_at": post.created_at.isoformat()}
        for post in posts
    ]


def anonymise_posts(person: Any) -> None:
    """Keep the posts, so the discussions still read, without the person's name."""
    with transaction.atomic():
        StudyGroupPost.objects.filter(author=person).update(author=None)


def register_group_sources() -> None:
    """Declare the sources in the core registry (called from the app's `ready`)."""
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.study_groups",
            label=_("Your study groups"),
            description=_(
                "The study groups you belong to, whether you organise them, and the shared "
                "notes you last edited."
            ),
            export=export_memberships,
            anonymise=anonymise_memberships,
            purpose=_("To let learners study together."),
            visibility=personal_data.Visibility.PARTLY_PUBLIC,
            seen_by=_(
                "Everyone sees a group's members with their public names. Only members see who "
                "last edited the notes."
            ),
        )
    )
    personal_data.register(
        personal_data.PersonalDataSource(
            key="learning.group_posts",
            label=_("Your posts in study groups"),
            description=_("What you wrote in the discussions of your study groups."),
            export=export_posts,
            anonymise=anonymise_posts,
            purpose=_("To let the members of a study group talk with each other."),
            visibility=personal_data.Visibility.PRIVATE,
            seen_by=_("The members of the group, with your public name."),
            retention=personal_data.KEPT_ANONYMISED,
        )
    )

"""Study groups: creating one for a course or a partner, joining and leaving, the discussion and
the shared notes.

Creating and joining need a confirmed address (`learning.add_group`, `learning.join_group`); the
creator is the group's organiser. Members post (`learning.post_in_group`) and edit the notes
(`learning.change_group_notes`); organisers change the group (`learning.change_group`), and they
or a post's author remove a post (`learning.remove_group_post`, audited when an organiser
removes someone else's). Meetings are in `groups_meetings`.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.core import audit
from pnyx.core.permissions import require
from pnyx.learning.models import (
    Course,
    CourseStatus,
    Partner,
    PartnerStatus,
    StudyGroup,
    StudyGroupMember,
    StudyGroupPost,
)
from pnyx.learning.services.partners_checks import optional_text, required_text
from pnyx.participation.selectors.notifications import register_message

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 5000
POST_MAX_LENGTH = 10000
NOTES_MAX_LENGTH = 50000


def _attachment(course: Course | None, partner: Partner | None) -> dict[str, Any]:
    if (course is None) == (partner is None):
        message = _("Attach the group to one course or to one partner.")
        raise ValidationError({"course": message}, code="attachment")
    if course is not None and course.status != CourseStatus.PUBLISHED:
        message = _("This course is not published: choose a published course.")
        raise ValidationError({"course": message}, code="course")
    if partner is not None and partner.status != PartnerStatus.APPROVED:
        message = _("This organisation is not a learning partner.")
        raise ValidationError({"partner": message}, code="partner")
    return {"course": course, "partner": partner}


def group_create(
    *,
    actor: Any,
    name: str,
    description: str = "",
    course: Course | None = None,
    partner: Partner | None = None,
) -> StudyGroup:
    """Create a group attached to a published course or to an approved partner (exactly one);
    the creator becomes its organiser. Needs `learning.add_group`."""
    require(actor, "learning.add_group")
    fields = {
        "name": required_text("name", name, NAME_MAX_LENGTH),
        "description": optional_text("description", description, DESCRIPTION_MAX_LENGTH),
        **_attachment(course, partner),
    }
    with transaction.atomic():
        group = StudyGroup.objects.create(created_by=actor, **fields)
        StudyGroupMember.objects.create(group=group, person=actor, organiser=True)
    return group


def group_change(*, actor: Any, group: StudyGroup, name: str, description: str) -> StudyGroup:
    """Rename the group and change its description. Needs `learning.change_group`."""
    require(actor, "learning.change_group", group)
    group.name = required_text("name", name, NAME_MAX_LENGTH)
    group.description = optional_text("description", description, DESCRIPTION_MAX_LENGTH)
    with transaction.atomic():
        group.save(update_fields=["name", "description", "updated_at"])
    return group


def group_join(*, actor: Any, group: StudyGroup) -> tuple[StudyGroupMember, bool]:
    """Join the group; the first to join a group without an organiser becomes its organiser.
    Returns the membership and whether it is new (joining twice changes nothing). Needs
    `learning.join_group`."""
    require(actor, "learning.join_group", group)
    existing = StudyGroupMember.objects.filter(group=group, person=actor).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            StudyGroup.objects.select_for_update().filter(pk=group.pk).first()
            lead = not StudyGroupMember.objects.filter(group=group, organiser=True).exists()
            member = StudyGroupMember.objects.create(group=group, person=actor, organiser=lead)
    except IntegrityError:  # joined from another tab a moment ago
        return StudyGroupMember.objects.get(group=group, person=actor), False
    return member, True


def _hand_over(group: StudyGroup) -> None:
    """When the last organiser left, the longest-standing member organises the group."""
    members = StudyGroupMember.objects.filter(group=group)
    if members.filter(organiser=True).exists():
        return
    successor = members.order_by("joined_at", "pk").first()
    if successor is not None:
        successor.organiser = True
        successor.save(update_fields=["organiser"])


def group_leave(*, actor: Any, group: StudyGroup) -> bool:
    """Leave the group (an organiser leaving hands over to the longest-standing member);
    returns whether the person was a member. Only needs an account."""
    if not getattr(actor, "is_authenticated", False):
        return False
    with transaction.atomic():
        StudyGroup.objects.select_for_update().filter(pk=group.pk).first()
        deleted, _rows = StudyGroupMember.objects.filter(group=group, person=actor).delete()
        if deleted:
            _hand_over(group)
    return bool(deleted)


def group_post_add(*, actor: Any, group: StudyGroup, body: str) -> StudyGroupPost:
    """Write in the group's discussion (Markdown). Needs `learning.post_in_group`."""
    require(actor, "learning.post_in_group", group)
    text = required_text("body", body, POST_MAX_LENGTH)
    with transaction.atomic():
        return StudyGroupPost.objects.create(group=group, author=actor, body=text)


def group_post_remove(*, actor: Any, post: StudyGroupPost) -> None:
    """Remove a post. Needs `learning.remove_group_post` (its author, an organiser of its
    group, or a platform administrator); audited (`learning.group_post_removed`) when it is
    someone else's."""
    require(actor, "learning.remove_group_post", post)
    with transaction.atomic():
        if post.author_id != actor.pk:
            audit.record(
                action="learning.group_post_removed",
                actor=actor,
                target=post.group,
                data={"post": post.pk},
            )
        post.delete()


def group_notes_update(
    *, actor: Any, group: StudyGroup, notes: str, seen_version: str | None = None
) -> StudyGroup:
    """Replace the shared notes (Markdown), recording the editor and the time. `seen_version`
    is the `notes_version` the editor started from: when someone else saved in between, the
    change is refused rather than lost. Needs `learning.change_group_notes`."""
    require(actor, "learning.change_group_notes", group)
    text = optional_text("notes", notes, NOTES_MAX_LENGTH)
    with transaction.atomic():
        current = StudyGroup.objects.select_for_update().get(pk=group.pk)
        if seen_version is not None and seen_version != notes_version(current):
            message = _(
                "Someone else changed the notes while you were editing them. Copy your text, "
                "reload the page and add your changes again."
            )
            raise ValidationError({"notes": message}, code="conflict")
        current.notes, current.notes_updated_by = text, actor
        current.notes_updated_at = timezone.now()
        current.save(update_fields=["notes", "notes_updated_by", "notes_updated_at"])
    group.notes, group.notes_updated_by = current.notes, current.notes_updated_by
    group.notes_updated_at = current.notes_updated_at
    return group


def notes_version(group: StudyGroup) -> str:
    """A token that changes whenever the notes are saved (empty before the first save)."""
    return group.notes_updated_at.isoformat() if group.notes_updated_at else ""


def register_group_actions() -> None:
    """Label the audit actions and word the notifications of study groups (called from the
    app's `ready`)."""
    audit.register_action("learning.group_post_removed", gettext_lazy("Study group post removed"))
    register_message(
        "learning.group_meeting_planned",
        lambda n: (
            _("The study group “%(name)s” meets on %(date)s.")
            % {"name": n.data.get("name", ""), "date": n.data.get("date", "")}
        ),
    )

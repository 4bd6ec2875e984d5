"""Study groups of a course or of a partner: members, a discussion, shared notes, meetings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel
from pnyx.learning.models.courses import Course
from pnyx.learning.models.partners import Partner


class StudyGroup(TimeStampedModel):
    """A group attached to a course or to a partner (exactly one of them). `notes` is one shared
    Markdown page any member edits; the last editor and time are kept."""

    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="study_groups"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="study_groups"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("shared notes"), max_length=50000, blank=True)
    notes_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(course__isnull=False, partner__isnull=True)
                | models.Q(course__isnull=True, partner__isnull=False),
                name="learning_group_course_or_partner",
            )
        ]

    def __str__(self) -> str:
        return self.name


class StudyGroupMember(models.Model):
    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_groups"
    )
    organiser = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="learning_group_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.group_id}"


class StudyGroupPost(TimeStampedModel):
    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=10000, help_text=_("You can use Markdown."))

    class Meta:
        ordering = ["created_at", "pk"]


class StudyGroupMeeting(TimeStampedModel):
    """A meeting online (an address) or at a physical place (a text), or both."""

    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    online_url = models.URLField(_("online meeting address"), max_length=500, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(online_url="", place=""),
                name="learning_meeting_has_a_place",
            )
        ]

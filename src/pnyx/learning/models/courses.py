"""Courses: modules of lessons, exercises checked automatically or by peers, enrolments and
each learner's progress."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel, Topic
from pnyx.learning.models.partners import Partner
from pnyx.toolbox.models import Tool


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Course(TimeStampedModel):
    """A course on digital literacy, data literacy or open government, by a partner (or by the
    platform when `partner` is empty). Only published courses are listed and open to enrolment."""

    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="courses"
    )
    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(
        _("description"), max_length=20000, help_text=_("You can use Markdown.")
    )
    language = models.CharField(_("language"), max_length=10)
    level = models.CharField(
        _("level"), max_length=12, choices=CourseLevel.choices, default=CourseLevel.BEGINNER
    )
    hours = models.PositiveSmallIntegerField(_("hours of work, about"), null=True, blank=True)
    credits = models.DecimalField(
        _("credits on completion"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="learning_courses")
    tools = models.ManyToManyField(Tool, blank=True, related_name="learning_courses")
    status = models.CharField(
        _("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course-detail", kwargs={"slug": self.slug})


class CourseModule(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["course", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson: Markdown text with links, and optionally the address of a video (shown as a
    link, never embedded: no page loads anything from another site)."""

    module = models.ForeignKey(CourseModule, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=50000, help_text=_("You can use Markdown."))
    video_url = models.URLField(_("video address"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["module", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ExerciseKind(models.TextChoices):
    CHOICE = "choice", _("Multiple choice")
    SHORT = "short", _("Short answer")
    PEER = "peer", _("Reviewed by other learners")


class Exercise(models.Model):
    """An exercise of a lesson.

    - `choice`: `choices` (texts) and `correct` (their indexes, one or more) decide the answer;
    - `short`: the answer is right when, with case, accents, spaces and punctuation set aside, it
      equals one of `accepted`;
    - `peer`: the learner submits a text that `reviews_required` other learners score against
      `rubric` (a list of {"name", "description", "max"}).
    """

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="exercises")
    kind = models.CharField(_("kind"), max_length=10, choices=ExerciseKind.choices)
    prompt = models.TextField(_("question"), max_length=5000, help_text=_("You can use Markdown."))
    choices = models.JSONField(default=list, blank=True)
    correct = models.JSONField(default=list, blank=True)
    accepted = models.JSONField(default=list, blank=True)
    rubric = models.JSONField(default=list, blank=True)
    reviews_required = models.PositiveSmallIntegerField(default=2)
    explanation = models.TextField(
        _("explanation shown after answering"), max_length=5000, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["lesson", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Enrolment(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_enrolments"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="learning_enrol_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} in {self.course_id}"


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_lesson_once")
        ]

    def __str__(self) -> str:
        return f"Lesson {self.lesson_id} done in {self.enrolment_id}"


class Submission(TimeStampedModel):
    """A learner's latest answer to an exercise: `answer` holds the chosen indexes (choice), the
    text typed (short answer, peer review). `correct` is None for a peer-reviewed exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="submissions")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_submissions"
    )
    answer = models.JSONField()
    correct = models.BooleanField(null=True)
    attempts = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "learner"], name="learning_submit_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} on {self.exercise_id}"


class PeerReview(TimeStampedModel):
    """Another learner's scores of a submission, per rubric criterion name, with a comment."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_peer_reviews"
    )
    scores = models.JSONField()
    comment = models.TextField(_("comment"), max_length=5000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="learning_peer_once")
        ]

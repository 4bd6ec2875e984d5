"""Credit applications: a learner asks a partner for credits for their engagement; the
partner's committee scores it against the partner's published rubric and decides."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel
from pnyx.learning.models.engagement import EngagementEntry
from pnyx.learning.models.partners import Partner


class RubricCriterion(models.Model):
    """One criterion of a partner's published rubric, scored from 0 to `max_score`."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="rubric")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what is looked for"), max_length=2000)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=4)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partner", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_score__gte=1, max_score__lte=10),
                name="learning_criterion_max_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    GRANTED = "granted", _("credits granted")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")


class CreditApplication(TimeStampedModel):
    """What the learner asks for: the entries it rests on, their own account of what they did
    and learned, and a number of credits. The decision (granted credits, or refusal with
    reasons) is the committee's, recorded in the audit log."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credit_applications"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="applications")
    entries = models.ManyToManyField(EngagementEntry, related_name="applications")
    statement = models.TextField(_("what you did and learned"), max_length=10000)
    credits_requested = models.DecimalField(_("credits asked for"), max_digits=5, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    credits_granted = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    decision_reasons = models.TextField(_("reasons"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(credits_requested__gt=0),
                name="learning_application_credits_positive",
            ),
            # One application waiting for a decision per learner and partner, even when two
            # submissions race (the service's own check cannot see an uncommitted one).
            models.UniqueConstraint(
                fields=["learner", "partner"],
                condition=models.Q(status="submitted"),
                name="learning_one_waiting_application",
            ),
            models.CheckConstraint(
                condition=models.Q(credits_granted__isnull=True) | models.Q(credits_granted__gt=0),
                name="learning_application_granted_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} by {self.learner_id} to {self.partner_id}"


class ConflictDeclaration(models.Model):
    """A committee member says they cannot judge an application (a relative, their own student,
    a colleague); it excludes them from reviewing and deciding it."""

    application = models.ForeignKey(
        CreditApplication, on_delete=models.CASCADE, related_name="conflicts"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("why"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "member"], name="learning_conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} set aside from {self.application_id}"


class ApplicationReview(TimeStampedModel):
    """A committee member's review: a score per rubric criterion, comments, and the credits
    they would grant (None: they would refuse)."""

    application = models.ForeignKey(
        CreditApplication, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(_("comments"), max_length=5000, blank=True)
    credits_recommended = models.DecimalField(
        _("credits you would grant"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="learning_review_once")
        ]


class CriterionScore(models.Model):
    review = models.ForeignKey(ApplicationReview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="learning_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.score} for {self.criterion_id}"

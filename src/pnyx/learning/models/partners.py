"""Partner schools and universities, their committees, and the committee's visits."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel
from pnyx.orgs.models import Organisation


class PartnerStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a decision")
    APPROVED = "approved", _("partner")
    REJECTED = "rejected", _("not accepted")


class Partner(TimeStampedModel):
    """A school or university that applied to become a learning partner of Pnyx.

    Platform administrators approve or reject the application. An approved partner publishes
    courses, has a committee that reviews credit applications against its rubric, and issues
    credentials under its own key.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="learning_partner"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.PENDING
    )
    statement = models.TextField(
        _("what you offer"),
        max_length=5000,
        help_text=_("Your courses, your students and how you recognise civic engagement."),
    )
    credit_unit = models.CharField(
        _("unit of credit"),
        max_length=20,
        default="ECTS",
        help_text=_("How your institution counts credits, for example ECTS."),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reason given"), max_length=2000, blank=True)

    class Meta:
        ordering = ["organisation__sort_name", "pk"]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("learning:partner-detail", kwargs={"slug": self.organisation.slug})


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")


class CommitteeMember(TimeStampedModel):
    """A person on a partner's committee, which reviews credit applications and makes visits."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="committee")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_committees"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )

    class Meta:
        ordering = ["partner", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "person"], name="learning_committee_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.partner_id}"


class CommitteeVisit(TimeStampedModel):
    """A planned visit of the committee to a partner: dates, agenda, and the report after it."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="visits")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), max_length=10000)
    report = models.TextField(_("report"), max_length=20000, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="learning_visit_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Visit to {self.partner_id} on {self.starts_on}"

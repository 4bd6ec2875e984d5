"""A learner's record of civic engagement: entries Pnyx keeps from their activity, and entries
they write themselves, each confirmable by a referee. Private until the learner shares it."""

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel
from pnyx.orgs.models import Organisation


def evidence_storage() -> Storage:
    """Where evidence files go: a private storage (`STORAGES["learning_evidence"]`), never the
    public media, since only the learner and the committees they apply to may read them."""
    return storages["learning_evidence"]


class EngagementSource(models.TextChoices):
    MANUAL = "manual", _("written by the learner")
    PNYX = "pnyx", _("kept by Pnyx from the learner's activity")


class EngagementEntry(TimeStampedModel):
    """One activity. Entries kept by Pnyx have a `source_key` (say "participation.process:12")
    and are refreshed from the activity itself: they hold totals only (propositions, comments,
    votes), never what was voted. Written entries may name a referee, who confirms them through
    a link sent by e-mail (`referee_token_hash` is the SHA-256 of that link's secret)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_entries"
    )
    source = models.CharField(
        max_length=10, choices=EngagementSource.choices, default=EngagementSource.MANUAL
    )
    source_key = models.CharField(max_length=100, blank=True)
    activity = models.CharField(_("activity"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    description = models.TextField(_("what you did"), max_length=5000, blank=True)
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("evidence file"), storage=evidence_storage, max_length=200, blank=True
    )
    referee_name = models.CharField(_("referee"), max_length=200, blank=True)
    referee_email = models.EmailField(_("referee's e-mail"), blank=True)
    referee_token_hash = models.CharField(max_length=64, blank=True)
    referee_confirmed_at = models.DateTimeField(null=True, blank=True)
    referee_note = models.TextField(max_length=2000, blank=True)
    shared = models.BooleanField(_("shared"), default=False)

    class Meta:
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "source_key"],
                condition=~models.Q(source_key=""),
                name="learning_engagement_source_once",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="learning_engagement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True) | models.Q(hours__gte=0),
                name="learning_engagement_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.activity

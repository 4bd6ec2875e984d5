"""What the privacy app stores: staff views of people's data, consents, downloads, deletions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import Job


class PersonalDataAccess(models.Model):
    """One time a staff member was shown some of a person's non-public data, and why.

    Written by `services.access_record` (through `pnyx.core.personal_data.record_access`). The
    staff member's name is read from their account when shown, so it follows their profile.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seen by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: An `AccessReason` key: the role the staff member acted in, and what for.
    reason = models.CharField(_("reason"), max_length=64)
    #: Short non-personal context, such as the consultation's title.
    detail = models.CharField(_("context"), max_length=300, blank=True)
    #: The personal-data source keys the view showed.
    sources = models.JSONField(_("data seen"), default=list)
    accessed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        indexes = [
            models.Index(fields=["person", "-accessed_at"]),
            models.Index(fields=["accessed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reason} on {self.person_id} by {self.staff_id}"


class Consent(models.Model):
    """One choice a person made about a consent purpose; the newest per purpose is in force.

    Rows are only added, never changed, so the history of every choice stays visible.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=64)
    granted = models.BooleanField(_("given"))
    changed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "purpose", "-changed_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.purpose}={self.granted} for {self.person_id}"


class ExportStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class DataExport(models.Model):
    """A download of everything held about a person, built in the background as a ZIP file.

    The file is stored under a random name (`token`) in the `privacy_exports` storage, outside the
    public media, and served only to its owner until `expires_at`.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True)
    job = models.ForeignKey(Job, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PREPARING
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("download of personal data")
        verbose_name_plural = _("downloads of personal data")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status=ExportStatus.PREPARING),
                name="privacy_one_export_in_preparation",
            )
        ]

    def __str__(self) -> str:
        return f"export {self.pk} of {self.person_id} ({self.status})"

    @property
    def file_name(self) -> str:
        return f"{self.token}.zip"


class DeletionRequest(models.Model):
    """A person's request to delete their account, waiting for its confirmation or its day.

    Confirmed (`confirmed_at`), it is carried out at `due_at` unless cancelled first. The row is
    deleted when the request is cancelled or carried out: only the `reference`, in the public
    audit log and in the person's e-mail, remains.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: Random, shown in the audit log instead of anything that would identify the person.
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    #: The language of the e-mails about the request (the one the person used to ask).
    language = models.CharField(max_length=16)
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    due_at = models.DateTimeField(_("deletion date"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True, due_at__isnull=True)
                | Q(confirmed_at__isnull=False, due_at__isnull=False),
                name="privacy_deletion_due_once_confirmed",
            )
        ]

    def __str__(self) -> str:
        return f"deletion {self.reference}"

    @property
    def is_scheduled(self) -> bool:
        return self.due_at is not None

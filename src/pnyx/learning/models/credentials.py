"""What a partner needs to issue credentials, and the credentials issued.

Each approved partner has its own Ed25519 key (`IssuerKey`), published as a `did:web` document,
and one revocation list (`StatusList`, 131,072 bits). The private key is stored encrypted with a
key derived from the site's SECRET_KEY. A `Credential` keeps the signed document exactly as
the learner downloads it, and its place in the partner's list.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel
from pnyx.learning.models.courses import Enrolment
from pnyx.learning.models.credits import CreditApplication
from pnyx.learning.models.partners import Partner


class IssuerKey(models.Model):
    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="issuer_key")
    private_key_encrypted = models.TextField()
    public_key_multibase = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Key of {self.partner_id}"


class StatusList(models.Model):
    """The partner's revocation bits; `next_index` is the next place given to a credential."""

    partner = models.OneToOneField(Partner, on_delete=models.CASCADE, related_name="status_list")
    bits = models.BinaryField()
    next_index = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Revocation list of {self.partner_id}"


class CredentialKind(models.TextChoices):
    CREDITS = "credits", _("Credits for civic engagement")
    COURSE = "course", _("Completed course")


class Credential(TimeStampedModel):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=CredentialKind.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_credentials"
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="credentials")
    application = models.OneToOneField(
        CreditApplication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credential",
    )
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.SET_NULL, related_name="credential"
    )
    name = models.CharField(max_length=300)
    document = models.JSONField()
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "status_index"], name="learning_credential_index_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:credential-detail", kwargs={"public_id": self.public_id})

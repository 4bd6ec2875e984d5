"""Organisations (NGOs, public services, schools, parties, …), their members and invitations."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from pnyx.core.models import TimeStampedModel, Topic

INVITATION_LIFETIME = timedelta(days=7)


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("NGO or association")
    PUBLIC_SERVICE = "public_service", _("Public service")
    SCHOOL = "school", _("School")
    UNIVERSITY = "university", _("University")
    POLITICAL_PARTY = "political_party", _("Political party")
    GOVERNMENT_BODY = "government_body", _("Government body")
    COMPANY = "company", _("Company")
    INFORMAL_GROUP = "informal_group", _("Informal group")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    ACTIVE = "active", _("Active")


class Organisation(TimeStampedModel):
    """An organisation registered on Pnyx; its slug is set at registration and never changes."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=220, unique=True)
    # A case- and accent-insensitive copy of the name, so the directory sorts "École" with the Es on
    # every database; written by the services through `algorithms.name_sort_key`.
    sort_name = models.CharField(max_length=200, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(
        _("country"), blank=True, help_text=_("Leave empty for an international organisation.")
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="organisations"
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), max_length=10000, blank=True, help_text=_("You can use Markdown.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:organisation-detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.ACTIVE)

    def requested(self) -> "MembershipQuerySet":
        return self.filter(status=MembershipStatus.REQUESTED)

    def admins(self) -> "MembershipQuerySet":
        return self.active().filter(role=Role.ADMIN)


class Membership(models.Model):
    """A person's place in an organisation: a join request until an administrator approves it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="orgs_one_membership_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN


def invitation_expiry() -> datetime:
    return timezone.now() + INVITATION_LIFETIME


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        """Invitations that can still be accepted."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed, single-use invitation to join; only the SHA-256 of its token is stored."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"Invitation to {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    def problem(self) -> str:
        """Why the invitation can no longer be accepted, for its holder ("" when it can)."""
        name = self.organisation.name
        if self.accepted_at is not None:
            return str(_("This invitation was already used."))
        if self.revoked_at is not None:
            return str(_("This invitation was withdrawn by %(name)s.") % {"name": name})
        if self.is_expired:
            return str(
                _("This invitation expired. Ask an administrator of %(name)s for a new one.")
                % {"name": name}
            )
        return ""

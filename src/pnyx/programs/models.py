"""Programs and charters: a working draft (sections and measures) and its published versions.

The draft is what the editors change; publishing copies it into a `Version` whose `content` is a
frozen JSON snapshot and never changes afterwards. `Citation` rows, written at publication, say
which measure of which version cites which proposition, so a proposition's page finds them in one
query.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel


class DocumentKind(models.TextChoices):
    PROGRAM = "program", _("program")
    CHARTER = "charter", _("charter")


class Document(TimeStampedModel):
    """A program or charter of an organisation; `latest_version` is the newest published one."""

    organisation = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=DocumentKind.choices, default=DocumentKind.PROGRAM
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=220, unique=True)
    summary = models.TextField(
        _("summary"), max_length=5000, blank=True, help_text=_("You can use Markdown.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latest_version = models.ForeignKey(
        "programs.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:document-detail", kwargs={"slug": self.slug})


class Section(models.Model):
    """A section of the working draft."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"), max_length=10000, blank=True, help_text=_("You can use Markdown.")
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    """A measure of the working draft; its id stays the same across versions."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("text"), max_length=5000, help_text=_("You can use Markdown."))
    sources = models.ManyToManyField(
        "participation.Proposition", blank=True, related_name="+", verbose_name=_("sources")
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Version(models.Model):
    """A published version: number, changelog and a frozen snapshot with its SHA-256."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.CharField(_("number"), max_length=20)
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    changelog = models.TextField(_("changelog"), max_length=10000)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = models.JSONField()
    content_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-major", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="programs_version_number"),
            models.UniqueConstraint(
                fields=["document", "major", "minor"], name="programs_version_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.title} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "programs:version-detail", kwargs={"slug": self.document.slug, "number": self.number}
        )


class Citation(models.Model):
    """Measure `label` (such as "2.3") of a version cites a proposition."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="citations")
    proposition = models.ForeignKey(
        "participation.Proposition", on_delete=models.CASCADE, related_name="+"
    )
    measure_id = models.PositiveIntegerField()
    label = models.CharField(max_length=20)

    class Meta:
        ordering = ["version", "label"]
        indexes = [models.Index(fields=["proposition", "version"])]

    def __str__(self) -> str:
        return f"{self.version} {self.label}"


class CoverageNote(models.Model):
    """Why the editors did not take up a proposition in the document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="coverage_notes")
    proposition = models.ForeignKey(
        "participation.Proposition", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "proposition"], name="programs_coverage_note_once"
            )
        ]

    def __str__(self) -> str:
        return self.reason[:80]

"""Programs and charters: a working draft (sections and measures) and its published versions.

The draft is what the editors change; publishing copies it into a `Version` whose `content` is a
frozen JSON snapshot and never changes afterwards. `Citation` rows, written at publication, say
which measure of which version cites which proposition, so a proposition's page finds them in one
query.

While the editors hold a consultation on the draft (`Document.consultation_opens_at` to
`consultation_closes_at`), people annotate a paragraph of a measure or of a section's
introduction (`Annotation`) and propose replacement texts for measures (`Amendment`), which others
support. An accepted amendment changes the draft and is credited in the next version.

A published version is endorsed by people and by organisations (`Endorsement`); each endorsement
names the version it endorses, so a new version shows who has confirmed it and who has not yet.
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
    consultation_opens_at = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    consultation_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)

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


class Annotation(models.Model):
    """A comment on one paragraph of a draft measure, or of a section's introduction.

    `paragraph` counts from 1 the blank-line separated paragraphs of the text; `quote` keeps the
    paragraph as it read, so the comment still makes sense after the draft changes. A removed
    annotation keeps its place with its body emptied.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="annotations")
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    paragraph = models.PositiveSmallIntegerField(_("paragraph"), default=1)
    quote = models.TextField(max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["document", "created_at"])]

    def __str__(self) -> str:
        return self.body[:80]


class AmendmentStatus(models.TextChoices):
    OPEN = "open", _("open")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Amendment(models.Model):
    """A proposed replacement text for a draft measure, with its author's justification.

    `original_text` is the measure as it read when the amendment was made. Editors accept it (the
    measure takes `text`) or reject it with a `reason`; `version` is the first version published
    after it was accepted, whose page credits it.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="amendments")
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendments"
    )
    original_text = models.TextField(max_length=5000)
    text = models.TextField(
        _("replacement text"), max_length=5000, help_text=_("You can use Markdown.")
    )
    justification = models.TextField(_("justification"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.OPEN
    )
    support_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    version = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendments"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["document", "status"])]

    def __str__(self) -> str:
        return self.text[:80]


class AmendmentSupport(models.Model):
    """A person supports an amendment (once)."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["amendment", "user"], name="programs_support_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.amendment_id}"


class Endorsement(models.Model):
    """A person, or an organisation through one of its administrators, endorses a version.

    Exactly one of `person` and `organisation` is set. Confirming a newer version adds a row for
    it; withdrawing stamps `withdrawn_at` on the endorser's rows of the document.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="endorsements")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="endorsements")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, organisation__isnull=True)
                    | models.Q(person__isnull=True, organisation__isnull=False)
                ),
                name="programs_endorsement_one_endorser",
            ),
            models.UniqueConstraint(
                fields=["version", "person"],
                condition=models.Q(person__isnull=False),
                name="programs_endorsement_person_once",
            ),
            models.UniqueConstraint(
                fields=["version", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="programs_endorsement_organisation_once",
            ),
        ]
        indexes = [models.Index(fields=["document", "version"])]

    def __str__(self) -> str:
        return f"endorsement of {self.version_id}"

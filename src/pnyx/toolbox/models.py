"""The toolbox: tools and practices in a moderated wiki, the organisations that use the tools,
their reviews, and each person's settings for the recommender.

Anyone signed in proposes a new tool or practice, or an edit, as a `Revision` holding the whole
proposed content; editors approve it (the content is applied and the revision becomes part of the
visible history) or reject it with a note. A tool or practice is public once a revision creating
it is approved.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from pnyx.core.models import TimeStampedModel, Topic


class Maturity(models.TextChoices):
    IDEA = "idea", _("idea")
    PROTOTYPE = "prototype", _("prototype")
    IN_USE = "in_use", _("in use")
    MATURE = "mature", _("mature")
    RETIRED = "retired", _("retired")


class CostModel(models.TextChoices):
    FREE = "free", _("free")
    FREEMIUM = "freemium", _("free with paid options")
    PAID = "paid", _("paid")
    ON_REQUEST = "on_request", _("price on request")


class GovernmentLevel(models.TextChoices):
    LOCAL = "local", _("local")
    REGIONAL = "regional", _("regional")
    NATIONAL = "national", _("national")
    INTERNATIONAL = "international", _("international")


class Tool(TimeStampedModel):
    """A piece of software or a method kit the community uses.

    `usage_count`, `rating_count` and `rating_total` are kept by the usage and review services
    so catalog pages and the recommender read them without counting.
    """

    slug = models.SlugField(_("address name"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), max_length=10000, blank=True, help_text=_("You can use Markdown.")
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    repository = models.URLField(_("source repository"), max_length=500, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=64,
        blank=True,
        help_text=_("An SPDX identifier such as AGPL-3.0-or-later; empty when unknown."),
    )
    open_source = models.BooleanField(_("open source"), default=False)
    cost_model = models.CharField(
        _("cost"), max_length=12, choices=CostModel.choices, default=CostModel.FREE
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    maturity = models.CharField(
        _("maturity"), max_length=12, choices=Maturity.choices, default=Maturity.IN_USE
    )
    screenshot = models.ImageField(_("screenshot"), upload_to="tools/", blank=True)
    screenshot_alt = models.CharField(_("screenshot description"), max_length=300, blank=True)
    alternatives = models.ManyToManyField(
        "self", verbose_name=_("alternatives"), blank=True, symmetrical=True
    )
    usage_count = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name", "pk"]
        # The catalog's orders (toolbox/catalog_order.py) read their first keys from these.
        indexes = [
            models.Index(fields=["usage_count", "id"], name="toolbox_tool_most_used"),
            models.Index(fields=["created_at", "id"], name="toolbox_tool_newest"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("toolbox:tool-detail", kwargs={"slug": self.slug})


class Practice(TimeStampedModel):
    """A best practice or case study: what was done, where, by whom, when, and what came of it."""

    slug = models.SlugField(_("address name"), max_length=220, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("what was done"), max_length=10000, help_text=_("You can use Markdown.")
    )
    country = CountryField(_("country"), blank=True)
    level = models.CharField(
        _("level of government"),
        max_length=14,
        choices=GovernmentLevel.choices,
        default=GovernmentLevel.LOCAL,
    )
    organisation = models.ForeignKey(
        "orgs.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
        verbose_name=_("organisation"),
    )
    actors = models.CharField(
        _("who"), max_length=300, blank=True, help_text=_("Who took part, in a few words.")
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcomes = models.TextField(_("outcomes and evidence"), max_length=10000, blank=True)
    resources = models.TextField(_("resources"), max_length=5000, blank=True)
    lessons = models.TextField(_("lessons"), max_length=5000, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    tools = models.ManyToManyField(
        Tool, verbose_name=_("tools used"), blank=True, related_name="practices"
    )

    class Meta:
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["created_at", "id"], name="toolbox_practice_newest"),
            models.Index(fields=["started_on", "id"], name="toolbox_practice_started"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("toolbox:practice-detail", kwargs={"slug": self.slug})


class RevisionState(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class RevisionKind(models.TextChoices):
    TOOL = "tool", _("tool")
    PRACTICE = "practice", _("practice")


class Revision(models.Model):
    """A proposed version of a tool or practice: `data` holds every field as it would read.

    A revision without `tool` or `practice` proposes a new one; approving it creates the object.
    Approved revisions, newest first, are the object's visible history.
    """

    kind = models.CharField(max_length=10, choices=RevisionKind.choices)
    tool = models.ForeignKey(
        Tool, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    practice = models.ForeignKey(
        Practice, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    data = models.JSONField()
    comment = models.CharField(_("what changed"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=10, choices=RevisionState.choices, default=RevisionState.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("note to the author"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} revision {self.pk}"


class Usage(TimeStampedModel):
    """An organisation says it uses a tool, for what, where and since when."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="tool_usages"
    )
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="usages")
    purpose = models.CharField(_("used for"), max_length=300)
    country = CountryField(_("country"), blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "tool"], name="toolbox_usage_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} uses {self.tool_id}"


class Review(TimeStampedModel):
    """An organisation that uses a tool rates it (1 to 5) and says why."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="reviews")
    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="tool_reviews"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    text = models.TextField(_("review"), max_length=5000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "organisation"], name="toolbox_review_once"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="toolbox_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for {self.tool_id}"


class RecommenderSettings(models.Model):
    """A person's weights for the recommender's factors, and whether it is personal at all."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommender_settings"
    )
    personalised = models.BooleanField(_("personal recommendations"), default=True)
    #: {"topics": 1.0, "country": 0.5, ...}; factors left out keep their default weight.
    weights = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"recommender settings of {self.user_id}"

"""The network: what people follow, organisations' news, practitioners available to help, the
help requests of organisations (including "make sense of this data set"), and the private
conversations a contact request opens once it is accepted.

A person's feed is read from the toolbox, the consultations and the news posts through what they
follow (see `selectors.feed`); nothing is copied into a feed table.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from pnyx.core.models import TimeStampedModel, Topic


class Follow(models.Model):
    """A person follows exactly one of an organisation, a topic, a tool or another person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_follows"
    )
    organisation = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    tool = models.ForeignKey(
        "toolbox.Tool", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_followers",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, topic=None, tool=None, person=None)
                    | models.Q(organisation=None, topic__isnull=False, tool=None, person=None)
                    | models.Q(organisation=None, topic=None, tool__isnull=False, person=None)
                    | models.Q(organisation=None, topic=None, tool=None, person__isnull=False)
                ),
                name="network_follow_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=models.Q(**{f"{target}__isnull": False}),
                    name=f"network_follow_{target}_once",
                )
                for target in ("organisation", "topic", "tool", "person")
            ),
        ]

    def __str__(self) -> str:
        return f"follow {self.pk} of {self.user_id}"


class NewsPost(TimeStampedModel):
    """News an organisation publishes for the people who follow it."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="news_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=20000, help_text=_("You can use Markdown."))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:news-detail", kwargs={"pk": self.pk})


class Practitioner(models.Model):
    """A person who offers to help: what they know, in which languages and countries, and how
    many hours a month. `available` off hides them from the directory without losing the rest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    available = models.BooleanField(_("available to help"), default=True)
    headline = models.CharField(_("what I can help with"), max_length=300)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    tools = models.ManyToManyField(
        "toolbox.Tool", verbose_name=_("tools"), blank=True, related_name="practitioners"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("hours a month"), default=2)
    data_expert = models.BooleanField(_("I help make sense of data sets"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return f"practitioner {self.user_id}"


class HelpKind(models.TextChoices):
    HELP = "help", _("help with a project")
    DATA = "data", _("make sense of a data set")


class HelpStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class HelpRequest(TimeStampedModel):
    """An organisation asks for help; a "data" request links the data set to make sense of."""

    organisation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="help_requests"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=6, choices=HelpKind.choices, default=HelpKind.HELP
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("what you need"), max_length=10000, help_text=_("You can use Markdown.")
    )
    dataset_url = models.URLField(_("data set address"), max_length=500, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    tools = models.ManyToManyField(
        "toolbox.Tool", verbose_name=_("tools"), blank=True, related_name="help_requests"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    country = CountryField(_("country"), blank=True)
    status = models.CharField(max_length=6, choices=HelpStatus.choices, default=HelpStatus.OPEN)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:help-detail", kwargs={"pk": self.pk})


class ExpertAnswer(models.Model):
    """An answer in a help request's thread; the organisation marks the useful ones."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("answer"), max_length=10000, help_text=_("You can use Markdown."))
    useful = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:80]


class ContactState(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class ContactRequest(models.Model):
    """Someone asks a practitioner for help; accepting opens a conversation between them, and only
    then does each see the other's e-mail address."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts"
    )
    message = models.TextField(_("message"), max_length=2000)
    state = models.CharField(
        max_length=10, choices=ContactState.choices, default=ContactState.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=models.Q(state="pending"),
                name="network_one_pending_contact",
            )
        ]

    def __str__(self) -> str:
        return f"contact {self.sender_id} → {self.recipient_id}"


class Conversation(models.Model):
    """The private thread an accepted contact request opens between its two people."""

    contact = models.OneToOneField(
        ContactRequest, on_delete=models.CASCADE, related_name="conversation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"conversation {self.pk}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:80]

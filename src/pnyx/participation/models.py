"""Consultations: processes and their phases, questions, propositions, votes and comments.

Counters on processes and propositions are caches of the vote, comment and proposition rows; the
services update them with F() expressions in the same transaction as the rows they count, and
`selectors.counter_drift` recounts them to prove it. Votes are counted on the propositions only:
a process's total is their sum, so that votes on different propositions never wait for each other.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import TimeStampedModel, Topic
from pnyx.orgs.models import Organisation


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class VoteMode(models.TextChoices):
    SUPPORT = "support", _("Support only")
    AGREE_DISAGREE = "agree_disagree", _("Agree, disagree or pass")


class Audience(models.TextChoices):
    """Who may take part in one kind of act (propose, vote, comment) in a process."""

    CONFIRMED = "confirmed", _("Anyone signed in with a confirmed e-mail address")
    MEMBERS = "members", _("Members of the chosen organisations")
    INVITED = "invited", _("People who opened the invitation link")
    NOBODY = "nobody", _("Nobody")


class PhaseKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    PROPOSING = "proposing", _("Proposing")
    VOTING = "voting", _("Voting")
    RESULTS = "results", _("Results")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Feature(models.TextChoices):
    PROPOSE = "propose", _("proposing")
    VOTE = "vote", _("voting")
    COMMENT = "comment", _("commenting")


#: What each phase opens while it runs. Outside every phase, nothing is open.
PHASE_FEATURES: dict[str, frozenset[str]] = {
    PhaseKind.INFORMATION: frozenset(),
    PhaseKind.PROPOSING: frozenset({Feature.PROPOSE, Feature.VOTE, Feature.COMMENT}),
    PhaseKind.VOTING: frozenset({Feature.VOTE, Feature.COMMENT}),
    PhaseKind.RESULTS: frozenset(),
    PhaseKind.FOLLOW_UP: frozenset({Feature.COMMENT}),
}


def cover_image_path(instance: "Process", filename: str) -> str:
    """Where a cover image is stored: a random name nobody can guess, never the uploaded one.

    `filename` is the name the services give the cleaned image; only its extension is kept.
    """
    extension = filename.rsplit(".", 1)[-1]
    return f"process-covers/{secrets.token_urlsafe(24)}.{extension}"


class Process(TimeStampedModel):
    """A consultation run by an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="processes",
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address name"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=500)
    body = models.TextField(
        _("description"), max_length=20000, blank=True, help_text=_("You can use Markdown.")
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="processes"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT
    )
    vote_mode = models.CharField(
        _("kind of vote"), max_length=16, choices=VoteMode.choices, default=VoteMode.SUPPORT
    )
    vote_limit = models.PositiveIntegerField(
        _("votes per person"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    support_threshold = models.PositiveIntegerField(
        _("support threshold"),
        null=True,
        blank=True,
        help_text=_("Propositions reaching this many supports are marked as such."),
    )
    propose_audience = models.CharField(
        _("who may propose"), max_length=12, choices=Audience.choices, default=Audience.CONFIRMED
    )
    vote_audience = models.CharField(
        _("who may vote"), max_length=12, choices=Audience.choices, default=Audience.CONFIRMED
    )
    comment_audience = models.CharField(
        _("who may comment"), max_length=12, choices=Audience.choices, default=Audience.CONFIRMED
    )
    member_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations whose members take part"),
        blank=True,
        related_name="+",
    )
    invitation_token_hash = models.CharField(max_length=64, blank=True)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderators"),
        blank=True,
        related_name="moderated_processes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Written only by the services, from an image they decoded, cleaned and resized
    # (`pnyx.core.images`); the size is kept so pages can reserve the image's space.
    cover_image = models.ImageField(
        _("cover image"), upload_to=cover_image_path, max_length=200, blank=True
    )
    cover_image_alt = models.CharField(
        _("description of the cover image"), max_length=250, blank=True
    )
    cover_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    proposition_count = models.PositiveIntegerField(default=0)
    # No vote counter here: every vote of the process would lock this row. The process's votes
    # are the sum of its propositions' counters (`selectors.processes.with_vote_count`).
    comment_count = models.PositiveIntegerField(default=0)
    participant_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(cover_image="") | ~Q(cover_image_alt=""),
                name="process_cover_image_has_alt",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:process-detail", kwargs={"slug": self.slug})


class Phase(models.Model):
    """A dated step of a process; while it runs it opens the features in PHASE_FEATURES."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=12, choices=PhaseKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["process", "position", "starts_at"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="phase_ends_after_it_starts"
            )
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    def is_running(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        return self.starts_at <= moment < self.ends_at


class Question(models.Model):
    """A question the process asks; each proposition answers one."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="questions")
    title = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    proposition_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["process", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title


class ProcessAccess(models.Model):
    """A person who opened the process's invitation link (audience `invited`)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_access_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.process_id}"


#: Ids that people and propositions had in another tool before an import.
EXTERNAL_ID_MAX_LENGTH = 64


class Participant(models.Model):
    """A person's participation in one process.

    Its row is locked (select_for_update) before a vote so that a person's concurrent votes are
    serialised and the per-process vote limit holds; lock order is participant, then proposition.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    vote_count = models.PositiveIntegerField(default=0)
    proposition_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # The participant's id where they took part before (a Pol.is voter-id for an import), so
    # that results can be compared with the source's; empty for people who joined on Pnyx.
    external_id = models.CharField(max_length=EXTERNAL_ID_MAX_LENGTH, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="one_participant_per_person"),
            models.UniqueConstraint(
                fields=["process", "external_id"],
                condition=~Q(external_id=""),
                name="one_participant_per_external_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.process_id}"


class PropositionStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AnswerState(models.TextChoices):
    NONE = "", _("Not answered yet")
    EVALUATING = "evaluating", _("Being evaluated")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    IMPLEMENTED = "implemented", _("Implemented")


class Proposition(TimeStampedModel):
    """A proposition answering one question of a process."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="propositions")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="propositions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="propositions",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=10000, help_text=_("You can use Markdown."))
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="propositions"
    )
    status = models.CharField(
        max_length=12, choices=PropositionStatus.choices, default=PropositionStatus.PUBLISHED
    )
    # Entered by a facilitator for a person met offline (paper, workshop, street stand).
    entered_offline = models.BooleanField(_("entered for someone met offline"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    answer_state = models.CharField(
        _("answer"),
        max_length=12,
        choices=AnswerState.choices,
        default=AnswerState.NONE,
        blank=True,
    )
    answer_text = models.TextField(_("answer text"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    support_count = models.PositiveIntegerField(default=0)
    agree_count = models.PositiveIntegerField(default=0)
    disagree_count = models.PositiveIntegerField(default=0)
    pass_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    threshold_reached_at = models.DateTimeField(null=True, blank=True)
    version_count = models.PositiveIntegerField(default=1)
    # The proposition's id where it was first written (a Pol.is comment-id for an import).
    external_id = models.CharField(max_length=EXTERNAL_ID_MAX_LENGTH, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        indexes = [
            models.Index(fields=["process", "status", "-support_count", "-id"]),
            models.Index(fields=["process", "status", "-created_at", "-id"]),
            models.Index(fields=["process", "status", "-comment_count", "-id"]),
            models.Index(fields=["question", "status", "-support_count", "-id"]),
            # Only the hidden rows: the listing's total is the stored counter less these (a
            # covering index, so that SQLite prefers it to the bigger ones above).
            models.Index(
                fields=["process", "status", "question"],
                condition=Q(hidden_at__isnull=False),
                name="proposition_hidden",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "external_id"],
                condition=~Q(external_id=""),
                name="one_proposition_per_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:proposition-detail", kwargs={"pk": self.pk})

    @property
    def vote_total(self) -> int:
        return self.support_count + self.agree_count + self.disagree_count + self.pass_count

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PropositionVersion(models.Model):
    """An earlier wording of a proposition, kept once people had voted or commented on it."""

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["proposition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposition", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.proposition_id} v{self.number}"


class VoteValue(models.TextChoices):
    SUPPORT = "support", _("Support")
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    PASS = "pass", _("Pass")


#: The counter column each vote value adds to.
VOTE_COUNTER = {
    VoteValue.SUPPORT: "support_count",
    VoteValue.AGREE: "agree_count",
    VoteValue.DISAGREE: "disagree_count",
    VoteValue.PASS: "pass_count",
}


class Vote(models.Model):
    """One person's vote on one proposition; the unique constraint makes double votes impossible."""

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="votes"
    )
    value = models.CharField(max_length=8, choices=VoteValue.choices)
    entered_offline = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposition", "user"], name="one_vote_per_person")
        ]
        indexes = [models.Index(fields=["user", "proposition"])]

    def __str__(self) -> str:
        return f"{self.value} by {self.user_id} on {self.proposition_id}"


class Stance(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    NEUTRAL = "neutral", _("Neutral")


class Comment(models.Model):
    """A comment on a proposition or a reply to another comment (up to MAX_DEPTH levels)."""

    MAX_DEPTH = 3

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=5000)
    stance = models.CharField(
        _("stance"), max_length=8, choices=Stance.choices, default=Stance.NEUTRAL
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["proposition", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["proposition", "created_at"])]

    def __str__(self) -> str:
        return f"{self.pk}"


class CommentVersion(models.Model):
    """An earlier text of an edited comment, shown as its history."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["comment", "-created_at"]

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Insulting, hateful or harassing")
    PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Another reason")


class Report(models.Model):
    """A person's report of a proposition or a comment to the process's moderators."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="reports")
    proposition = models.ForeignKey(
        Proposition, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=ReportReason.choices)
    details = models.CharField(_("details"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposition__isnull=False, comment__isnull=True)
                | Q(proposition__isnull=True, comment__isnull=False),
                name="report_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposition"],
                condition=Q(proposition__isnull=False),
                name="one_report_per_person_and_proposition",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="one_report_per_person_and_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} on {self.proposition_id or self.comment_id}"


class Follow(models.Model):
    """A person following a process or a proposition, to be notified of what happens to it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    process = models.ForeignKey(
        Process, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    proposition = models.ForeignKey(
        Proposition, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(process__isnull=False, proposition__isnull=True)
                | Q(process__isnull=True, proposition__isnull=False),
                name="follow_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "process"],
                condition=Q(process__isnull=False),
                name="one_follow_per_process",
            ),
            models.UniqueConstraint(
                fields=["user", "proposition"],
                condition=Q(proposition__isnull=False),
                name="one_follow_per_proposition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.proposition_id or self.process_id}"


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("Never")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


class NotificationSettings(models.Model):
    """How a person wants to hear about what they follow."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_settings"
    )
    in_app = models.BooleanField(_("show notifications on Pnyx"), default=True)
    digest = models.CharField(
        _("e-mail digest"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"settings of {self.user_id}"


class Notification(models.Model):
    """Something that happened to what a person follows, shown in the app and in digests."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=64)
    process = models.ForeignKey(Process, null=True, blank=True, on_delete=models.CASCADE)
    proposition = models.ForeignKey(Proposition, null=True, blank=True, on_delete=models.CASCADE)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.event} for {self.user_id}"


class OpinionGroupsRun(models.Model):
    """One computation of a process's opinion groups (`pnyx.participation.opinion_groups`).

    Runs are kept as the history of the groups; pages show the latest. Groups, representative
    propositions and consensus scores are small JSON documents. Where each participant sits on
    the map and their group are arrays in `positions` (see `opinion_groups.pack_positions`):
    about 9 bytes a participant before compression, so 200,000 participants take under 2 MB;
    only the latest `services.opinion_groups.POSITIONS_KEPT` runs keep them.
    """

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="opinion_group_runs"
    )
    algorithm_version = models.CharField(max_length=20)
    parameters = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)
    vote_count = models.PositiveIntegerField(default=0)
    participant_count = models.PositiveIntegerField(default=0)
    grouped_count = models.PositiveIntegerField(default=0)
    proposition_count = models.PositiveIntegerField(default=0)
    #: The silhouette of each number of groups tried: {"2": 0.41, "3": 0.38, ...}.
    silhouettes = models.JSONField(default=dict)
    #: [{"label", "size", "centre": [x, y], "representative": [...]}], largest group first.
    groups = models.JSONField(default=list)
    #: [{"proposition", "score", "agree": [per group], "votes": [per group]}], best first.
    consensus = models.JSONField(default=list)
    positions = models.BinaryField(blank=True, default=b"")

    class Meta:
        ordering = ["-computed_at", "-pk"]
        indexes = [models.Index(fields=["process", "-computed_at", "-id"])]

    def __str__(self) -> str:
        return f"opinion groups of {self.process_id} at {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def group_count(self) -> int:
        return len(self.groups)

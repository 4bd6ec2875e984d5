"""Core data: topics, the hash-chained audit log and the search index."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pnyx.core.taxonomy import topic_name


class TimeStampedModel(models.Model):
    """Base for rows that show when they were created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Topic(models.Model):
    """An open-government topic; its name comes translated from `taxonomy.TOPICS`."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return topic_name(self.slug)


class AuditEntry(models.Model):
    """One official act in the public, append-only, hash-chained log.

    `hash` is the SHA-256 of the entry's canonical content, which includes `prev_hash`, so editing,
    deleting or reordering any row breaks the chain from that row on. Rows are written only by
    `pnyx.core.audit.record` and checked by `pnyx.core.audit.verify` (`pnyx audit verify`).
    """

    seq = models.PositiveBigIntegerField(_("number"), unique=True)
    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"


class SearchEntry(models.Model):
    """The searchable text of one object, indexed by SQLite FTS5 or PostgreSQL full-text search."""

    kind = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="core_search_one_entry_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class JobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """One run of a background task, queued by `pnyx.core.tasks.enqueue` and run by `pnyx worker`.

    `key` names the work a job does ("recompute the groups of process 12"): at most one job per key
    waits at a time, so asking again while it waits adds nothing. `attempts` counts the runs
    started; a run's writes carry it, so a run that was given up for dead and retried elsewhere
    cannot overwrite the newer run's state. `error` is written for the person who asked (no
    traceback: those go to the log).
    """

    name = models.CharField(_("task"), max_length=100)
    kwargs = models.JSONField(_("arguments"), default=dict, blank=True)
    key = models.CharField(_("key"), max_length=200, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        # A person's jobs are their personal data: they go with the account.
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    progress_message = models.CharField(_("progress message"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    run_after = models.DateTimeField(_("run after"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["status", "run_after"], name="core_job_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(status=JobStatus.PENDING) & ~models.Q(key=""),
                name="core_job_one_pending_per_key",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="core_job_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

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

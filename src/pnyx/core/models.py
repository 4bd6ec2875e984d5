"""Core data: topics, the hash-chained audit log and the search index."""

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

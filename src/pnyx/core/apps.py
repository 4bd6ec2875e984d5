from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_topics(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep one Topic row per topic listed in `taxonomy.TOPICS` (new topics appear on migrate)."""
    from pnyx.core.models import Topic
    from pnyx.core.taxonomy import TOPICS

    existing = set(Topic.objects.using(using).values_list("slug", flat=True))
    Topic.objects.using(using).bulk_create(
        [Topic(slug=slug) for slug in TOPICS if slug not in existing]
    )


class CoreConfig(AppConfig):
    name = "pnyx.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        post_migrate.connect(ensure_topics, sender=self)

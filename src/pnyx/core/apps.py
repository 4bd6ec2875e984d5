from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _


def ensure_topics(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Keep one Topic row per topic listed in `taxonomy.TOPICS` (new topics appear on migrate)."""
    from pnyx.core.models import Topic
    from pnyx.core.taxonomy import TOPICS

    existing = set(Topic.objects.using(using).values_list("slug", flat=True))
    Topic.objects.using(using).bulk_create(
        [Topic(slug=slug) for slug in TOPICS if slug not in existing]
    )


def load_task_modules() -> None:
    """Import each Pnyx app's `tasks.py` (the core's own among them), which registers its tasks.

    Every process then knows every task: a page can queue any of them, a worker can run any of
    them. Libraries' modules of the same name are left alone.
    """
    for config in apps.get_app_configs():
        if config.name.startswith("pnyx.") and module_has_submodule(config.module, "tasks"):
            import_module(f"{config.name}.tasks")


class CoreConfig(AppConfig):
    name = "pnyx.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        post_migrate.connect(ensure_topics, sender=self)
        load_task_modules()

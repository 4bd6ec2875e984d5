from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "pnyx.toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.toolbox import rules  # noqa: F401

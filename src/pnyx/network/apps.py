from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "pnyx.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.network import rules  # noqa: F401

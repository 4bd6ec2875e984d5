from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "pnyx.transparency"
    label = "transparency"
    verbose_name = _("Transparency")

    def ready(self) -> None:
        # Registers the permissions, the audit action and the "why" of each explained algorithm.
        from pnyx.transparency import explainers, rules, services  # noqa: F401

        # Registers the periodic task that rebuilds the downloadable open-data package.
        from pnyx.transparency.open_data import archive  # noqa: F401

        services.register_audit_actions()
        explainers.register_explainers()

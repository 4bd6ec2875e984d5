from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "pnyx.participation"
    label = "participation"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        # Importing these registers the ranking cards, the permissions, the personal data and
        # the open data.
        from pnyx.participation import algorithms, opendata, personal_data, rules  # noqa: F401
        from pnyx.participation.services import moderation, polis_import, processes

        processes.register_audit_actions()
        moderation.register_audit_actions()
        polis_import.register_audit_actions()

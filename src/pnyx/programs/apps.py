from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "pnyx.programs"
    label = "programs"
    verbose_name = _("Programs and charters")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.programs import personal_data, rules  # noqa: F401
        from pnyx.programs.services import (
            register_amendment_messages,
            register_audit_actions,
            register_endorsement_messages,
        )
        from pnyx.programs.views.citations import register_page_parts

        register_audit_actions()
        register_endorsement_messages()
        register_amendment_messages()
        personal_data.register_sources()
        register_page_parts()

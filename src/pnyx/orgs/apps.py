from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "pnyx.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from pnyx.core import algorithms, audit
        from pnyx.orgs import opendata, personal_data, rules  # noqa: F401 - registers permissions
        from pnyx.orgs.algorithms import DIRECTORY_CARD

        audit.register_action("orgs.organisation_registered", _("Organisation registered"))
        audit.register_action(
            "orgs.admin_role_granted", _("Organisation administrator role granted")
        )
        audit.register_action(
            "orgs.admin_role_removed", _("Organisation administrator role removed")
        )
        audit.register_action("orgs.member_removed", _("Member removed by an administrator"))
        algorithms.register(DIRECTORY_CARD)
        personal_data.register_sources()
        opendata.register()

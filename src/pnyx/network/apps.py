from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "pnyx.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.network import (  # noqa: F401
            feed_personal_data,
            matching,
            practitioners_personal_data,
            rules,
        )
        from pnyx.network.follow_button import register_page_parts
        from pnyx.network.services.contacts import register_contact_messages

        matching.register_algorithm()
        register_contact_messages()
        register_page_parts()
        practitioners_personal_data.register_sources()
        feed_personal_data.register_sources()

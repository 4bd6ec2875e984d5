from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "pnyx.toolbox"
    label = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.core import algorithms
        from pnyx.toolbox import (
            catalog_opendata,
            recommender_opendata,
            recommender_personal_data,
            rules,  # noqa: F401
            wiki_personal_data,
        )
        from pnyx.toolbox.catalog_order import CATALOG_CARD
        from pnyx.toolbox.recommender_card import RECOMMENDER_CARD
        from pnyx.toolbox.services.catalog_import import register_import_actions
        from pnyx.toolbox.services.usages import register_usage_actions
        from pnyx.toolbox.services.wiki import register_wiki_messages
        from pnyx.toolbox.views.usages import register_page_parts

        algorithms.register(CATALOG_CARD)
        algorithms.register(RECOMMENDER_CARD)
        catalog_opendata.register()
        recommender_opendata.register()
        recommender_personal_data.register_sources()
        wiki_personal_data.register_sources()
        register_import_actions()
        register_usage_actions()
        register_wiki_messages()
        register_page_parts()

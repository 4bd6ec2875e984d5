from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "pnyx.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        # Importing the rules registers the permissions.
        from pnyx.learning import rules  # noqa: F401

        # Each area registers its audit actions, messages and personal data.
        from pnyx.learning.services.courses_personal_data import register_course_personal_data
        from pnyx.learning.services.courses_progress import register_course_messages
        from pnyx.learning.services.credentials import register_credential_actions
        from pnyx.learning.services.credentials_personal_data import register_credential_data
        from pnyx.learning.services.credits_decisions import register_credit_actions
        from pnyx.learning.services.engagement import register_engagement
        from pnyx.learning.services.groups import register_group_actions
        from pnyx.learning.services.groups_personal_data import register_group_sources
        from pnyx.learning.services.partners import register_partner_actions
        from pnyx.learning.services.partners_personal_data import register_partner_sources
        from pnyx.learning.views.account import register_page_parts

        register_course_messages()
        register_course_personal_data()
        register_credential_actions()
        register_credential_data()
        register_credit_actions()
        register_engagement()
        register_partner_actions()
        register_partner_sources()
        register_group_actions()
        register_group_sources()
        register_page_parts()

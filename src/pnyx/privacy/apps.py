from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "pnyx.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from pnyx.core import audit
        from pnyx.core import personal_data as registry
        from pnyx.privacy import personal_data, receivers, rules, selectors  # noqa: F401
        from pnyx.privacy.services import deletion

        registry.set_consent_reader(selectors.consent_given)
        registry.personal_data_viewed.connect(
            receivers.on_personal_data_viewed, dispatch_uid="privacy.access"
        )
        user_logged_in.connect(receivers.on_logged_in, dispatch_uid="privacy.logged_in")
        audit.register_action(deletion.ACTION, _("Account deleted"))

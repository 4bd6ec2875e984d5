from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pnyx.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Registers what the accounts hold about a person with the core personal-data registry.
        from pnyx.accounts import personal_data  # noqa: F401

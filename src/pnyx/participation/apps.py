from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "pnyx.participation"
    label = "participation"
    verbose_name = _("Consultations")

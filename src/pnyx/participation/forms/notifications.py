"""The notification settings form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.participation.models import DigestFrequency


class NotificationSettingsForm(forms.Form):
    in_app = forms.BooleanField(
        label=_("Show notifications on Pnyx"),
        required=False,
        help_text=_("Listed on your notifications page."),
    )
    digest = forms.ChoiceField(
        label=_("E-mail digest"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("One e-mail with what you have not read yet."),
    )

"""Forms of the privacy pages: consents, and the confirmation of an account deletion."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.core import personal_data


class ConsentForm(forms.Form):
    """One checkbox per registered consent purpose, ticked when the person said yes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for purpose in personal_data.purposes():
            self.fields[purpose.key] = forms.BooleanField(
                label=str(purpose.label), help_text=str(purpose.description), required=False
            )

    @classmethod
    def initial_for(cls, state: dict[str, Any]) -> dict[str, bool]:
        return {key: consent.granted for key, consent in state.items()}


class DeletionPasswordForm(forms.Form):
    """Confirm the deletion of one's account by typing one's password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password to confirm.")},
    )

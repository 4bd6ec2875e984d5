"""Forms of the credential pages: checking a credential, revoking one."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnyx.core import ratelimit
from pnyx.learning.services.credentials import REASON_MAX_LENGTH
from pnyx.learning.services.credentials_verify import MAX_CREDENTIAL_BYTES, credential_parse

# Checking costs a signature check and a list signing. Most verifiers have no account, so the
# limit that matters is the one per address.
VERIFY_RATE = ratelimit.Rate(per_person=60, per_address=30, window_seconds=60)


def verify_rate_exceeded(request: HttpRequest) -> bool:
    """Count one verification from this address; True past the limit."""
    return ratelimit.request_exceeded(request, "learning.credential_verify", VERIFY_RATE)


class VerifyForm(forms.Form):
    """Paste the credential's JSON or choose its file; `cleaned_data["document"]` is the parsed
    JSON object."""

    text = forms.CharField(
        label=gettext_lazy("Paste the credential (JSON)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Or choose the credential file"),
        required=False,
        help_text=gettext_lazy("A .json file of at most 1 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_CREDENTIAL_BYTES:
            raise ValidationError(
                _("The file is larger than 1 MB; credentials are a few kilobytes."),
                code="too_large",
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        upload = data.get("file")
        content: bytes | str = upload.read() if upload is not None else data.get("text", "")
        try:
            data["document"] = credential_parse(content)
        except ValidationError as error:
            self.add_error("file" if upload is not None else "text", error)
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it revoked?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The learner reads this reason."),
    )

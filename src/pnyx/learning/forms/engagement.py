"""Forms of the engagement pages: a written entry, a referee's answer, and the rate limit the
pages and the API share for writing entries (each may e-mail a referee)."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pnyx.core import ratelimit
from pnyx.learning.services.engagement import EntryFields
from pnyx.learning.services.engagement_evidence import MAX_EVIDENCE_BYTES

#: Entries a person (and an address) may write or change per hour before a 429: each may send
#: a referee an e-mail, and Pnyx must not become a way to write to strangers in bulk.
ENTRY_RATE = ratelimit.Rate(per_person=30, per_address=60, window_seconds=3600)


def entry_rate_exceeded(request: HttpRequest) -> bool:
    """Count one entry written or changed; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "learning.engagement_entry", ENTRY_RATE)


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class EngagementEntryForm(forms.Form):
    activity = forms.CharField(
        label=_("Activity"),
        max_length=200,
        help_text=_("What you did, in a few words: for example, “Volunteer at a repair café”."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    organisation = forms.SlugField(
        label=_("Organisation on Pnyx"),
        max_length=220,
        required=False,
        help_text=_(
            "If the organisation is on Pnyx, its address name: the last part of its page's "
            "address, such as open-budget-lab."
        ),
    )
    started_on = forms.DateField(label=_("From"), widget=_DateInput())
    ended_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=_DateInput(),
        help_text=_("Leave empty if it goes on."),
    )
    hours = forms.DecimalField(
        label=_("Hours"), required=False, min_value=0, max_digits=6, decimal_places=1
    )
    description = forms.CharField(
        label=_("What you did"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence_url = forms.URLField(
        label=_("Link to evidence"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A page that shows your engagement: an article, a report, a project page."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        max_length=200,
        help_text=_("A PDF, PNG, JPEG or WebP file of at most %(megabytes)s MB.")
        % {"megabytes": MAX_EVIDENCE_BYTES // (1024 * 1024)},
    )
    remove_evidence = forms.BooleanField(label=_("Remove the evidence file"), required=False)
    referee_name = forms.CharField(
        label=_("Referee's name"),
        max_length=200,
        required=False,
        help_text=_("Someone who can confirm this entry, such as the person you worked with."),
    )
    referee_email = forms.EmailField(
        label=_("Referee's e-mail address"),
        required=False,
        help_text=_("We e-mail them a link to confirm or decline. Nobody else sees it."),
    )
    shared = forms.BooleanField(label=_("Show this entry on my public record"), required=False)

    def __init__(self, *args: Any, has_evidence: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_evidence:
            del self.fields["remove_evidence"]

    def entry_fields(self) -> EntryFields:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        return EntryFields(
            activity=data["activity"],
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            organisation=data.get("organisation") or "",
            organisation_name=data.get("organisation_name") or "",
            hours=data.get("hours"),
            description=data.get("description") or "",
            evidence_url=data.get("evidence_url") or "",
            referee_name=data.get("referee_name") or "",
            referee_email=data.get("referee_email") or "",
            shared=bool(data.get("shared")),
        )


class RefereeAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words the learner and the committees they apply to will read."),
    )
    answer = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("decline", _("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to confirm or to decline.")},
    )

"""Forms of the study-group pages, and the rate limit on posts that the pages and the API
share."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pnyx.core import ratelimit

#: Posts a person (and an address) may write per minute in study groups before a 429.
POST_RATE = ratelimit.Rate(per_person=10, per_address=30)


def post_rate_exceeded(request: HttpRequest) -> bool:
    """Count one post; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "learning.group_post", POST_RATE)


class GroupChangeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the group studies and how it works. You can use Markdown."),
    )


class GroupCreateForm(GroupChangeForm):
    course = forms.ChoiceField(label=_("Course"), required=False)
    partner = forms.ChoiceField(label=_("Partner"), required=False)

    def __init__(
        self,
        *args: Any,
        courses: list[tuple[str, str]],
        partners: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", gettext("No course")), *courses]  # type: ignore[attr-defined]
        self.fields["course"].help_text = gettext(
            "Attach the group to a course or to a partner: choose one of them."
        )
        self.fields["partner"].choices = [("", gettext("No partner")), *partners]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("course")) == bool(cleaned.get("partner")):
            message = gettext("Attach the group to one course or to one partner.")
            self.add_error("course", message)
        return cleaned


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown."),
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Shared notes"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("Every member can edit these notes. You can use Markdown."),
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time (UTC)."),
    )
    online_url = forms.URLField(
        label=_("Online meeting address"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=300,
        required=False,
        help_text=_("Give an online address, a place, or both."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

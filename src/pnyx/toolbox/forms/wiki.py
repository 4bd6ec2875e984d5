"""Forms to propose and edit tools and practices, and for the editors' decisions.

The forms only shape what was typed; `pnyx.toolbox.services.wiki` checks every field and has the
last word, its errors shown on the form by field.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.languages import language_choices
from pnyx.core import ratelimit
from pnyx.core.models import Topic
from pnyx.core.taxonomy import country_choices
from pnyx.toolbox.models import CostModel, GovernmentLevel, Maturity

#: Proposals a person (or an address) may send in an hour.
PROPOSAL_RATE = ratelimit.Rate(per_person=20, per_address=60, window_seconds=3600)


def proposal_rate_exceeded(request: HttpRequest) -> bool:
    """Count one proposal or edit attempt; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "toolbox.proposal", PROPOSAL_RATE)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def _topic_choices() -> list[tuple[str, str]]:
    return sorted(
        ((topic.slug, topic.name) for topic in Topic.objects.all()),
        key=lambda pair: pair[1].casefold(),
    )


def _country_choices() -> list[tuple[str, Any]]:
    return [("", _("Not tied to one country")), *country_choices()]


def _text(label: Any, limit: int, rows: int = 0, **options: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label,
        max_length=limit,
        required=options.pop("required", False),
        widget=widget,
        **options,
    )


def _url(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=500,
        required=False,
        widget=forms.URLInput,
        help_text=_("An address starting with https://"),
    )


_MARKDOWN = _("You can use Markdown.")


class _RevisionForm(forms.Form):
    """Fields shared by tools and practices, and the comment an edit needs."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=_topic_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = _text(
        _("What did you change?"), 500, help_text=_("A few words for the editors and the history.")
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["comment"].required = True
        else:
            self.fields["comment"].label = _("Anything the editors should know?")
            self.fields["comment"].help_text = ""

    def content(self) -> dict[str, Any]:
        """What was typed, as the services take it (the comment left out)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "comment"}


class ToolForm(_RevisionForm):
    name = _text(_("Name"), 120, required=True)
    summary = _text(_("Summary"), 300, rows=2, required=True, help_text=_("One or two sentences."))
    description = _text(_("Description"), 10000, rows=8, help_text=_MARKDOWN)
    website = _url(_("Website"))
    repository = _url(_("Source repository"))
    licence = _text(
        _("Licence"),
        64,
        help_text=_("An SPDX identifier such as AGPL-3.0-or-later; empty when unknown."),
    )
    open_source = forms.ChoiceField(
        label=_("Open source"),
        required=False,
        choices=[
            ("", _("Decide from the licence")),
            ("yes", _("Yes")),
            ("no", _("No")),
        ],
    )
    cost_model = forms.ChoiceField(label=_("Cost"), choices=CostModel.choices)
    maturity = forms.ChoiceField(
        label=_("Maturity"), choices=Maturity.choices, initial=Maturity.IN_USE
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alternatives = _text(
        _("Alternatives"),
        2000,
        help_text=_(
            "Address names of other tools (as in /tools/address-name/), separated by commas."
        ),
    )
    field_order = [
        "name",
        "summary",
        "description",
        "website",
        "repository",
        "licence",
        "open_source",
        "cost_model",
        "maturity",
        "languages",
        "topics",
        "alternatives",
        "comment",
    ]

    @staticmethod
    def initial_from(content: dict[str, Any]) -> dict[str, Any]:
        """The form's initial values for a tool's current content."""
        return {
            **content,
            "open_source": "yes" if content["open_source"] else "no",
            "alternatives": ", ".join(content["alternatives"]),
        }


class PracticeForm(_RevisionForm):
    title = _text(_("Title"), 200, required=True)
    summary = _text(_("Summary"), 300, rows=2, required=True, help_text=_("One or two sentences."))
    description = _text(_("What was done"), 10000, rows=8, required=True, help_text=_MARKDOWN)
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)
    level = forms.ChoiceField(label=_("Level of government"), choices=GovernmentLevel.choices)
    organisation = _text(
        _("Organisation"),
        220,
        help_text=_("The address name of the organisation behind it on Pnyx, if it has a page."),
    )
    actors = _text(_("Who"), 300, help_text=_("Who took part, in a few words."))
    started_on = forms.DateField(
        label=_("Started"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("As YYYY-MM-DD."),
    )
    ended_on = forms.DateField(
        label=_("Ended"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("As YYYY-MM-DD; empty while it goes on."),
    )
    outcomes = _text(_("Outcomes and evidence"), 10000, rows=5, help_text=_MARKDOWN)
    resources = _text(_("Resources"), 5000, rows=4, help_text=_MARKDOWN)
    lessons = _text(_("Lessons"), 5000, rows=4, help_text=_MARKDOWN)
    tools = _text(
        _("Tools used"),
        2000,
        help_text=_("Address names of tools (as in /tools/address-name/), separated by commas."),
    )
    field_order = [
        "title",
        "summary",
        "description",
        "country",
        "level",
        "organisation",
        "actors",
        "started_on",
        "ended_on",
        "outcomes",
        "resources",
        "lessons",
        "topics",
        "tools",
        "comment",
    ]

    @staticmethod
    def initial_from(content: dict[str, Any]) -> dict[str, Any]:
        """The form's initial values for a practice's current content."""
        return {**content, "tools": ", ".join(content["tools"])}


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the author"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why, so the author can propose again."),
    )


class ScreenshotForm(forms.Form):
    screenshot = forms.FileField(
        label=_("Screenshot"), required=False, help_text=_("A JPEG, PNG or WebP image.")
    )
    screenshot_alt = forms.CharField(
        label=_("Description of the screenshot"),
        max_length=300,
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    remove = forms.BooleanField(label=_("Remove the screenshot"), required=False)

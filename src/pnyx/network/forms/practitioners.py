"""Forms of the practitioner pages: the profile, help requests, answers, contact requests and
messages, and the rate limits the pages and the API share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.languages import language_choices
from pnyx.core import ratelimit
from pnyx.core.models import Topic
from pnyx.core.taxonomy import country_choices
from pnyx.network.models import HelpKind
from pnyx.toolbox.models import Tool

#: Contact requests a person (and an address) may send per hour before a 429.
CONTACT_RATE = ratelimit.Rate(per_person=5, per_address=20, window_seconds=3600)
#: Messages a person (and an address) may write per minute in conversations before a 429.
MESSAGE_RATE = ratelimit.Rate(per_person=10, per_address=30)


def contact_rate_exceeded(request: HttpRequest) -> bool:
    """Count one contact request; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "network.contact", CONTACT_RATE)


def message_rate_exceeded(request: HttpRequest) -> bool:
    """Count one message in a conversation; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "network.message", MESSAGE_RATE)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def topic_choices() -> list[tuple[str, str]]:
    return [(topic.slug, topic.name) for topic in Topic.objects.order_by("slug")]


def tool_choices() -> list[tuple[str, str]]:
    return list(Tool.objects.order_by("name", "pk").values_list("slug", "name"))


def _optional_country_choices() -> list[tuple[str, str]]:
    return [("", gettext("Not given")), *country_choices()]


class _SkillsForm(forms.Form):
    """Topics, tools and languages, shared by the profile and the help request."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tools = forms.MultipleChoiceField(
        label=_("Tools"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices()  # type: ignore[attr-defined]
        self.fields["tools"].choices = tool_choices()  # type: ignore[attr-defined]


class PractitionerForm(_SkillsForm):
    headline = forms.CharField(
        label=_("What I can help with"),
        max_length=300,
        help_text=_("One sentence, shown in the directory."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries where I can help"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    hours_per_month = forms.IntegerField(
        label=_("Hours a month"), min_value=1, max_value=200, initial=2
    )
    data_expert = forms.BooleanField(label=_("I help make sense of data sets"), required=False)
    available = forms.BooleanField(
        label=_("Show me in the directory"),
        required=False,
        initial=True,
        help_text=_("Untick to pause: your profile stays, but nobody finds or contacts you."),
    )

    field_order = [
        "headline",
        "topics",
        "tools",
        "languages",
        "countries",
        "hours_per_month",
        "data_expert",
        "available",
    ]


class HelpRequestForm(_SkillsForm):
    organisation = forms.ChoiceField(label=_("Organisation"))
    kind = forms.ChoiceField(label=_("Kind"), choices=HelpKind.choices, initial=HelpKind.HELP)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What you need"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use Markdown."),
    )
    dataset_url = forms.URLField(
        label=_("Data set address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Required for a data set: the page where people can download it."),
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=_optional_country_choices, required=False
    )

    field_order = [
        "organisation",
        "kind",
        "title",
        "body",
        "dataset_url",
        "topics",
        "tools",
        "languages",
        "country",
    ]

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
    )


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say who you are and what you need. Your e-mail address is shared only if the "
            "practitioner accepts."
        ),
    )
    help_request = forms.ChoiceField(label=_("About the help request"), required=False)

    def __init__(self, *args: Any, help_requests: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext("None")), *help_requests]
        self.fields["help_request"].choices = choices  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

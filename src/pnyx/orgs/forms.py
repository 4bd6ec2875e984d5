"""Forms of the organisation pages: they parse input; the services decide and validate again."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from pnyx.core.taxonomy import TOPICS, country_choices
from pnyx.orgs import selectors
from pnyx.orgs.models import OrganisationKind, Role
from pnyx.orgs.services.organisations import DESCRIPTION_MAX_LENGTH

SEARCH_MAX_LENGTH = 200
IGNORED_FILTER_MESSAGES = {
    "kind": _("The kind “%(value)s” is not known, so it was not applied."),
    "country": _("The country “%(value)s” is not known, so it was not applied."),
    "topic": _("The topic “%(value)s” is not known, so it was not applied."),
}


def _kind_choices() -> list[tuple[str, Any]]:
    return [("", _("Choose a kind")), *OrganisationKind.choices]


def _country_choices() -> list[tuple[str, Any]]:
    return [("", _("International (no single country)")), *country_choices()]


class OrganisationForm(forms.Form):
    """The public details of an organisation, for registering and editing it."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=_kind_choices)
    country = forms.ChoiceField(
        label=_("Country"),
        choices=_country_choices,
        required=False,
        help_text=_("Where the organisation mainly works."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=selectors.topic_list(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=300,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://example.org"),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        help_text=_("What the organisation does and for whom. You can use Markdown."),
    )

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned values, named as the services expect them."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "country": data["country"],
            "website": data["website"],
            "description": data["description"],
            "topics": list(data["topics"]),
        }


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters; an unknown value is dropped with a message."""

    q = forms.CharField(label=_("Search"), required=False, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, data: QueryDict, *, used_countries: list[str]) -> None:
        data = data.copy()
        data["country"] = data.get("country", "").strip().upper()
        super().__init__(data)
        self._field("kind").choices = [("", _("Any kind")), *OrganisationKind.choices]
        self._field("topic").choices = [("", _("Any topic"))] + [
            (slug, name) for slug, name in sorted(TOPICS.items(), key=lambda item: str(item[1]))
        ]
        # Any real country is accepted, but the menu only offers countries that have organisations.
        country = self._field("country")
        country.choices = [("", _("Any country")), *countries]
        offered = set(used_countries) | {data["country"]}
        country.widget.choices = [("", _("Any country"))] + [
            (code, name) for code, name in countries if code in offered
        ]

    def _field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:SEARCH_MAX_LENGTH]

    def filters(self) -> dict[str, str]:
        """The valid filters to apply; invalid ones are left out (see `ignored`)."""
        self.is_valid()
        values = {name: "" for name in self.fields}
        values.update({name: self.cleaned_data.get(name) or "" for name in self.cleaned_data})
        return values

    def ignored(self) -> list[str]:
        """One message per filter value that was not understood and therefore not applied."""
        self.is_valid()
        return [
            str(IGNORED_FILTER_MESSAGES[name] % {"value": self.data.get(name)})
            for name in self.errors
        ]


class InvitationForm(forms.Form):
    """Invite someone by e-mail to join an organisation."""

    email = forms.EmailField(label=_("E-mail address to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        error_messages={"required": _("Choose to approve or decline.")},
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field when it names one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)

"""Forms of the account pages; the services do the saving and the final checks."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pnyx.accounts import selectors
from pnyx.accounts.languages import language_choices
from pnyx.accounts.models import PROFILE_PUBLIC_FIELDS
from pnyx.accounts.services import BIO_MAX_LENGTH
from pnyx.core.models import Topic
from pnyx.core.taxonomy import country_choices

PUBLIC_FIELD_LABELS = {
    "country": _("Country"),
    "languages": _("Languages spoken"),
    "topics": _("Topics of interest"),
    "bio": _("Short bio"),
}


def _country_choices() -> list[tuple[str, str]]:
    return [("", gettext("Not given")), *country_choices()]


def _public_field_choices() -> list[tuple[str, str]]:
    return [(field, str(PUBLIC_FIELD_LABELS[field])) for field in PROFILE_PUBLIC_FIELDS]


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return obj.name


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Always public. Leave it empty to appear as “Member” and a number."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = TopicChoiceField(
        label=_("Topics of interest"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=BIO_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Markdown is allowed: *emphasis*, **bold**, [links](https://…). Up to 600 characters."
        ),
    )
    public_fields = forms.MultipleChoiceField(
        label=_("Show on my public profile"),
        choices=_public_field_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your display name is always shown. Your e-mail address never is."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = selectors.topic_list()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, person: Any) -> dict[str, Any]:
        """The form's starting values from the person's current profile."""
        return {
            "display_name": person.display_name,
            "country": person.country.code or "",
            "languages": person.languages,
            "topics": list(person.topics.all()),
            "bio": person.bio,
            "public_fields": person.public_fields,
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("Say where it will be used, for example “Budget dashboard script”."),
    )

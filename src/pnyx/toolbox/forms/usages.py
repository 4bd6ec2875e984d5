"""Forms of usages and reviews on a tool page; the services check permissions and validate
again."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from pnyx.orgs.models import Organisation
from pnyx.toolbox.services.usages import PURPOSE_MAX, RATING_MAX, RATING_MIN, REVIEW_MAX


def _limit_organisations(field: Any, organisations: list[Organisation]) -> None:
    field.queryset = Organisation.objects.filter(pk__in=[org.pk for org in organisations])
    field.error_messages["invalid_choice"] = _("You do not administer this organisation.")


class UsageForm(forms.Form):
    """What an organisation uses a tool for, where and since when."""

    purpose = forms.CharField(
        label=_("What you use it for"),
        max_length=PURPOSE_MAX,
        help_text=_("For example: collecting proposals for the participatory budget."),
    )
    country = forms.ChoiceField(label=_("In which country"), required=False)
    since = forms.DateField(
        label=_("Since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty if you do not know."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Any or several countries")), *countries]

    def clean_since(self) -> Any:
        since = self.cleaned_data.get("since")
        if since is not None and since > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return since


class UsageDeclareForm(UsageForm):
    """A usage for one of the organisations the person administers."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_organisations(self.fields["organisation"], organisations)


class ReviewForm(forms.Form):
    """An organisation's rating of a tool it uses, and why."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(value, str(value)) for value in range(RATING_MAX, RATING_MIN - 1, -1)],
        help_text=_("5 is the best."),
    )
    text = forms.CharField(
        label=_("Your review"), required=False, max_length=REVIEW_MAX, widget=forms.Textarea
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_organisations(self.fields["organisation"], organisations)

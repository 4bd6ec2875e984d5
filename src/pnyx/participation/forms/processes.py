"""Forms of the consultation listing and management pages: they parse; the services decide."""

import re
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import QueryDict
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from pnyx.core.images import CONTENT_TYPES, MAX_UPLOAD_BYTES
from pnyx.core.models import Topic
from pnyx.core.taxonomy import TOPICS
from pnyx.orgs.forms import add_service_errors
from pnyx.orgs.models import Organisation
from pnyx.participation.models import Audience, PhaseKind, VoteMode
from pnyx.participation.selectors import processes as selectors
from pnyx.participation.services.processes import BODY_MAX_LENGTH, PhaseDetails, ProcessDetails

__all__ = ["add_service_errors"]

SEARCH_MAX_LENGTH = 200
#: Fields that act on the cover image's file, never filled in from the stored consultation.
_COVER_UPLOAD = frozenset({"cover_image", "cover_image_remove"})
_SEPARATORS = re.compile(r"[\s,;]+")
IGNORED_FILTER_MESSAGES = {
    "topic": _("The topic “%(value)s” is not known, so it was not applied."),
    "country": _("The country “%(value)s” is not known, so it was not applied."),
    "status": _("The status “%(value)s” is not known, so it was not applied."),
    "organisation": _("The organiser “%(value)s” is not known, so it was not applied."),
}


class ProcessFilterForm(forms.Form):
    """The listing's search and filters; a value not understood is dropped with a message."""

    q = forms.CharField(label=_("Search"), required=False, widget=forms.SearchInput)
    status = forms.ChoiceField(label=_("Status"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    country = forms.ChoiceField(label=_("Organiser's country"), required=False)
    organisation = forms.ChoiceField(label=_("Organiser"), required=False)

    def __init__(self, data: QueryDict, *, choices: dict[str, list[tuple[str, str]]]) -> None:
        data = data.copy()
        data["country"] = data.get("country", "").strip().upper()
        super().__init__(data)
        self._field("status").choices = [("", _("Any status")), *selectors.STAGES.items()]
        self._field("topic").choices = [("", _("Any topic"))] + sorted(
            TOPICS.items(), key=lambda item: str(item[1])
        )
        country = self._field("country")
        country.choices = [("", _("Any country")), *countries]
        offered = {code for code, _code in choices["countries"]} | {data["country"]}
        country.widget.choices = [("", _("Any country"))] + [
            (code, name) for code, name in countries if code in offered
        ]
        self._field("organisation").choices = [("", _("Any organiser")), *choices["organisations"]]

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
            if name in IGNORED_FILTER_MESSAGES
        ]


def _split(value: str) -> list[str]:
    return [item for item in _SEPARATORS.split(value or "") if item]


class ProcessForm(forms.Form):
    """A consultation's details; with `organisations` it also asks which organisation runs it."""

    organisation = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), to_field_name="slug"
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown on the listing."),
    )
    body = forms.CharField(
        label=_("Description"),
        max_length=BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Why you ask, what you will do with the answers. You can use Markdown."),
    )
    cover_image = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(CONTENT_TYPES.values())}),
    )
    cover_image_alt = forms.CharField(
        label=_("Description of the cover image"),
        max_length=250,
        required=False,
        help_text=_(
            "Needed with an image: say in a sentence what it shows, for people who cannot see it."
        ),
    )
    cover_image_remove = forms.BooleanField(label=_("Remove the cover image"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("slug"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the consultation"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    vote_mode = forms.ChoiceField(label=_("Kind of vote"), choices=VoteMode.choices)
    vote_limit = forms.IntegerField(
        label=_("Votes per person"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    support_threshold = forms.IntegerField(
        label=_("Support threshold"),
        min_value=1,
        required=False,
        help_text=_("Propositions reaching this many supports are marked as such."),
    )
    propose_audience = forms.ChoiceField(label=_("Who may propose"), choices=Audience.choices)
    vote_audience = forms.ChoiceField(label=_("Who may vote"), choices=Audience.choices)
    comment_audience = forms.ChoiceField(label=_("Who may comment"), choices=Audience.choices)
    member_organisations = forms.CharField(
        label=_("Organisations whose members take part"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Their address names (the last part of their page's address), separated by spaces or "
            "commas. Used when an audience is “Members of the chosen organisations”."
        ),
    )
    moderator_emails = forms.CharField(
        label=_("Moderators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "E-mail addresses of people with a Pnyx account, separated by spaces or commas. The "
            "organisation's administrators moderate too."
        ),
    )

    def __init__(
        self, *args: Any, organisations: Any = None, has_cover_image: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        if not has_cover_image:
            del self.fields["cover_image_remove"]
        self.fields["cover_image"].help_text = _(
            "Optional: a JPEG, PNG or WebP image of at most %(size)s, shown at the top of the "
            "consultation and in the listing. A new image replaces the current one. Its hidden "
            "details, such as where a photo was taken, are removed."
        ) % {"size": filesizeformat(MAX_UPLOAD_BYTES)}

    def clean_member_organisations(self) -> list[Organisation]:
        slugs = list(dict.fromkeys(_split(self.cleaned_data["member_organisations"])))
        found = selectors.organisation_list_by_slugs(slugs=slugs)
        unknown = sorted(set(slugs) - {org.slug for org in found})
        if unknown:
            raise ValidationError(
                _("No organisation has the address name %(names)s.") % {"names": ", ".join(unknown)}
            )
        return found

    def clean_moderator_emails(self) -> list[str]:
        emails = _split(self.cleaned_data["moderator_emails"])
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError(
                _("These are not e-mail addresses: %(values)s.") % {"values": ", ".join(bad)}
            )
        return emails

    def details(self) -> ProcessDetails:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        names = [name for name in ProcessDetails.__dataclass_fields__ if name in data]
        values = {name: data[name] for name in names}
        values["topics"] = list(data["topics"])
        return ProcessDetails(**values)

    @staticmethod
    def initial_for(process: Any) -> dict[str, Any]:
        """The form's starting values for an existing consultation."""
        not_copied = {"topics", "member_organisations", "moderator_emails"} | _COVER_UPLOAD
        initial = {
            name: getattr(process, name)
            for name in ProcessDetails.__dataclass_fields__
            if name not in not_copied
        }
        initial["topics"] = list(process.topics.all())
        initial["member_organisations"] = " ".join(
            org.slug for org in process.member_organisations.all()
        )
        initial["moderator_emails"] = " ".join(user.email for user in process.moderators.all())
        return initial


_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=_DATETIME_FORMAT)


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of phase"), choices=PhaseKind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Optional.")
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=_DateTimeInput(), input_formats=[_DATETIME_FORMAT]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=_DateTimeInput(), input_formats=[_DATETIME_FORMAT]
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def details(self) -> PhaseDetails:
        return PhaseDetails(**self.cleaned_data)


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=300)
    description = forms.CharField(
        label=_("Explanation"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", _("Move up")), ("down", _("Move down"))],
        error_messages={"required": _("Choose to move the question up or down.")},
    )

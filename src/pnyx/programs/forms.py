"""Plain forms of the program pages; the services validate again and have the last word."""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pnyx.core import ratelimit
from pnyx.programs.models import DocumentKind

_SEPARATORS = re.compile(r"[\s,;]+")


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown."),
    )


class DocumentCreateForm(DocumentForm):
    organisation = forms.ChoiceField(label=_("Organisation"))

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "organisation").choices = organisations
        self.order_fields(["organisation", "kind", "title", "summary"])


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("You can use Markdown."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The draft page also holds the document's form, whose fields are id_title and so on.
        kwargs.setdefault("auto_id", "id_section_%s")
        super().__init__(*args, **kwargs)


class MeasureForm(forms.Form):
    text = forms.CharField(
        label=_("Measure"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("You can use Markdown."),
    )
    sources = forms.CharField(
        label=_("Cited propositions"),
        required=False,
        max_length=2000,
        help_text=_("Numbers of the propositions that inspired the measure, separated by commas."),
    )
    picked = forms.TypedMultipleChoiceField(
        label=_("Or choose among the consultation's top propositions"),
        required=False,
        coerce=int,
        choices=[],
    )

    def __init__(
        self, *args: Any, candidates: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if candidates:
            _choice_field(self, "picked").choices = candidates
        else:
            del self.fields["picked"]

    def clean_sources(self) -> list[int]:
        ids = []
        for word in _SEPARATORS.split(self.cleaned_data["sources"].strip()):
            if not word:
                continue
            number = word.lstrip("#")
            if not number.isdigit() or len(number) > 12:
                raise ValidationError(
                    _("Write proposition numbers separated by commas, such as 12, 15."),
                    code="sources",
                )
            ids.append(int(number))
        return ids

    def source_ids(self) -> list[int]:
        return [*self.cleaned_data["sources"], *self.cleaned_data.get("picked", [])]


class MeasureEditForm(MeasureForm):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int)

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "section").choices = sections


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class PublishForm(forms.Form):
    number = forms.CharField(
        label=_("Version number"),
        required=False,
        max_length=20,
        help_text=_("Leave empty for the next number."),
    )
    changelog = forms.CharField(
        label=_("What changed"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
    )


class CoverageNoteForm(forms.Form):
    proposition = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why it is not in the document"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsultationOpenForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Open until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("The consultation opens now and closes at this date and time."),
    )


class AnnotationForm(forms.Form):
    target = forms.ChoiceField(choices=[("measure", "measure"), ("section", "section")])
    target_id = forms.IntegerField(min_value=1)
    paragraph = forms.IntegerField(min_value=1, max_value=1000)
    body = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label=_("Replacement text"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The whole measure as you propose it. You can use Markdown."),
    )
    justification = forms.CharField(
        label=_("Why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Explain what your wording improves."),
    )


class SupportForm(forms.Form):
    supported = forms.BooleanField(required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("reject", _("Reject"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject; shown to everyone."),
    )


#: Comments and amendments a person, and an address, may post per minute before a 429.
CONTRIBUTION_RATE = ratelimit.Rate(per_person=10, per_address=30)


def contribution_rate_exceeded(request: HttpRequest) -> bool:
    """Count one annotation or amendment attempt; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "programs.contribution", CONTRIBUTION_RATE)

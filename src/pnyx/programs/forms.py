"""Plain forms of the program pages; the services validate again and have the last word."""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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

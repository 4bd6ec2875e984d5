"""Forms of the partner pages: applying, deciding, the committee, the rubric and the visits."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.learning.models import CommitteeRole


def form_errors(form: forms.Form) -> list[str]:
    """Every error of a form as plain sentences, for pages that show errors on their own."""
    return [str(message) for messages in form.errors.values() for message in messages]


class PartnerApplyForm(forms.Form):
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        help_text=_("A school or university you administer."),
    )
    statement = forms.CharField(
        label=_("What you offer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Your courses, your students and how you recognise civic engagement. "
            "Shown on your partner page."
        ),
    )
    credit_unit = forms.CharField(
        label=_("Unit of credit"),
        max_length=20,
        initial="ECTS",
        help_text=_("How your institution counts credits, for example ECTS."),
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]


class PartnerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject. Published in the audit log and sent to the applicant."),
    )


class CommitteeAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address of the person's account on Pnyx."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=CommitteeRole.choices, initial=CommitteeRole.MEMBER
    )


class CommitteeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeRole.choices)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("What is looked for"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    max_score = forms.IntegerField(
        label=_("Highest score"),
        min_value=1,
        max_value=10,
        initial=4,
        help_text=_("From 1 to 10. Reviewers score from 0 to this number."),
    )


class VisitForm(forms.Form):
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a one-day visit."),
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        required=False,
        help_text=_("Leave empty when the visit is at the partner's main site."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown."),
    )


class VisitReportForm(forms.Form):
    report = forms.CharField(
        label=_("Report"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What the committee saw, heard and recommends. You can use Markdown."),
    )

"""Forms of the credit application pages: applying, declaring a conflict of interest, reviewing
against the rubric, and deciding."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.learning.models import EngagementEntry, RubricCriterion
from pnyx.learning.services.credits import MAX_CREDITS, STATEMENT_MIN_LENGTH, ScoreInput


def credits_field(
    label: Any, *, required: bool = True, help_text: Any = "", most: Decimal = MAX_CREDITS
) -> forms.DecimalField:
    """A number of credits: from 0.01 to `most`, with at most two decimals."""
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=most,
    )


def entry_label(entry: EngagementEntry) -> str:
    """An entry as one line in a list of checkboxes: the activity and its first day."""
    return f"{entry.activity} ({entry.started_on:%Y-%m-%d})"


class ApplicationForm(forms.Form):
    entries = forms.MultipleChoiceField(
        label=_("Entries of your record"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The committee sees the entries you choose, even those you do not share."),
        error_messages={"required": _("Choose at least one entry of your record.")},
    )
    statement = forms.CharField(
        label=_("What you did and learned"),
        min_length=STATEMENT_MIN_LENGTH,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("In your own words: what you did, with whom, and what it taught you."),
    )
    credits_requested = credits_field(_("Credits asked for"))

    def __init__(self, *args: Any, entries: Iterable[EngagementEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(entry.pk), entry_label(entry)) for entry in entries]
        self.fields["entries"].choices = choices  # type: ignore[attr-defined]

    def entry_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["entries"]]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot judge this application"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: a relative, your own student, a colleague. The committee sees it."
        ),
    )


class ReviewForm(forms.Form):
    """One score (and an optional comment) per rubric criterion, named `score_<id>` and
    `comment_<id>`, then overall comments and the credits the reviewer would grant."""

    def __init__(
        self, *args: Any, rubric: list[RubricCriterion], most: Decimal, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for criterion in rubric:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("Score for “%(name)s”, from 0 to %(max)s")
                % {"name": criterion.name, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                max_length=1000,
                required=False,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Overall comments"),
            max_length=5000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
        self.fields["credits_recommended"] = credits_field(
            _("Credits you would grant"),
            required=False,
            help_text=_("Leave empty if you would refuse. At most the %(most)s asked for.")
            % {"most": most},
            most=most,
        )

    def scores(self) -> list[ScoreInput]:
        data = self.cleaned_data
        return [
            ScoreInput(
                criterion_id=criterion.pk,
                score=data[f"score_{criterion.pk}"],
                comment=data.get(f"comment_{criterion.pk}") or "",
            )
            for criterion in self.rubric
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant credits")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    credits = credits_field(
        _("Credits granted"),
        required=False,
        help_text=_("Only when granting: at most the credits asked for."),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when refusing. The learner reads them."),
    )

"""The form of a person's recommender settings: one weight per factor, and personal or not."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pnyx.toolbox.recommender import (
    DEFAULT_WEIGHTS,
    FACTOR_DESCRIPTIONS,
    FACTOR_LABELS,
    FACTORS,
    MAX_WEIGHT,
    MIN_WEIGHT,
)

WEIGHT_MESSAGE = _("Give the weight of “%(factor)s” as a number from %(low)s to %(high)s.")


class RecommenderSettingsForm(forms.Form):
    personalised = forms.BooleanField(
        label=_("Personal recommendations"),
        required=False,
        help_text=_(
            "Untick to see the same order as everyone: the most used and most recently changed "
            "items first, with nothing about you or your organisations."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FACTORS:
            label = FACTOR_LABELS[name]
            message = WEIGHT_MESSAGE % {
                "factor": label,
                "low": f"{MIN_WEIGHT:g}",
                "high": f"{MAX_WEIGHT:g}",
            }
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=label,
                min_value=MIN_WEIGHT,
                max_value=MAX_WEIGHT,
                help_text=FACTOR_DESCRIPTIONS[name],
                widget=forms.NumberInput(attrs={"step": "0.1"}),
                error_messages={
                    key: message for key in ("required", "invalid", "min_value", "max_value")
                },
            )

    @staticmethod
    def initial_from(personalised: bool, weights: dict[str, float]) -> dict[str, Any]:
        initial: dict[str, Any] = {"personalised": personalised}
        for name in FACTORS:
            initial[f"weight_{name}"] = weights.get(name, DEFAULT_WEIGHTS[name])
        return initial

    def weights(self) -> dict[str, float]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in FACTORS}

    def weight_fields(self) -> list[Any]:
        return [self[f"weight_{name}"] for name in FACTORS]

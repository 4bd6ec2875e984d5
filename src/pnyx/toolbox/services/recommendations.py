"""A person's settings of the recommender: the weight of each factor, and whether it is personal.

Needs `toolbox.tune_recommender`. The settings are the person's own (personal data, exported and
deleted with the account) and are not written to the public audit log.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pnyx.core.permissions import require
from pnyx.toolbox.models import RecommenderSettings
from pnyx.toolbox.recommender import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    UnknownFactor,
    WeightOutOfRange,
    check_weights,
)


def weight_error(error: UnknownFactor | WeightOutOfRange) -> str:
    """The message for a refused weight, naming the factor."""
    if isinstance(error, UnknownFactor):
        return _("“%(name)s” is not a factor of the recommender. The factors are: %(names)s.") % {
            "name": error.args[0],
            "names": ", ".join(DEFAULT_WEIGHTS),
        }
    return _("The weight of “%(name)s” must be a number from %(low)s to %(high)s.") % {
        "name": error.args[0],
        "low": f"{MIN_WEIGHT:g}",
        "high": f"{MAX_WEIGHT:g}",
    }


def recommender_settings_save(
    *, actor: Any, personalised: bool, weights: Mapping[str, float]
) -> RecommenderSettings:
    """Save the person's weights (only those that differ from the defaults are stored) and
    whether their recommendations are personal. ValidationError for an unknown factor or a
    weight out of range."""
    require(actor, "toolbox.tune_recommender")
    try:
        checked = check_weights(weights)
    except (UnknownFactor, WeightOutOfRange) as error:
        raise ValidationError(weight_error(error), code="weight") from None
    changed = {name: value for name, value in checked.items() if value != DEFAULT_WEIGHTS[name]}
    found, _created = RecommenderSettings.objects.update_or_create(
        user=actor, defaults={"personalised": personalised, "weights": changed}
    )
    return found


def recommender_settings_reset(*, actor: Any) -> None:
    """Forget the person's settings: default weights, personal recommendations."""
    require(actor, "toolbox.tune_recommender")
    RecommenderSettings.objects.filter(user=actor).delete()

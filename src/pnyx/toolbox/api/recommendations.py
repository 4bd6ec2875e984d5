"""`GET /api/v1/me/recommendations`: tools and practices for the signed-in person or one of their
organisations, each with its score and every factor's part in it."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import BaseModel

from pnyx.accounts.api_auth import api_auth
from pnyx.core.api_schemas import ErrorOut, ValidationErrorOut
from pnyx.toolbox.recommender import (
    FACTORS,
    RecommendationList,
    UnknownFactor,
    WeightOutOfRange,
    check_weights,
)
from pnyx.toolbox.recommender_card import RECOMMENDER_CARD
from pnyx.toolbox.selectors import recommendations as selectors
from pnyx.toolbox.services.recommendations import weight_error

router = Router(tags=["recommendations"])

# The bodies are plain pydantic models: they are built from dicts, and skip the attribute
# resolution of ninja's Schema, which took a third of each request.

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class RecommendationFilters(Schema):
    organisation: int | None = None
    weights: str = ""
    limit: int = DEFAULT_LIMIT


class FactorOut(BaseModel):
    name: str
    label: str
    weight: float
    value: float
    contribution: float


class RecommendationOut(BaseModel):
    position: int
    kind: str
    id: int
    slug: str
    title: str
    url: str
    score: float
    factors: list[FactorOut]


class RecommendationsOut(BaseModel):
    algorithm: str
    version: str
    personalised: bool
    organisation: int | None
    weights: dict[str, float]
    out_of: int
    items: list[RecommendationOut]


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", field], "msg": message}])


def parse_weights(text: str) -> dict[str, float]:
    """`topics:2,country:0.5` → {"topics": 2.0, "country": 0.5}; 422 for a malformed pair, an
    unknown factor or a weight out of range."""
    weights: dict[str, Any] = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        name, _colon, value = pair.partition(":")
        try:
            weights[name.strip()] = float(value)
        except ValueError:
            message = _("Write each weight as factor:number, such as topics:2; “%(pair)s” is not.")
            raise _invalid("weights", message % {"pair": pair}) from None
    try:
        return check_weights(weights)
    except (UnknownFactor, WeightOutOfRange) as error:
        raise _invalid("weights", weight_error(error)) from None


def _out(results: RecommendationList, organisation: int | None) -> dict[str, Any]:
    return {
        "algorithm": RECOMMENDER_CARD.id,
        "version": RECOMMENDER_CARD.version,
        "personalised": results.personalised,
        "organisation": organisation,
        "weights": {name: results.weights[name] for name in FACTORS},
        "out_of": results.out_of,
        "items": [
            {
                "position": item.position,
                "kind": item.candidate.kind,
                "id": item.candidate.id,
                "slug": item.candidate.slug,
                "title": item.candidate.title,
                "url": reverse(
                    f"toolbox:{item.candidate.kind}-detail", kwargs={"slug": item.candidate.slug}
                ),
                "score": item.score,
                "factors": [
                    {
                        "name": part.name,
                        "label": part.label,
                        "weight": part.weight,
                        "value": part.value,
                        "contribution": part.contribution,
                    }
                    for part in item.factors
                ],
            }
            for item in results.items
        ],
    }


@router.get(
    "/me/recommendations",
    response={200: RecommendationsOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    auth=api_auth,
    operation_id="recommendation_list",
    summary="Tools and practices recommended for you or your organisation",
)
def recommendation_list(request: HttpRequest, filters: Query[RecommendationFilters]) -> Any:
    """The first `limit` (1 to 100) recommendations for the signed-in person, or for the
    organisation `organisation` (an id; 403 unless they are an active member). `weights`
    replaces factor weights for this call (`topics:2,country:0.5`; 0 to 5; 422 otherwise);
    the person's saved weights apply to the others. Personal unless the person turned
    personalisation off and gave no `weights`. The contributions of an item add up to its
    score."""
    if not 1 <= filters.limit <= MAX_LIMIT:
        raise _invalid("limit", _("Ask for 1 to %(max)s items.") % {"max": MAX_LIMIT})
    overrides = parse_weights(filters.weights)
    user = request.user
    organisation = None
    if filters.organisation is not None:
        mine = {org.pk: org for org in selectors.member_organisations(user)}
        organisation = mine.get(filters.organisation)
        if organisation is None:
            raise HttpError(403, _("You are not an active member of this organisation."))
    found = selectors.settings_for(user)
    weights = {**selectors.saved_weights(found), **overrides}
    results = selectors.recommendations_for(
        user=user,
        organisation=organisation,
        weights=weights,
        personalised=found.personalised or bool(overrides),
        limit=filters.limit,
    )
    return _out(results, filters.organisation)

"""The register of algorithms in the API: `GET /algorithms` and `GET /algorithms/{id}`.

The same cards, fields and texts as the JSON files of the register pages (`documents`); texts come
in the language of the request (`Accept-Language`).
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pnyx.core import algorithms
from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut
from pnyx.transparency import documents

router = Router(tags=["algorithms"])


class FactorOut(Schema):
    name: str
    weight: float = Field(description="Its weight in the score, as the card states it.")
    description: str


class RiskOut(Schema):
    risk: str
    mitigation: str = Field(description="What is done about it.")


class ChangeOut(Schema):
    version: str
    date: date
    note: str
    current: bool = Field(description="True for the version in use.")


class AlgorithmOut(Schema):
    """A card of the register. Empty texts and lists mean the card does not say yet."""

    id: str = Field(description="Stable identifier, such as participation.most_supported.")
    slug: str = Field(description="The identifier as it appears in page addresses.")
    version: str = Field(description="The version in use.")
    name: str
    kind: str = Field(description="ranks, recommends, groups, scores or selects.")
    summary: str = Field(description="What it does, in one or two plain sentences.")
    purpose: str
    owner: str = Field(description="Who answers for it.")
    decision_type: str = Field(
        description="automated (applied as it comes out) or advisory (a person decides)."
    )
    phase: str = Field(description="pilot, production or retired.")
    deployed_on: date | None = Field(description="When it was first used.")
    used_in: list[str] = Field(description="The pages and API endpoints that use it.")
    inputs: list[str]
    data_sources: list[str] = Field(description="Where the inputs come from.")
    data_retention: str = Field(description="How long the inputs are kept.")
    factors: list[FactorOut]
    human_oversight: str
    appeal: str = Field(description="How to question a result and get a person to review it.")
    limits: str
    impact_assessment: str
    risks: list[RiskOut]
    alternatives: str = Field(description="Other ways considered, and why this one was chosen.")
    contact: str
    source: str = Field(description="The module of Pnyx's source code that holds it.")
    history: list[ChangeOut] = Field(description="The version history, newest first.")
    explained: bool = Field(description="Whether each item it places has a “why here?” page.")
    url: str = Field(description="Its card in the register.")
    json_url: str = Field(description="Its card as a JSON file.")
    debate_url: str = Field(description="Where to comment on it and propose changes.")


@router.get(
    "",
    response=list[AlgorithmOut],
    operation_id="algorithm_list",
    summary="The register of algorithms",
)
@paginate(BoundedPageNumberPagination)
def algorithm_list(request: HttpRequest) -> Any:
    """Every registered algorithm's card, by id."""
    absolute = request.build_absolute_uri
    return [documents.card_data(card, absolute=absolute) for card in algorithms.all_cards()]


@router.get(
    "/{id}",
    response={200: AlgorithmOut, 404: ErrorOut},
    operation_id="algorithm_get",
    summary="One algorithm's card",
)
def algorithm_get(request: HttpRequest, id: str) -> Any:  # noqa: A002 - the documented name
    """One card, by its id (`participation.newest`) or its slug (`participation-newest`)."""
    card = algorithms.get_by_slug(id.replace(".", "-"))
    if card is None:
        return Status(404, {"detail": _("No algorithm has the id “%(id)s”.") % {"id": id}})
    return Status(200, documents.card_data(card, absolute=request.build_absolute_uri))

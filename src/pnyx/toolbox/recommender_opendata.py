"""The recommender in the open-data export: the usages it reads, and its lists.

For every organisation that declared at least one usage, the export publishes the first
`EXPORT_LIMIT` recommendations with the default weights, at the export's moment: their places
and scores in the shared output tables, and every factor's weight, value and contribution in
`recommendation-factors`. The recompute rebuilds the candidates from the exported
organisations, tools, practices and usages alone (`selectors.recommendations.assemble`, the
same code the site uses) and runs the same pure function with the published parameters.
"""

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core.opendata import (
    Dataset,
    ExportContext,
    ExportedPackage,
    Field,
    ForeignKey,
    OutputItem,
    OutputRun,
    RecomputableOutput,
    UnreadableExport,
    iso_moment,
    register_dataset,
    register_output,
)
from pnyx.toolbox.models import Usage
from pnyx.toolbox.recommender import (
    DEFAULT_WEIGHTS,
    Recommendation,
    check_weights,
    recommend,
)
from pnyx.toolbox.recommender_card import RECOMMENDER_CARD
from pnyx.toolbox.selectors.recommendations import (
    CandidateData,
    OrganisationFacts,
    assemble,
    load_candidates,
    organisation_profile,
)

#: How many recommendations the export publishes per organisation.
EXPORT_LIMIT = 20
SCOPE_PREFIX = "organisation:"
BATCH = 2000


def usage_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    for usage in Usage.objects.order_by("pk").iterator(chunk_size=BATCH):
        yield {
            "id": usage.pk,
            "organisation_id": usage.organisation_id,
            "tool_id": usage.tool_id,
            "purpose": usage.purpose,
            "country": str(usage.country),
            "since": usage.since,
            "created_at": usage.created_at,
        }


USAGES = Dataset(
    name="tool-usages",
    title=_("Tool usages"),
    description=_(
        "Which organisation says it uses which tool, for what, in which country and since when."
    ),
    fields=(
        Field("id", "integer", _("The usage's id."), required=True),
        Field("organisation_id", "integer", _("The organisation's id."), required=True),
        Field("tool_id", "integer", _("The tool's id."), required=True),
        Field("purpose", "string", _("What the organisation uses it for."), required=True),
        Field("country", "string", _("Where it uses it; empty when several or any.")),
        Field("since", "date", _("Since when, if the organisation said.")),
        Field("created_at", "datetime", _("When it was declared."), required=True),
    ),
    rows=usage_rows,
    primary_key=("id",),
    foreign_keys=(
        ForeignKey(("organisation_id",), "organisations", ("id",)),
        ForeignKey(("tool_id",), "tools", ("id",)),
    ),
)


def scope_of(organisation_id: int) -> str:
    return f"{SCOPE_PREFIX}{organisation_id}"


def organisation_of(scope: str) -> int:
    number = scope.removeprefix(SCOPE_PREFIX)
    if number == scope or not number.isdigit():
        raise UnreadableExport(f"algorithm-runs.json: “{scope}” is not an organisation's scope.")
    return int(number)


def parameters_of(now: datetime) -> dict[str, Any]:
    return {"now": iso_moment(now), "weights": dict(DEFAULT_WEIGHTS), "limit": EXPORT_LIMIT}


def read_parameters(scope: str, parameters: Mapping[str, Any]) -> tuple[datetime, dict, int]:
    """The moment, weights and limit a run was published with; `UnreadableExport` otherwise."""
    try:
        now = datetime.fromisoformat(parameters["now"])
        weights = check_weights(parameters["weights"])
        limit = parameters["limit"]
        if now.tzinfo is None or not isinstance(limit, int) or limit < 1:
            raise TypeError
    except (KeyError, TypeError, ValueError, AttributeError):
        raise UnreadableExport(
            f"algorithm-runs.json: the parameters of {scope} need “now” (a date and time with "
            "its time zone), “weights” (factor → weight from 0 to 5) and “limit” (a number)."
        ) from None
    return now, weights, limit


def _lists(data: CandidateData, now: datetime) -> dict[int, tuple[Recommendation, ...]]:
    """Each organisation with a usage → its list with the default weights (no languages: an
    organisation has none of its own)."""
    return {
        organisation_id: recommend(
            data.index, organisation_profile(data, organisation_id), now=now, limit=EXPORT_LIMIT
        ).items
        for organisation_id in sorted(data.tools_used)
    }


def published_lists(context: ExportContext) -> dict[int, tuple[Recommendation, ...]]:
    lists: dict[int, tuple[Recommendation, ...]] = context.remember(
        "toolbox.recommendations", lambda: _lists(load_candidates(), context.now)
    )
    return lists


def _items(items: tuple[Recommendation, ...]) -> list[OutputItem]:
    return [OutputItem(item=i.key, position=i.position, score=i.score) for i in items]


def published_runs(context: ExportContext) -> Iterator[OutputRun]:
    for organisation_id, items in published_lists(context).items():
        yield OutputRun(
            scope=scope_of(organisation_id),
            parameters=parameters_of(context.now),
            items=_items(items),
        )


def factor_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    for organisation_id, items in published_lists(context).items():
        for item in items:
            for part in item.factors:
                yield {
                    "scope": scope_of(organisation_id),
                    "item": item.key,
                    "position": item.position,
                    "factor": part.name,
                    "weight": part.weight,
                    "value": part.value,
                    "contribution": part.contribution,
                }


FACTORS = Dataset(
    name="recommendation-factors",
    title=_("Why each tool or practice is recommended"),
    description=_(
        "For every recommendation of the “Tools and practices for you” output: each factor's "
        "weight, value and contribution. The contributions of an item add up to its score."
    ),
    fields=(
        Field("scope", "string", _("Whose list: “organisation:12”."), required=True),
        Field("item", "string", _("The item: “tool:3” or “practice:8”."), required=True),
        Field("position", "integer", _("Its place in the list, 1 for the first."), required=True),
        Field("factor", "string", _("The factor's name."), required=True),
        Field("weight", "number", _("The factor's weight."), required=True),
        Field("value", "number", _("The factor's value for the item, 0 to 1."), required=True),
        Field("contribution", "number", _("Weight × value."), required=True),
    ),
    rows=factor_rows,
    primary_key=("scope", "item", "factor"),
)


def exported_data(package: ExportedPackage) -> CandidateData:
    """The candidates rebuilt from the exported organisations, tools, practices and usages."""

    def read() -> CandidateData:
        organisations = {
            row["id"]: OrganisationFacts(row["kind"], row["country"], frozenset(row["topics"]))
            for row in package.rows("organisations")
        }
        tools = [
            {
                "id": row["id"],
                "slug": row["slug"],
                "title": row["name"],
                "created_at": row["created_at"],
                "languages": row["languages"] or [],
                "topics": row["topics"] or [],
            }
            for row in package.rows("tools")
        ]
        practices = [
            {
                "id": row["id"],
                "slug": row["slug"],
                "title": row["title"],
                "created_at": row["created_at"],
                "country": row["country"] or "",
                "organisation_id": row["organisation_id"],
                "topics": row["topics"] or [],
                "tools": row["tools"] or [],
            }
            for row in package.rows("practices")
        ]
        usages = [
            (row["tool_id"], row["organisation_id"], row["country"] or "")
            for row in package.rows(USAGES.name)
        ]
        return assemble(
            organisations=organisations, tools=tools, practices=practices, usages=usages
        )

    data: CandidateData = package.remember("toolbox.recommender_data", read)
    return data


def recompute_run(
    package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
) -> list[OutputItem]:
    now, weights, limit = read_parameters(scope, parameters)
    data = exported_data(package)
    profile = organisation_profile(data, organisation_of(scope))
    return _items(recommend(data.index, profile, weights=weights, now=now, limit=limit).items)


RECOMMENDATIONS = RecomputableOutput(
    name=RECOMMENDER_CARD.id,
    card=RECOMMENDER_CARD,
    item_kind=_("A tool or a practice: “tool:3”, “practice:8”"),
    published=published_runs,
    recompute=recompute_run,
    reads=("organisations", "tools", "practices", USAGES.name),
)


def register() -> None:
    register_dataset(USAGES)
    register_dataset(FACTORS)
    register_output(RECOMMENDATIONS)

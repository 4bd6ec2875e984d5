"""What the catalog adds to the open-data export: every tool and practice, and the catalog's
default orders (`toolbox.catalog`) recomputed from the exported rows by
`catalog_order.order_catalog`.

Tools and practices are public. Who proposed or approved them stays out (it is in each item's
history page, not listed in bulk).
"""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from pnyx.core.models import Topic
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
    register_dataset,
    register_output,
)
from pnyx.toolbox.catalog_order import (
    CATALOG_CARD,
    DEFAULT_PRACTICE_ORDER,
    DEFAULT_TOOL_ORDER,
    PRACTICE_ORDERS,
    TOOL_ORDERS,
    CatalogEntry,
    order_catalog,
)
from pnyx.toolbox.models import Practice, Tool
from pnyx.toolbox.selectors.catalog import CatalogFilters, practice_list, tool_list

BATCH = 2000


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("slug").only("slug"))


def tool_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    tools = Tool.objects.prefetch_related(
        _topics(), Prefetch("alternatives", queryset=Tool.objects.order_by("pk").only("pk"))
    ).order_by("pk")
    for tool in tools.iterator(chunk_size=BATCH):
        yield {
            "id": tool.pk,
            "slug": tool.slug,
            "name": tool.name,
            "summary": tool.summary,
            "description": tool.description,
            "website": tool.website,
            "repository": tool.repository,
            "licence": tool.licence,
            "open_source": tool.open_source,
            "cost_model": tool.cost_model,
            "languages": list(tool.languages or []),
            "topics": [topic.slug for topic in tool.topics.all()],
            "maturity": tool.maturity,
            "alternatives": [other.pk for other in tool.alternatives.all()],
            "usage_count": tool.usage_count,
            "rating_count": tool.rating_count,
            "rating_total": tool.rating_total,
            "created_at": tool.created_at,
        }


def practice_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    practices = Practice.objects.prefetch_related(
        _topics(), Prefetch("tools", queryset=Tool.objects.order_by("pk").only("pk"))
    ).order_by("pk")
    for practice in practices.iterator(chunk_size=BATCH):
        yield {
            "id": practice.pk,
            "slug": practice.slug,
            "title": practice.title,
            "summary": practice.summary,
            "description": practice.description,
            "country": str(practice.country),
            "level": practice.level,
            "organisation_id": practice.organisation_id,
            "actors": practice.actors,
            "started_on": practice.started_on,
            "ended_on": practice.ended_on,
            "outcomes": practice.outcomes,
            "resources": practice.resources,
            "lessons": practice.lessons,
            "topics": [topic.slug for topic in practice.topics.all()],
            "tools": [tool.pk for tool in practice.tools.all()],
            "created_at": practice.created_at,
        }


def _text(name: str, description: Any) -> Field:
    return Field(name, "string", description)


TOOLS = Dataset(
    name="tools",
    title=_("Tools"),
    description=_("Every tool of the toolbox catalog, with its usage and rating counters."),
    fields=(
        Field("id", "integer", _("The tool's id."), required=True),
        Field("slug", "string", _("Its address name: /tools/<slug>/."), required=True),
        Field("name", "string", _("Its name."), required=True),
        _text("summary", _("What it is, in one sentence.")),
        _text("description", _("Its description, in Markdown.")),
        _text("website", _("Its website.")),
        _text("repository", _("Its source repository.")),
        _text("licence", _("Its licence, as an SPDX identifier; empty when unknown.")),
        Field("open_source", "boolean", _("Whether it is open source."), required=True),
        _text("cost_model", _("What it costs: free, freemium, paid or on_request.")),
        Field("languages", "array", _("The language codes it is available in.")),
        Field("topics", "array", _("Topic names (slugs).")),
        _text("maturity", _("How mature it is: idea, prototype, in_use, mature or retired.")),
        Field("alternatives", "array", _("The ids of its alternatives among the tools.")),
        Field("usage_count", "integer", _("Organisations that use it."), required=True),
        Field("rating_count", "integer", _("Reviews it received."), required=True),
        Field("rating_total", "integer", _("The sum of their ratings (1 to 5)."), required=True),
        Field("created_at", "datetime", _("When it was added."), required=True),
    ),
    rows=tool_rows,
    primary_key=("id",),
)

PRACTICES = Dataset(
    name="practices",
    title=_("Practices"),
    description=_("Every best practice and case study of the toolbox catalog."),
    fields=(
        Field("id", "integer", _("The practice's id."), required=True),
        Field("slug", "string", _("Its address name: /practices/<slug>/."), required=True),
        Field("title", "string", _("Its title."), required=True),
        _text("summary", _("What it is, in one sentence.")),
        _text("description", _("What was done, in Markdown.")),
        _text("country", _("The country code; empty when international.")),
        _text("level", _("The level of government: local, regional, national, international.")),
        Field("organisation_id", "integer", _("The id of the organisation behind it, if any.")),
        _text("actors", _("Who took part.")),
        Field("started_on", "date", _("When it started.")),
        Field("ended_on", "date", _("When it ended.")),
        _text("outcomes", _("Outcomes and evidence, in Markdown.")),
        _text("resources", _("Resources, in Markdown.")),
        _text("lessons", _("Lessons learnt, in Markdown.")),
        Field("topics", "array", _("Topic names (slugs).")),
        Field("tools", "array", _("The ids of the tools it used.")),
        Field("created_at", "datetime", _("When it was added."), required=True),
    ),
    rows=practice_rows,
    primary_key=("id",),
    foreign_keys=(ForeignKey(("organisation_id",), "organisations", ("id",)),),
)


def catalog_runs(context: ExportContext) -> Iterator[OutputRun]:
    """The default orders of both lists without a search or filter, as the pages show them."""
    for kind, order, listed in (
        ("tool", DEFAULT_TOOL_ORDER, tool_list),
        ("practice", DEFAULT_PRACTICE_ORDER, practice_list),
    ):
        ids = listed(CatalogFilters(kind=kind, order=order)).values_list("pk", flat=True)
        items = (
            OutputItem(item=str(pk), position=position)
            for position, pk in enumerate(ids.iterator(chunk_size=BATCH), start=1)
        )
        yield OutputRun(scope=f"{kind}s", parameters={"order": order}, items=items)


def catalog_recompute(
    package: ExportedPackage, scope: str, parameters: Mapping[str, Any]
) -> list[OutputItem]:
    kind = "tool" if scope == "tools" else "practice"
    entries = [
        CatalogEntry(
            id=row["id"],
            created_at=row["created_at"],
            usage_count=row.get("usage_count") or 0,
            rating_count=row.get("rating_count") or 0,
            rating_total=row.get("rating_total") or 0,
            started_on=row.get("started_on"),
        )
        for row in package.rows(scope)
    ]
    order = parameters.get("order")
    orders = TOOL_ORDERS if kind == "tool" else PRACTICE_ORDERS
    if not isinstance(order, str) or order not in orders:
        raise UnreadableExport(
            f"algorithm-runs.json: the parameters of {scope} need “order”, one of "
            f"{', '.join(sorted(orders))}."
        )
    ordered = order_catalog(entries, kind=kind, order=order, searching=False)
    return [
        OutputItem(item=str(entry.id), position=position)
        for position, entry in enumerate(ordered, start=1)
    ]


CATALOG = RecomputableOutput(
    name=CATALOG_CARD.id,
    card=CATALOG_CARD,
    item_kind=_("A tool id or a practice id (the scope says which)"),
    published=catalog_runs,
    recompute=catalog_recompute,
    reads=(TOOLS.name, PRACTICES.name),
)


def register() -> None:
    register_dataset(TOOLS)
    register_dataset(PRACTICES)
    register_output(CATALOG)

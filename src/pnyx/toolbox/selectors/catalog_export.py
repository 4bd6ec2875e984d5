"""The catalog as files: the format that the export writes and the import reads.

A file holds tools or practices, as JSON (a list of objects) or CSV (a header row, then one row
per item). Fields are those of `TOOL_FIELDS` and `PRACTICE_FIELDS`, as the wiki's
`clean_tool_data` / `clean_practice_data` read them, plus `slug`, the address name. In CSV the
list fields (`LIST_FIELDS`) are separated by `;` and a cell starting with a formula character
gets a leading apostrophe (which the import takes off again).
"""

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from pnyx.core.export import csv_bytes
from pnyx.core.models import Topic
from pnyx.toolbox.models import Practice, Tool

TOOL_FIELDS = (
    "slug",
    "name",
    "summary",
    "description",
    "website",
    "repository",
    "licence",
    "open_source",
    "cost_model",
    "languages",
    "topics",
    "maturity",
    "alternatives",
)
PRACTICE_FIELDS = (
    "slug",
    "title",
    "summary",
    "description",
    "country",
    "level",
    "organisation",
    "actors",
    "started_on",
    "ended_on",
    "outcomes",
    "resources",
    "lessons",
    "topics",
    "tools",
)
LIST_FIELDS = frozenset({"languages", "topics", "alternatives", "tools"})
LIST_SEPARATOR = ";"
BATCH = 500


def tool_rows() -> Iterator[dict[str, Any]]:
    """Every tool as an import row, by slug; public."""
    tools = Tool.objects.order_by("slug").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("slug").only("slug")),
        Prefetch("alternatives", queryset=Tool.objects.order_by("slug").only("slug")),
    )
    for tool in tools.iterator(chunk_size=BATCH):
        yield {
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
            "alternatives": [other.slug for other in tool.alternatives.all()],
        }


def practice_rows() -> Iterator[dict[str, Any]]:
    """Every practice as an import row, by slug; public."""
    practices = (
        Practice.objects.order_by("slug")
        .select_related("organisation")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.order_by("slug").only("slug")),
            Prefetch("tools", queryset=Tool.objects.order_by("slug").only("slug")),
        )
    )
    for practice in practices.iterator(chunk_size=BATCH):
        yield {
            "slug": practice.slug,
            "title": practice.title,
            "summary": practice.summary,
            "description": practice.description,
            "country": str(practice.country),
            "level": practice.level,
            "organisation": practice.organisation.slug if practice.organisation else "",
            "actors": practice.actors,
            "started_on": practice.started_on.isoformat() if practice.started_on else "",
            "ended_on": practice.ended_on.isoformat() if practice.ended_on else "",
            "outcomes": practice.outcomes,
            "resources": practice.resources,
            "lessons": practice.lessons,
            "topics": [topic.slug for topic in practice.topics.all()],
            "tools": [tool.slug for tool in practice.tools.all()],
        }


def _csv_cell(name: str, value: Any) -> Any:
    if name in LIST_FIELDS:
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def catalog_json(kind: str) -> bytes:
    """The whole catalog of `kind` ("tools" or "practices") as the import's JSON."""
    rows = list(tool_rows() if kind == "tools" else practice_rows())
    return json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8")


def catalog_csv(kind: str) -> bytes:
    """The whole catalog of `kind` ("tools" or "practices") as the import's CSV."""
    fields = TOOL_FIELDS if kind == "tools" else PRACTICE_FIELDS
    rows = tool_rows() if kind == "tools" else practice_rows()
    return csv_bytes(
        list(fields), ([_csv_cell(name, row[name]) for name in fields] for row in rows)
    )

"""The catalog part of the API: tools and practices with search and facet filters, and one of
each by its address name.

Lists use the same selectors, checks and registered order (`toolbox.catalog`) as the pages; a
filter value that is not understood answers 422 naming the parameter. Schemas list their fields
one by one.
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate

from pnyx.core.api_pagination import BoundedPageNumberPagination
from pnyx.core.api_schemas import ErrorOut
from pnyx.core.text import render_markdown
from pnyx.toolbox.catalog_order import CATALOG_ID, PRACTICE_ORDERS, TOOL_ORDERS
from pnyx.toolbox.models import Practice, Tool
from pnyx.toolbox.selectors import catalog

router = Router(tags=["toolbox"])


def _absolute(context: dict[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class ToolOut(Schema):
    """A tool of the catalog."""

    id: int
    slug: str
    name: str
    summary: str
    licence: str = Field(description="SPDX identifier; empty when unknown.")
    open_source: bool
    cost_model: str
    languages: list[str] = Field(description="Language codes.")
    topics: list[str] = Field(description="Topic slugs.")
    maturity: str
    website: str
    repository: str
    usage_count: int = Field(description="Organisations that declared they use it.")
    rating_count: int
    rating_average: float | None = Field(description="Average rating (1 to 5); null without one.")
    url: str = Field(description="The tool's page.")
    created_at: datetime

    @staticmethod
    def resolve_topics(obj: Tool) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_rating_average(obj: Tool) -> float | None:
        if not obj.rating_count:
            return None
        return round(obj.rating_total / obj.rating_count, 2)

    @staticmethod
    def resolve_url(obj: Tool, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("toolbox:tool-detail", kwargs={"slug": obj.slug}))


class ToolDetailOut(ToolOut):
    description: str = Field(description="Markdown source.")
    description_html: str = Field(description="The description as sanitised HTML.")

    @staticmethod
    def resolve_description_html(obj: Tool) -> str:
        return str(render_markdown(obj.description))


class PracticeOut(Schema):
    """A practice or case study of the catalog."""

    id: int
    slug: str
    title: str
    summary: str
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty when international.")
    level: str = Field(description="Level of government.")
    organisation: str = Field(description="The organisation's slug; empty when none.")
    started_on: date | None
    ended_on: date | None
    topics: list[str] = Field(description="Topic slugs.")
    url: str = Field(description="The practice's page.")
    created_at: datetime

    @staticmethod
    def resolve_country(obj: Practice) -> str:
        return str(obj.country)

    @staticmethod
    def resolve_organisation(obj: Practice) -> str:
        return obj.organisation.slug if obj.organisation else ""

    @staticmethod
    def resolve_topics(obj: Practice) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_url(obj: Practice, context: dict[str, Any]) -> str:
        path = reverse("toolbox:practice-detail", kwargs={"slug": obj.slug})
        return _absolute(context, path)


class PracticeDetailOut(PracticeOut):
    description: str = Field(description="What was done, in Markdown.")
    actors: str
    outcomes: str
    resources: str
    lessons: str
    tools: list[str] = Field(description="Slugs of the tools it used.")

    @staticmethod
    def resolve_tools(obj: Practice) -> list[str]:
        return [tool.slug for tool in obj.tools.all()]


class CommonFilters(Schema):
    q: str = Field("", max_length=catalog.SEARCH_MAX_LENGTH, description="Words to search for.")
    topic: str = Field("", description="A topic slug, e.g. `open-data`.")
    country: str = Field("", description="ISO 3166-1 alpha-2 code, e.g. `FR`.")
    org_kind: str = Field("", description="An organisation type, e.g. `ngo`.")


class ToolFilters(CommonFilters):
    licence: str = Field("", max_length=64, description="An SPDX identifier, e.g. `MIT`.")
    open_source: str = Field("", description="`1` for open-source tools only.")
    language: str = Field("", description="A language code, e.g. `fr`.")
    maturity: str = Field("", description="idea, prototype, in_use, mature or retired.")
    order: str = Field("", description=f"One of: {', '.join(TOOL_ORDERS)} ({CATALOG_ID}).")


class PracticeFilters(CommonFilters):
    level: str = Field("", description="local, regional, national or international.")
    order: str = Field("", description=f"One of: {', '.join(PRACTICE_ORDERS)} ({CATALOG_ID}).")


def _checked(params: Schema, kind: str) -> catalog.CatalogFilters:
    filters, problems = catalog.catalog_filters(params.dict(), kind=kind)
    if problems:
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["query", name], "msg": message}
                for name, message in problems.items()
            ]
        )
    return filters


@router.get(
    "/tools",
    response=list[ToolOut],
    operation_id="tool_list",
    summary="Tools of the catalog, searched and filtered",
)
@paginate(BoundedPageNumberPagination)
def tool_list(request: HttpRequest, filters: Query[ToolFilters]) -> Any:
    """Tools matching the search and filters, in the `toolbox.catalog` order; `count` is the
    total. An unknown filter value answers 422."""
    return catalog.tool_list(_checked(filters, "tool"))


@router.get(
    "/tools/{slug}",
    response={200: ToolDetailOut, 404: ErrorOut},
    operation_id="tool_get",
    summary="One tool",
)
def tool_get(request: HttpRequest, slug: str) -> Any:
    found = catalog.tool_by_slug(slug=slug)
    if found is None:
        return Status(404, {"detail": _("No tool has this address name.")})
    return Status(200, found)


@router.get(
    "/practices",
    response=list[PracticeOut],
    operation_id="practice_list",
    summary="Practices of the catalog, searched and filtered",
)
@paginate(BoundedPageNumberPagination)
def practice_list(request: HttpRequest, filters: Query[PracticeFilters]) -> Any:
    """Practices matching the search and filters, in the `toolbox.catalog` order; `count` is
    the total. An unknown filter value answers 422."""
    return catalog.practice_list(_checked(filters, "practice"))


@router.get(
    "/practices/{slug}",
    response={200: PracticeDetailOut, 404: ErrorOut},
    operation_id="practice_get",
    summary="One practice",
)
def practice_get(request: HttpRequest, slug: str) -> Any:
    found = catalog.practice_by_slug(slug=slug)
    if found is None:
        return Status(404, {"detail": _("No practice has this address name.")})
    return Status(200, found)

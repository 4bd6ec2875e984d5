"""The "why here?" of the toolbox catalog (`toolbox.catalog`): where one tool or practice stands
in the list with the search, filters and order given, and the values that placed it.

The explainer reads the rows the page lists and orders them with the registered pure function
(`catalog_order.order_catalog`), so it says what the page does. `?catalog=practices` asks about a
practice; otherwise the item is a tool.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import Contribution, ExplainContext, Explanation
from pnyx.toolbox.catalog_order import (
    CATALOG_CARD,
    ORDER_LABELS,
    PRIOR_RATING,
    PRIOR_REVIEWS,
    CatalogEntry,
    catalog_order,
    order_catalog,
)
from pnyx.toolbox.models import Practice, Tool
from pnyx.toolbox.selectors import catalog
from pnyx.transparency.explainers import figure

NOT_LISTED = _("It does not match the search or filters given, so that list does not show it.")
FIRST_KEY = _("decides first")
TIE_KEY = _("breaks ties in the line above")
RATING_FORMULA = _(
    "Weighted rating: (%(total)s + %(prior)s × %(reviews)s) ÷ (%(count)s + %(reviews)s) = %(score)s"
)


def _entries(filters: catalog.CatalogFilters) -> tuple[list[CatalogEntry], bool]:
    listed = (
        catalog.tool_list(filters) if filters.kind == "tool" else catalog.practice_list(filters)
    )
    searching = "search_rank" in listed.query.annotations
    if filters.kind == "tool":
        columns = ["pk", "created_at", "usage_count", "rating_count", "rating_total"]
    else:
        columns = ["pk", "created_at", "started_on"]
    columns += ["search_rank"] if searching else []
    entries = []
    for row in listed.order_by().values(*columns):
        entries.append(
            CatalogEntry(
                id=row["pk"],
                created_at=row["created_at"],
                usage_count=row.get("usage_count", 0),
                rating_count=row.get("rating_count", 0),
                rating_total=row.get("rating_total", 0),
                started_on=row.get("started_on"),
                search_rank=row.get("search_rank"),
            )
        )
    return entries, searching


def _rating_formula(entry: CatalogEntry) -> str:
    numbers = {
        "total": entry.rating_total,
        "prior": figure(PRIOR_RATING),
        "reviews": PRIOR_REVIEWS,
        "count": entry.rating_count,
        "score": figure(entry.rating_score),
    }
    return RATING_FORMULA % numbers


def _factor(entry: CatalogEntry, key: str) -> tuple[Promise | str, float | str | Promise]:
    """A sort key's name and this entry's value for it."""
    relevance, used, rating, added, started, number = CATALOG_CARD.factors
    name = key.lstrip("-")
    if name == "search_rank":
        return relevance.name, (entry.search_rank or 0) + 1
    if name == "usage_count":
        return used.name, entry.usage_count
    if name == "rating_score":
        return rating.name, figure(entry.rating_score)
    if name == "created_at":
        return added.name, formats.date_format(entry.created_at, "DATE_FORMAT")
    if name == "started_on":
        started_text = formats.date_format(entry.started_on) if entry.started_on else ""
        return started.name, started_text or _("not given")
    return number.name, entry.id


def _item(filters: catalog.CatalogFilters, item_id: int) -> Tool | Practice | None:
    model = Tool if filters.kind == "tool" else Practice
    return model.objects.filter(pk=item_id).first()


def explain_catalog_item(item_id: int, context: ExplainContext) -> Explanation | None:
    """A tool's (or, with `catalog=practices`, a practice's) place in its catalog list with the
    search, filters and order given as on the page; None for an unknown item."""
    kind = "practice" if context.params.get("catalog") == "practices" else "tool"
    filters, _problems = catalog.catalog_filters(context.params, kind=kind)
    item = _item(filters, item_id)
    if item is None:
        return None
    entries, searching = _entries(filters)
    ordered = order_catalog(entries, kind=kind, order=filters.order, searching=searching)
    places = {entry.id: (place, entry) for place, entry in enumerate(ordered, 1)}
    position, entry = places.get(item_id, (None, None))
    keys = catalog_order(kind=kind, order=filters.order, searching=searching)
    factors: tuple[Contribution, ...] = ()
    if entry is not None:
        factors = tuple(
            Contribution(*_factor(entry, key), FIRST_KEY if index == 0 else TIE_KEY)
            for index, key in enumerate(keys)
        )
    query = filters.as_params()
    if position is not None:
        query["page"] = str((position - 1) // settings.PNYX_PAGE_SIZE + 1)
    list_name = "toolbox:tool-list" if kind == "tool" else "toolbox:practice-list"
    notes: list[Promise | str] = [
        _("Order chosen: %(order)s.") % {"order": ORDER_LABELS[filters.order]}
    ]
    if searching:
        notes.append(_("Search relevance: 1 is the best match."))
    if position is None:
        notes.append(NOT_LISTED)
    return Explanation(
        card=CATALOG_CARD,
        item_label=str(item),
        item_url=item.get_absolute_url(),
        factors=factors,
        position=position,
        out_of=len(ordered),
        formula=_rating_formula(entry) if entry and "-rating_score" in keys else "",
        notes=tuple(notes),
        list_url=f"{reverse(list_name)}?{urlencode(query)}".rstrip("?"),
    )

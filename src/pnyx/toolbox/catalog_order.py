"""The order of the tools and practices catalog, as a registered algorithm (`toolbox.catalog`).

The catalog is sorted by the database, but the rule lives here as plain functions so that the
pages, the API, the published card, the "why here?" pages and anyone holding the open-data export
apply the same rule: `catalog_order` names the sort keys the selector uses, and `order_catalog`
applies the identical rule to plain records.

A person picks one of a few orders (`TOOL_ORDERS`, `PRACTICE_ORDERS`); each is a fixed sequence
of keys, the first deciding and the next ones only breaking ties. When a search is typed, search
relevance decides first.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pnyx.core.algorithms import AUTOMATED, AlgorithmCard, Change, Factor, Risk

CATALOG_ID = "toolbox.catalog"
FIRST_DAY = date(2026, 11, 27)

#: The rating a tool without reviews is taken to have, and how many reviews that guess weighs:
#: one 5/5 review lifts a tool less than twenty 4/5 reviews do.
PRIOR_RATING = 3.0
PRIOR_REVIEWS = 2

MOST_USED = "used"
BEST_RATED = "rated"
NEWEST = "new"
RECENTLY_STARTED = "started"

#: Each order's sort keys, first deciding; "-" means highest first.
TOOL_ORDERS: dict[str, tuple[str, ...]] = {
    MOST_USED: ("-usage_count", "-rating_score", "-pk"),
    BEST_RATED: ("-rating_score", "-rating_count", "-pk"),
    NEWEST: ("-created_at", "-pk"),
}
PRACTICE_ORDERS: dict[str, tuple[str, ...]] = {
    NEWEST: ("-created_at", "-pk"),
    RECENTLY_STARTED: ("-started_on", "-pk"),
}
DEFAULT_TOOL_ORDER = MOST_USED
DEFAULT_PRACTICE_ORDER = NEWEST

ORDER_LABELS: dict[str, str | Promise] = {
    MOST_USED: _("Most used"),
    BEST_RATED: _("Best rated"),
    NEWEST: _("Newest"),
    RECENTLY_STARTED: _("Most recently started"),
}

CATALOG_CARD = AlgorithmCard(
    id=CATALOG_ID,
    version="1.0",
    name=_("Toolbox catalog order"),
    purpose=_(
        "Decides in which order tools and practices appear in the catalog pages and in the API "
        "lists. It hides nothing: every tool or practice that matches the search and filters is "
        "listed, and you choose the order: most used, best rated or newest for tools, newest or "
        "most recently started for practices."
    ),
    used_in=(
        _("The list of tools"),
        _("The list of practices"),
        _("The tool and practice lists of the API"),
    ),
    inputs=(
        _("The number of organisations that declared they use a tool"),
        _("The ratings organisations gave a tool in their reviews"),
        _("When a tool or practice was added to the catalog"),
        _("When a practice started"),
        _("The words you typed in the search box, if any"),
    ),
    factors=(
        Factor(
            name=_("Search relevance"),
            weight=1.0,
            description=_(
                "Only when you search: words found in the name count more than words found in "
                "the text. This factor decides first."
            ),
        ),
        Factor(
            name=_("Organisations using it"),
            weight=1.0,
            description=_(
                "In the “most used” order of tools: the more organisations declared they use a "
                "tool, the higher it comes."
            ),
        ),
        Factor(
            name=_("Weighted rating"),
            weight=1.0,
            description=_(
                "In the “best rated” order, and to break ties in the “most used” one: the "
                "average rating counted as if every tool also had two reviews of 3 out of 5, "
                "so a single enthusiastic review does not put a tool first."
            ),
        ),
        Factor(
            name=_("Date added"),
            weight=1.0,
            description=_("In the “newest” order: the most recently added first."),
        ),
        Factor(
            name=_("Start date"),
            weight=1.0,
            description=_(
                "In the “most recently started” order of practices; practices without a start "
                "date come last."
            ),
        ),
        Factor(
            name=_("Catalog number"),
            weight=0.0,
            description=_("Only breaks exact ties: the one added last comes first."),
        ),
    ),
    human_oversight=_(
        "No person ranks tools or practices by hand and nobody can pay to be placed higher. "
        "Toolbox editors review every new entry and every edit before it is shown; usages and "
        "reviews are declared by the administrators of registered organisations."
    ),
    limits=_(
        "Counting usages favours tools that have been around for a long time and tools popular "
        "with organisations registered here, which are not every organisation in the world. "
        "Ratings are few for most tools. Relevance counts matching words, not meaning."
    ),
    contact=_("Ask the toolbox editors or the platform administrators."),
    changelog=(
        Change(
            version="1.0",
            day=FIRST_DAY,
            note=_("First version: most used, best rated and newest orders; relevance first."),
        ),
    ),
    kind="ranks",
    summary=_(
        "Lists tools by how many organisations use them, by their weighted rating or by date, "
        "and practices by date; your search words come first when you search."
    ),
    owner=_("The Pnyx toolbox editors, who maintain the catalog."),
    decision_type=AUTOMATED,
    deployed_on=FIRST_DAY,
    data_sources=(
        _(
            "The catalog entries and the usages and reviews declared by organisations, all "
            "public. Nothing about the person reading the page."
        ),
        _("The words you type in the search box, used for this page only and not stored."),
    ),
    data_retention=_(
        "The order is not stored: it is computed for each page from public data kept while the "
        "entries exist."
    ),
    impact_assessment=_(
        "Moderate: the first page of tools is what most visitors see, so the order can help a "
        "tool be adopted. Every matching entry stays listed and the filters narrow the list."
    ),
    risks=(
        Risk(
            _("An organisation declaring usages or reviews only to push a tool up."),
            _(
                "Only administrators of registered organisations declare usages and reviews, one "
                "per organisation and tool, each shown publicly with the organisation's name."
            ),
        ),
        Risk(
            _("New tools never reach the first page of the most used order."),
            _("The newest order and the filters let anyone find them."),
        ),
    ),
    alternatives=_(
        "A single score mixing usage, rating and age was considered; separate orders a person "
        "picks were chosen because each can be explained in one sentence and checked by anyone."
    ),
    appeal=_(
        "The “why here?” link beside each entry shows the values that placed it. If a usage or "
        "review looks wrong, write to the toolbox editors or the platform administrators."
    ),
    source="pnyx/toolbox/catalog_order.py",
)


def rating_score(total: int, count: int) -> float:
    """The weighted rating: the average of the ratings plus `PRIOR_REVIEWS` ratings of
    `PRIOR_RATING` (3.0 for a tool without reviews)."""
    return (float(total) + PRIOR_RATING * PRIOR_REVIEWS) / (float(count) + PRIOR_REVIEWS)


def catalog_order(*, kind: str, order: str, searching: bool) -> tuple[str, ...]:
    """The sort keys of the catalog query for tools (`kind="tool"`) or practices: relevance first
    only when searching. KeyError for an unknown order."""
    keys = (TOOL_ORDERS if kind == "tool" else PRACTICE_ORDERS)[order]
    return ("search_rank", *keys) if searching else keys


@dataclass(frozen=True)
class CatalogEntry:
    """One tool or practice as the algorithm sees it; `search_rank` is its place among matches
    (0 first)."""

    id: int
    created_at: datetime
    usage_count: int = 0
    rating_count: int = 0
    rating_total: int = 0
    started_on: date | None = None
    search_rank: int | None = None

    @property
    def rating_score(self) -> float:
        return rating_score(self.rating_total, self.rating_count)


def _key_part(entry: CatalogEntry, key: str) -> tuple[int, float]:
    """One sort key as a pair sorting ascending: (0 before 1 for missing values, the number)."""
    name = key.lstrip("-")
    sign = -1 if key.startswith("-") else 1
    if name == "pk":
        value: float | None = entry.id
    elif name == "created_at":
        value = entry.created_at.timestamp()
    elif name == "started_on":
        value = entry.started_on.toordinal() if entry.started_on else None
    elif name == "search_rank":
        value = entry.search_rank if entry.search_rank is not None else 0
    else:
        value = float(getattr(entry, name))
    if value is None:  # no start date: last, whichever the direction
        return (1, 0.0)
    return (0, sign * float(value))


def order_catalog(
    entries: Iterable[CatalogEntry], *, kind: str, order: str, searching: bool
) -> list[CatalogEntry]:
    """Apply the catalog order to plain records, exactly as the database query does."""
    keys = catalog_order(kind=kind, order=order, searching=searching)
    return sorted(entries, key=lambda entry: tuple(_key_part(entry, key) for key in keys))

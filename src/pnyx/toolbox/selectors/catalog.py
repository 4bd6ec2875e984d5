"""Reads of the catalog: the tools and practices lists with their search, filters, facet counts
and order, shared by the pages, the API and the "why here?" pages.

Filters arrive as text (query parameters) and are checked by `tool_filters` / `practice_filters`,
which name every value they do not understand. Facet counts follow the usual rule of faceted
search: beside each option, how many items match every other filter plus that option. Each facet
costs one grouped query, whatever the number of options, and the counts of one combination of
filters are cached for a minute.
"""

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

from django.core.cache import cache
from django.db.models import (
    CharField,
    Count,
    F,
    FloatField,
    OrderBy,
    Prefetch,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from pnyx.accounts.languages import LANGUAGE_CODES, language_name
from pnyx.core import search
from pnyx.core.models import Topic
from pnyx.core.taxonomy import TOPICS, topic_name
from pnyx.orgs.models import OrganisationKind
from pnyx.toolbox.catalog_order import (
    DEFAULT_PRACTICE_ORDER,
    DEFAULT_TOOL_ORDER,
    ORDER_LABELS,
    PRACTICE_ORDERS,
    PRIOR_RATING,
    PRIOR_REVIEWS,
    TOOL_ORDERS,
    catalog_order,
)
from pnyx.toolbox.models import GovernmentLevel, Maturity, Practice, Tool, Usage

SEARCH_MAX_LENGTH = 200
#: Facet counts are kept this long: a new tool or usage shows in the counts within a minute,
#: while a busy catalog page does not recount 10,000 items on every view.
FACET_CACHE_SECONDS = 60
LICENCE_PATTERN = re.compile(r"[A-Za-z0-9.+-]{1,64}")
TRUE_VALUES = frozenset({"1", "on", "true", "yes"})

TOOL_FACETS = ("topic", "country", "licence", "language", "org_kind", "maturity")
PRACTICE_FACETS = ("topic", "country", "org_kind", "level")

FACET_LABELS: dict[str, str | Promise] = {
    "topic": gettext_lazy("Topic"),
    "country": gettext_lazy("Country"),
    "licence": gettext_lazy("Licence"),
    "language": gettext_lazy("Language"),
    "org_kind": gettext_lazy("Organisation type"),
    "maturity": gettext_lazy("Maturity"),
    "level": gettext_lazy("Level of government"),
    "open_source": gettext_lazy("Source code"),
}
ANY_LABELS: dict[str, str | Promise] = {
    "topic": gettext_lazy("Any topic"),
    "country": gettext_lazy("Any country"),
    "licence": gettext_lazy("Any licence"),
    "language": gettext_lazy("Any language"),
    "org_kind": gettext_lazy("Any type"),
    "maturity": gettext_lazy("Any maturity"),
    "level": gettext_lazy("Any level"),
}


@dataclass(frozen=True)
class CatalogFilters:
    """A checked search of the tools (`kind="tool"`) or practices catalog; blank means any."""

    kind: str
    q: str = ""
    topic: str = ""
    country: str = ""
    licence: str = ""
    open_source: bool = False
    language: str = ""
    org_kind: str = ""
    maturity: str = ""
    level: str = ""
    order: str = ""

    def facet_names(self) -> tuple[str, ...]:
        return TOOL_FACETS if self.kind == "tool" else PRACTICE_FACETS

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters, blank ones left out (for shareable links)."""
        params = {"q": self.q, "order": self.order}
        params.update({name: getattr(self, name) for name in self.facet_names()})
        if self.open_source:
            params["open_source"] = "1"
        return {name: value for name, value in params.items() if value}


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    any_label: str
    options: list[FacetOption] = field(default_factory=list)


def _check_choice(value: str, allowed: Any, message: str) -> str | None:
    return None if not value or value in allowed else message


def _problems(params: Mapping[str, str], kind: str) -> dict[str, str]:
    orders = TOOL_ORDERS if kind == "tool" else PRACTICE_ORDERS
    found: dict[str, str | None] = {
        "topic": _check_choice(params["topic"], TOPICS, _("Unknown topic.")),
        "country": _check_choice(params["country"], dict(countries), _("Unknown country code.")),
        "org_kind": _check_choice(
            params["org_kind"], OrganisationKind.values, _("Unknown organisation type.")
        ),
        "order": _check_choice(params["order"], orders, _("Unknown order.")),
    }
    if kind == "tool":
        found["language"] = _check_choice(
            params["language"], LANGUAGE_CODES, _("Unknown language code.")
        )
        found["maturity"] = _check_choice(
            params["maturity"], Maturity.values, _("Unknown maturity.")
        )
        licence = params["licence"]
        if licence and not LICENCE_PATTERN.fullmatch(licence):
            found["licence"] = _("A licence is an SPDX identifier such as MIT or GPL-3.0-only.")
        open_source = params["open_source"]
        if open_source and open_source.lower() not in TRUE_VALUES and open_source != "0":
            found["open_source"] = _("Use 1 to show open-source tools only.")
    else:
        found["level"] = _check_choice(
            params["level"], GovernmentLevel.values, _("Unknown level of government.")
        )
    return {name: message for name, message in found.items() if message}


def catalog_filters(
    params: Mapping[str, Any], *, kind: str
) -> tuple[CatalogFilters, dict[str, str]]:
    """The filters read from query parameters, and one message per parameter that is not
    understood (the filters then leave that parameter out)."""
    names: tuple[str, ...] = ("q", "order", "open_source", "topic", "country", "licence")
    names += ("language",)
    names += ("org_kind", "maturity", "level")
    raw = {name: str(params.get(name) or "").strip() for name in names}
    raw["country"] = raw["country"].upper()
    raw["language"] = raw["language"].lower()
    problems = _problems(raw, kind)
    values = {name: "" if name in problems else value for name, value in raw.items()}
    default = DEFAULT_TOOL_ORDER if kind == "tool" else DEFAULT_PRACTICE_ORDER
    filters = CatalogFilters(
        kind=kind,
        q=" ".join(values["q"].split())[:SEARCH_MAX_LENGTH],
        topic=values["topic"],
        country=values["country"],
        org_kind=values["org_kind"],
        order=values["order"] or default,
        **(
            {
                "licence": values["licence"],
                "open_source": values["open_source"].lower() in TRUE_VALUES,
                "language": values["language"],
                "maturity": values["maturity"],
            }
            if kind == "tool"
            else {"level": values["level"]}
        ),
    )
    return filters, problems


def order_choices(kind: str) -> list[tuple[str, str]]:
    """(value, label) of the orders a person may pick, the default first."""
    orders = TOOL_ORDERS if kind == "tool" else PRACTICE_ORDERS
    return [(name, str(ORDER_LABELS[name])) for name in orders]


def _searched(queryset: QuerySet, q: str) -> QuerySet:
    """The items matching the search words, unordered (for the facet counts); all without words."""
    if not search.words(q):
        return queryset
    model = queryset.model
    ids = search.matching_ids(search.kind_of(model), q)
    return queryset.filter(pk__in=[model._meta.pk.to_python(value) for value in ids])


# --- tools -------------------------------------------------------------------------------------


def _language_text() -> Cast:
    return Cast("languages", output_field=CharField())


def _filter_tools(queryset: QuerySet[Tool], filters: CatalogFilters) -> QuerySet[Tool]:
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.country:
        users = Usage.objects.filter(organisation__country=filters.country)
        queryset = queryset.filter(pk__in=users.values("tool_id"))
    if filters.org_kind:
        users = Usage.objects.filter(organisation__kind=filters.org_kind)
        queryset = queryset.filter(pk__in=users.values("tool_id"))
    if filters.licence:
        queryset = queryset.filter(licence__iexact=filters.licence)
    if filters.open_source:
        queryset = queryset.filter(open_source=True)
    if filters.language:
        # Codes are checked against LANGUAGE_CODES, so they hold no quote or wildcard.
        queryset = queryset.alias(language_text=_language_text()).filter(
            language_text__contains=f'"{filters.language}"'
        )
    if filters.maturity:
        queryset = queryset.filter(maturity=filters.maturity)
    return queryset


def _rating_score() -> Any:
    total = Cast("rating_total", output_field=FloatField())
    count = Cast("rating_count", output_field=FloatField())
    prior = Value(PRIOR_RATING * PRIOR_REVIEWS, output_field=FloatField())
    return (total + prior) / (count + Value(float(PRIOR_REVIEWS), output_field=FloatField()))


def _rating_average() -> Any:
    total = Cast("rating_total", output_field=FloatField())
    return total / NullIf(Cast("rating_count", output_field=FloatField()), Value(0.0))


#: Sort keys whose column may be empty; only these sort with empty values last. Saying it of a
#: column that is never empty would stop PostgreSQL from reading the order from an index.
NULLABLE_KEYS = frozenset({"started_on"})


def _ordering(keys: tuple[str, ...]) -> list[OrderBy]:
    return [
        F(key[1:]).desc(nulls_last=key[1:] in NULLABLE_KEYS or None)
        if key.startswith("-")
        else F(key).asc()
        for key in keys
    ]


def _topics_prefetch() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("slug"))


def tool_list(filters: CatalogFilters) -> QuerySet[Tool]:
    """Tools matching the (checked) filters, in the `toolbox.catalog` order the filters name.

    Public: every tool in the table has had its creation approved. Each row carries
    `rating_score` (the weighted rating), `rating_average` (None without reviews) and its topics
    prefetched, so a page costs a fixed number of queries.
    """
    queryset = search.filter_queryset(_filter_tools(Tool.objects.all(), filters), filters.q)
    searching = "search_rank" in queryset.query.annotations
    keys = catalog_order(kind="tool", order=filters.order, searching=searching)
    return (
        queryset.annotate(rating_score=_rating_score(), rating_average=_rating_average())
        .prefetch_related(_topics_prefetch())
        .order_by(*_ordering(keys))
    )


def _grouped(queryset: QuerySet, column: str, counted: str = "pk") -> dict[str, int]:
    """Matches per value of `column`, counting distinct `counted` (the tool or practice)."""
    rows = queryset.order_by().values(column).annotate(n=Count(counted, distinct=True))
    return {str(row[column]): row["n"] for row in rows if row[column]}


def _facet(
    name: str,
    counts: Mapping[str, int],
    selected: str,
    label_of: Callable[[str], str],
) -> Facet:
    """Options that have matches (plus the selected one), sorted by label."""
    values = {value for value, count in counts.items() if count}
    if selected:
        values.add(selected)
    options = [
        FacetOption(value, label_of(value), counts.get(value, 0), value == selected)
        for value in values
    ]
    options.sort(key=lambda option: option.label.casefold())
    return Facet(name, str(FACET_LABELS[name]), str(ANY_LABELS[name]), options)


def _country_names() -> Callable[[str], str]:
    """The country name of a code in the active language; the names are looked up once per call
    (building them costs a millisecond, and a facet has dozens of countries)."""
    names = dict(countries)
    return lambda code: str(names.get(code, code))


def _choice_label(choices: Any) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _cached_counts(
    filters: CatalogFilters, compute: Callable[[CatalogFilters], dict[str, dict[str, int]]]
) -> dict[str, dict[str, int]]:
    """The facet counts of these filters, from the cache when computed in the last
    `FACET_CACHE_SECONDS` (the order does not change them, so it is not part of the key)."""
    params = {name: value for name, value in filters.as_params().items() if name != "order"}
    text = json.dumps([filters.kind, params], sort_keys=True)
    key = "toolbox:facets:" + hashlib.sha256(text.encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        counts = compute(filters)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return cast(dict[str, dict[str, int]], counts)


def _blank(name: str) -> dict[str, Any]:
    """The change that drops one filter (for the counts of its own facet)."""
    return {name: ""}


def _language_counts(queryset: QuerySet[Tool]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for languages in queryset.order_by().values_list("languages", flat=True):
        if isinstance(languages, str):  # a database that hands JSON back as text
            languages = json.loads(languages)
        counts.update(set(languages or ()))
    return counts


def _tool_counts(filters: CatalogFilters) -> dict[str, dict[str, int]]:
    base = _searched(Tool.objects.all(), filters.q)

    def others(name: str) -> QuerySet[Tool]:
        return _filter_tools(base, replace(filters, **_blank(name)))

    users = {
        name: Usage.objects.filter(tool__in=others(name).values("pk"))
        for name in ("country", "org_kind")
    }
    open_source = _filter_tools(base, replace(filters, open_source=True)).count()
    return {
        "topic": _grouped(others("topic"), "topics__slug"),
        "country": _grouped(users["country"], "organisation__country", "tool_id"),
        "licence": _grouped(others("licence"), "licence"),
        "language": dict(_language_counts(others("language"))),
        "org_kind": _grouped(users["org_kind"], "organisation__kind", "tool_id"),
        "maturity": _grouped(others("maturity"), "maturity"),
        "open_source": {"1": open_source},
    }


def tool_facets(filters: CatalogFilters) -> list[Facet]:
    """Each facet of the tools catalog with, per option, the count of tools matching the other
    filters plus that option; one query per facet, the counts kept `FACET_CACHE_SECONDS`. The
    last facet is the "open source only" checkbox, with its one option."""
    counts = _cached_counts(filters, _tool_counts)
    labels: dict[str, Callable[[str], str]] = {
        "topic": topic_name,
        "country": _country_names(),
        "licence": str,
        "language": language_name,
        "org_kind": _choice_label(OrganisationKind.choices),
        "maturity": _choice_label(Maturity.choices),
    }
    facets = [
        _facet(name, counts[name], getattr(filters, name), label) for name, label in labels.items()
    ]
    option = FacetOption(
        "1", _("Open source only"), counts["open_source"]["1"], filters.open_source
    )
    facets.append(Facet("open_source", str(FACET_LABELS["open_source"]), "", [option]))
    return facets


# --- practices ---------------------------------------------------------------------------------


def _filter_practices(queryset: QuerySet[Practice], filters: CatalogFilters) -> QuerySet[Practice]:
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.country:
        queryset = queryset.filter(country=filters.country)
    if filters.org_kind:
        queryset = queryset.filter(organisation__kind=filters.org_kind)
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    return queryset


def practice_list(filters: CatalogFilters) -> QuerySet[Practice]:
    """Practices matching the (checked) filters, in the `toolbox.catalog` order the filters name,
    with their organisation and topics; public."""
    queryset = search.filter_queryset(_filter_practices(Practice.objects.all(), filters), filters.q)
    searching = "search_rank" in queryset.query.annotations
    keys = catalog_order(kind="practice", order=filters.order, searching=searching)
    return (
        queryset.select_related("organisation")
        .prefetch_related(_topics_prefetch())
        .order_by(*_ordering(keys))
    )


def _practice_counts(filters: CatalogFilters) -> dict[str, dict[str, int]]:
    base = _searched(Practice.objects.all(), filters.q)

    def others(name: str) -> QuerySet[Practice]:
        return _filter_practices(base, replace(filters, **_blank(name)))

    return {
        "topic": _grouped(others("topic"), "topics__slug"),
        "country": _grouped(others("country"), "country"),
        "org_kind": _grouped(others("org_kind"), "organisation__kind"),
        "level": _grouped(others("level"), "level"),
    }


def practice_facets(filters: CatalogFilters) -> list[Facet]:
    """Each facet of the practices catalog with its counts; one query per facet, the counts
    kept `FACET_CACHE_SECONDS`."""
    counts = _cached_counts(filters, _practice_counts)
    labels: dict[str, Callable[[str], str]] = {
        "topic": topic_name,
        "country": _country_names(),
        "org_kind": _choice_label(OrganisationKind.choices),
        "level": _choice_label(GovernmentLevel.choices),
    }
    return [
        _facet(name, counts[name], getattr(filters, name), label) for name, label in labels.items()
    ]


# --- single items ------------------------------------------------------------------------------


def tool_by_slug(*, slug: str) -> Tool | None:
    """One tool with its topics and weighted rating, or None."""
    return (
        Tool.objects.filter(slug=slug)
        .annotate(rating_score=_rating_score(), rating_average=_rating_average())
        .prefetch_related(_topics_prefetch())
        .first()
    )


def practice_by_slug(*, slug: str) -> Practice | None:
    """One practice with its organisation, topics and tools, or None."""
    return (
        Practice.objects.filter(slug=slug)
        .select_related("organisation")
        .prefetch_related(_topics_prefetch(), Prefetch("tools", Tool.objects.order_by("slug")))
        .first()
    )

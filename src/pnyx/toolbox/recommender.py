"""The recommender: "tools and practices for you", as a pure, deterministic function.

`build_index` turns plain records (`Candidate`: a tool or a practice with its topics, countries,
languages, the organisations behind it, its usage count and when it was added) into arrays
once; `recommend` scores every candidate for one `Profile` with the given weights at a given
moment. Neither reads the database: the pages, the API, the open-data export and its recompute
give them the same plain data and get the same lists.

Each factor has a value between 0 and 1 for a candidate; its contribution is the value times the
factor's weight, and the score is the sum of the contributions, added in the order of `FACTORS`
(so the contributions shown add up to the score exactly). Ties go to practices before tools, then
to the smaller id. The tools the profile's organisation already uses are left out.

- topics: shared topics over all the topics of both (Jaccard index);
- country: 1 when the candidate is used (or was done) in one of the profile's countries;
- region: 1 when it is used in a country of the same region (`regions.REGION_OF`), the country
  itself included;
- kind: the share of the organisations behind it that are of the profile's kind;
- language: 1 when it is available in one of the profile's languages;
- collaborative: how much the organisations using it also use the profile's tools (the mean,
  over the profile's tools, of the cosine similarity of the two sets of organisations); for a
  practice, the best value among the tools it used, a tool the profile uses counting 1;
- popularity: log(1 + usages) over log(1 + the largest usage count);
- freshness: halves every `HALF_LIFE_DAYS` since the candidate was added to the catalog.
"""

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from django.utils.translation import gettext_lazy as _
from scipy import sparse

from pnyx.toolbox.regions import region_of

HALF_LIFE_DAYS = 180.0
MIN_WEIGHT = 0.0
MAX_WEIGHT = 5.0
TOOL = "tool"
PRACTICE = "practice"
#: Practices sort before tools on equal scores.
KIND_ORDER = {PRACTICE: 0, TOOL: 1}

FACTORS = (
    "topics",
    "country",
    "region",
    "kind",
    "language",
    "collaborative",
    "popularity",
    "freshness",
)
DEFAULT_WEIGHTS: dict[str, float] = {
    "topics": 3.0,
    "country": 1.0,
    "region": 0.5,
    "kind": 1.0,
    "language": 1.0,
    "collaborative": 2.0,
    "popularity": 1.0,
    "freshness": 0.5,
}
#: The factors of the order shown without personalisation: they say nothing about the reader.
NON_PERSONAL = ("popularity", "freshness")

FACTOR_LABELS = {
    "topics": _("Shared topics"),
    "country": _("Same country"),
    "region": _("Same region"),
    "kind": _("Organisations of your kind"),
    "language": _("Your language"),
    "collaborative": _("Organisations like yours use it"),
    "popularity": _("Popularity"),
    "freshness": _("Freshness"),
}
FACTOR_DESCRIPTIONS = {
    "topics": _(
        "The topics you and the item share, out of all the topics either of you has (0 to 1)."
    ),
    "country": _("1 when the item is used, or was done, in your country; otherwise 0."),
    "region": _(
        "1 when the item is used in a country of your region (by continent), your own country "
        "included; otherwise 0."
    ),
    "kind": _("The share of the organisations using the item that are of your kind (0 to 1)."),
    "language": _("1 when the item is available in one of your languages; otherwise 0."),
    "collaborative": _(
        "How much the organisations using the item also use the tools your organisation uses "
        "(0 to 1). For a practice, the best value among the tools it used."
    ),
    "popularity": _(
        "How many organisations use it, on a logarithmic scale: 1 for the most used item."
    ),
    "freshness": _("1 for an item added today, halving every 180 days since it was added."),
}


class UnknownFactor(ValueError):
    """A weight names no factor of the recommender."""


class WeightOutOfRange(ValueError):
    """A weight is below MIN_WEIGHT, above MAX_WEIGHT or not a number."""


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights as floats; `UnknownFactor` or `WeightOutOfRange` for a wrong one."""
    checked = {}
    for name, weight in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise UnknownFactor(name)
        value = float(weight)
        if not math.isfinite(value) or not MIN_WEIGHT <= value <= MAX_WEIGHT:
            raise WeightOutOfRange(name)
        checked[name] = value
    return checked


def full_weights(overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """Every factor's weight: the defaults, replaced by the (checked) overrides given."""
    return {**DEFAULT_WEIGHTS, **check_weights(overrides or {})}


@dataclass(frozen=True)
class Profile:
    """Who the recommendations are for: an organisation, or a person and their organisations."""

    topics: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    #: Tool ids the profile's organisation(s) use: left out, and the base of "collaborative".
    tools_used: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A tool or a practice as the recommender sees it.

    `organisations`: the organisations using a tool, or the one behind a practice. `countries`:
    where a tool is used, or where a practice was done. `tools`: the tools a practice used.
    """

    kind: str
    id: int
    slug: str
    title: str
    added_at: datetime
    topics: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    organisations: frozenset[int] = frozenset()
    tools: frozenset[int] = frozenset()
    usage_count: int = 0


@dataclass(frozen=True)
class FactorPart:
    """One factor's part in an item's score: value × weight = contribution."""

    name: str
    weight: float
    value: float
    contribution: float

    @property
    def label(self) -> str:
        return str(FACTOR_LABELS[self.name])


@dataclass(frozen=True)
class Recommendation:
    candidate: Candidate
    position: int
    score: float
    factors: tuple[FactorPart, ...]

    @property
    def key(self) -> str:
        """The item's id in the open-data export: "tool:12", "practice:3"."""
        return f"{self.candidate.kind}:{self.candidate.id}"


@dataclass(frozen=True)
class RecommendationList:
    items: tuple[Recommendation, ...]
    #: How many candidates were ranked (those left out not counted).
    out_of: int
    personalised: bool
    weights: Mapping[str, float]


def _vocabulary(values: Iterable[Iterable[str]]) -> dict[str, int]:
    return {name: column for column, name in enumerate(sorted({v for vs in values for v in vs}))}


def _incidence(rows: Sequence[Iterable[Hashable]], columns: Mapping[Any, int]) -> sparse.csr_matrix:
    """A 0/1 matrix: row i has a 1 in the column of each of its values."""
    indptr = [0]
    indices: list[int] = []
    for values in rows:
        indices.extend(sorted({columns[value] for value in values if value in columns}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(columns), 1)))


@dataclass
class CandidateIndex:
    """The candidates as arrays, built once and reused for every profile (`build_index`)."""

    candidates: tuple[Candidate, ...]
    organisation_kinds: Mapping[int, str]
    topics: dict[str, int] = field(init=False)
    topic_matrix: sparse.csr_matrix = field(init=False)
    countries: dict[str, int] = field(init=False)
    country_matrix: sparse.csr_matrix = field(init=False)
    regions: dict[str, int] = field(init=False)
    region_matrix: sparse.csr_matrix = field(init=False)
    languages: dict[str, int] = field(init=False)
    language_matrix: sparse.csr_matrix = field(init=False)
    kinds: dict[str, int] = field(init=False)
    kind_shares: sparse.csr_matrix = field(init=False)
    users: sparse.csr_matrix = field(init=False)
    practice_tools: sparse.csr_matrix = field(init=False)
    tool_rows: dict[int, int] = field(init=False)
    popularity: np.ndarray = field(init=False)
    added: np.ndarray = field(init=False)
    order_keys: tuple[np.ndarray, np.ndarray] = field(init=False)

    def __post_init__(self) -> None:
        rows = self.candidates
        self.topics = _vocabulary(c.topics for c in rows)
        self.topic_matrix = _incidence([c.topics for c in rows], self.topics)
        self.countries = _vocabulary(c.countries for c in rows)
        self.country_matrix = _incidence([c.countries for c in rows], self.countries)
        row_regions = [{region_of(country) for country in c.countries} - {""} for c in rows]
        self.regions = _vocabulary(row_regions)
        self.region_matrix = _incidence(row_regions, self.regions)
        self.languages = _vocabulary(c.languages for c in rows)
        self.language_matrix = _incidence([c.languages for c in rows], self.languages)
        self._index_organisations()
        counts = np.array([c.usage_count for c in rows], dtype=np.float64)
        most = math.log1p(counts.max()) if len(rows) and counts.max() > 0 else 0.0
        self.popularity = np.log1p(counts) / most if most else np.zeros(len(rows))
        self.added = np.array([c.added_at.timestamp() for c in rows], dtype=np.float64)
        self.order_keys = (
            np.array([c.id for c in rows], dtype=np.int64),
            np.array([KIND_ORDER[c.kind] for c in rows], dtype=np.int64),
        )

    def _index_organisations(self) -> None:
        rows = self.candidates
        kind_rows = [[self.organisation_kinds.get(o, "") for o in c.organisations] for c in rows]
        self.kinds = _vocabulary(kind_rows)
        indptr, indices, data = [0], [], []
        for kinds in kind_rows:
            for kind, count in sorted(_count(kinds).items()):
                indices.append(self.kinds[kind])
                data.append(count / len(kinds))
            indptr.append(len(indices))
        shape = (len(rows), max(len(self.kinds), 1))
        self.kind_shares = sparse.csr_matrix((data, indices, indptr), shape=shape)
        self.tool_rows = {c.id: row for row, c in enumerate(rows) if c.kind == TOOL}
        organisations = {o: n for n, o in enumerate(sorted(self.organisation_kinds))}
        tool_users = [c.organisations if c.kind == TOOL else () for c in rows]
        self.users = _incidence(tool_users, organisations)
        known = self.tool_rows
        used = [[known[t] for t in c.tools if t in known] for c in rows]
        self.practice_tools = _incidence(used, {row: row for row in range(len(rows))})


def _count(values: Iterable[str]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for value in values:
        counted[value] = counted.get(value, 0) + 1
    return counted


def build_index(
    candidates: Iterable[Candidate], organisation_kinds: Mapping[int, str]
) -> CandidateIndex:
    """Index the candidates; `organisation_kinds` gives every organisation's kind by id."""
    return CandidateIndex(candidates=tuple(candidates), organisation_kinds=organisation_kinds)


def _vector(columns: Mapping[str, int], values: Iterable[str], size: int) -> np.ndarray:
    vector = np.zeros(size, dtype=np.float64)
    for value in values:
        if value in columns:
            vector[columns[value]] = 1.0
    return vector


def _matches(matrix: sparse.csr_matrix, columns: Mapping[str, int], wanted: Iterable[str]) -> Any:
    hits = matrix @ _vector(columns, wanted, matrix.shape[1])
    return (hits > 0).astype(np.float64)


def _topics(index: CandidateIndex, topics: frozenset[str]) -> np.ndarray:
    matrix = index.topic_matrix
    shared = matrix @ _vector(index.topics, topics, matrix.shape[1])
    union = np.asarray(matrix.sum(axis=1)).ravel() + len(topics) - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _collaborative(index: CandidateIndex, tools_used: frozenset[int]) -> np.ndarray:
    size = len(index.candidates)
    rows = sorted(index.tool_rows[t] for t in tools_used if t in index.tool_rows)
    if not rows:
        return np.zeros(size)
    users = index.users
    sizes = np.asarray(users.sum(axis=1)).ravel()
    base = users[rows].multiply(1 / np.sqrt(np.maximum(sizes[rows], 1))[:, None])
    profile = np.asarray(base.sum(axis=0)).ravel()
    shared = users @ profile
    tools = np.divide(shared, np.sqrt(sizes), out=np.zeros(size), where=sizes > 0) / len(rows)
    tools[rows] = 1.0
    best = index.practice_tools.multiply(tools[None, :]).max(axis=1)
    practices = np.asarray(best.todense()).ravel()
    is_tool = index.order_keys[1] == KIND_ORDER[TOOL]
    return np.where(is_tool, tools, practices)


def factor_values(index: CandidateIndex, profile: Profile, now: datetime) -> dict[str, Any]:
    """Every factor's value (0 to 1) for every candidate, as arrays in the candidates' order."""
    kinds = index.kind_shares @ _vector(index.kinds, profile.kinds, index.kind_shares.shape[1])
    regions = {region_of(country) for country in profile.countries} - {""}
    age_days = np.maximum(now.timestamp() - index.added, 0.0) / 86400.0
    return {
        "topics": _topics(index, profile.topics),
        "country": _matches(index.country_matrix, index.countries, profile.countries),
        "region": _matches(index.region_matrix, index.regions, regions),
        "kind": np.asarray(kinds, dtype=np.float64),
        "language": _matches(index.language_matrix, index.languages, profile.languages),
        "collaborative": _collaborative(index, profile.tools_used),
        "popularity": index.popularity,
        "freshness": np.power(0.5, age_days / HALF_LIFE_DAYS),
    }


def recommend(
    index: CandidateIndex,
    profile: Profile | None,
    *,
    weights: Mapping[str, float] | None = None,
    now: datetime,
    limit: int | None = None,
) -> RecommendationList:
    """The candidates for `profile`, best first, each with its score and factors.

    Without a profile (anonymous, or personalisation turned off) only the non-personal factors
    count. `weights` replace the defaults factor by factor (`full_weights` checks them).
    `limit` keeps the first items only. Pure: the same arguments give the same list.
    """
    chosen = full_weights(weights)
    names = FACTORS if profile is not None else NON_PERSONAL
    values = factor_values(index, profile or Profile(), now)
    size = len(index.candidates)
    score = np.zeros(size)
    parts = {}
    for name in names:
        parts[name] = chosen[name] * values[name]
        score = score + parts[name]
    keep = np.ones(size, dtype=bool)
    if profile is not None:
        for tool in profile.tools_used:
            if tool in index.tool_rows:
                keep[index.tool_rows[tool]] = False
    ids, kinds = index.order_keys
    order = np.lexsort((ids, kinds, -score))
    order = order[keep[order]]
    shown = order if limit is None else order[:limit]
    items = tuple(
        Recommendation(
            candidate=index.candidates[row],
            position=position,
            score=float(score[row]),
            factors=tuple(
                FactorPart(name, chosen[name], float(values[name][row]), float(parts[name][row]))
                for name in names
            ),
        )
        for position, row in enumerate(shown.tolist(), start=1)
    )
    return RecommendationList(
        items=items, out_of=int(keep.sum()), personalised=profile is not None, weights=chosen
    )

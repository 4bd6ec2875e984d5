"""The data behind "tools and practices for you": the candidates, the profiles and the lists.

The candidates (every tool and practice with what the recommender reads) are loaded in eight
queries and indexed once (`recommender.build_index`), then kept in memory for as long as a
one-query stamp of the tables they come from stays the same; each request then reads only the
person's or the organisation's profile, and scores the indexed candidates.
"""

import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.utils import timezone

from pnyx.core.models import Topic
from pnyx.orgs.models import Membership, MembershipStatus, Organisation
from pnyx.toolbox.models import Practice, RecommenderSettings, Tool, Usage
from pnyx.toolbox.recommender import (
    DEFAULT_WEIGHTS,
    MAX_WEIGHT,
    MIN_WEIGHT,
    PRACTICE,
    TOOL,
    Candidate,
    CandidateIndex,
    Profile,
    RecommendationList,
    build_index,
    recommend,
)


@dataclass(frozen=True)
class OrganisationFacts:
    """What the recommender knows of an organisation: all of it is public."""

    kind: str
    country: str
    topics: frozenset[str]


@dataclass(frozen=True)
class CandidateData:
    """Everything the recommendations read besides the profile, loaded and indexed once."""

    index: CandidateIndex
    organisations: dict[int, OrganisationFacts]
    #: Organisation id → ids of the tools it declared it uses.
    tools_used: dict[int, frozenset[int]]


def organisation_tool_sets(usages: list[tuple[int, int]]) -> dict[int, frozenset[int]]:
    """(tool id, organisation id) pairs → organisation id → tool ids."""
    sets: dict[int, set[int]] = defaultdict(set)
    for tool_id, organisation_id in usages:
        sets[organisation_id].add(tool_id)
    return {organisation: frozenset(tools) for organisation, tools in sets.items()}


def assemble(
    *,
    organisations: dict[int, OrganisationFacts],
    tools: list[dict[str, Any]],
    practices: list[dict[str, Any]],
    usages: list[tuple[int, int, str]],
) -> CandidateData:
    """The candidates from plain rows (the database's or the open-data export's).

    A tool is used in the countries its usages name, or in its users' countries when a usage
    names none; a practice's popularity is that of the most used tool it used.
    """
    users: dict[int, set[int]] = defaultdict(set)
    countries: dict[int, set[str]] = defaultdict(set)
    for tool_id, organisation_id, country in usages:
        users[tool_id].add(organisation_id)
        facts = organisations.get(organisation_id)
        where = country or (facts.country if facts else "")
        if where:
            countries[tool_id].add(where)
    candidates = [
        Candidate(
            kind=TOOL,
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            added_at=row["created_at"],
            topics=frozenset(row["topics"]),
            countries=frozenset(countries[row["id"]]),
            languages=frozenset(row["languages"]),
            organisations=frozenset(users[row["id"]]),
            usage_count=len(users[row["id"]]),
        )
        for row in tools
    ]
    for row in practices:
        used = frozenset(row["tools"])
        candidates.append(
            Candidate(
                kind=PRACTICE,
                id=row["id"],
                slug=row["slug"],
                title=row["title"],
                added_at=row["created_at"],
                topics=frozenset(row["topics"]),
                countries=frozenset({row["country"]} - {""}),
                organisations=frozenset({row["organisation_id"]} - {None}),
                tools=used,
                usage_count=max((len(users[tool]) for tool in used), default=0),
            )
        )
    kinds = {pk: facts.kind for pk, facts in organisations.items()}
    return CandidateData(
        index=build_index(candidates, kinds),
        organisations=organisations,
        tools_used=organisation_tool_sets([(tool, org) for tool, org, _country in usages]),
    )


def _related(through: Any, owner: str, other: str) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = defaultdict(list)
    for owner_id, other_id in through.objects.values_list(owner, other).iterator(chunk_size=5000):
        found[owner_id].append(other_id)
    return found


def load_candidates() -> CandidateData:
    """Read every tool, practice, usage and organisation (eight queries) and index them."""
    slugs = dict(Topic.objects.values_list("pk", "slug"))

    def topics(through: Any, owner: str) -> dict[int, list[str]]:
        related = _related(through, owner, "topic_id")
        return {pk: sorted(slugs[topic] for topic in ids) for pk, ids in related.items()}

    organisation_topics = topics(Organisation.topics.through, "organisation_id")
    organisations = {
        pk: OrganisationFacts(kind, country, frozenset(organisation_topics.get(pk, ())))
        for pk, kind, country in Organisation.objects.values_list("pk", "kind", "country")
    }
    tool_topics = topics(Tool.topics.through, "tool_id")
    tools = [
        {**row, "topics": tool_topics.get(row["id"], [])}
        for row in Tool.objects.values("id", "slug", "created_at", "languages", title=F("name"))
    ]
    practice_topics = topics(Practice.topics.through, "practice_id")
    practice_tools = _related(Practice.tools.through, "practice_id", "tool_id")
    practices = [
        {**row, "topics": practice_topics.get(row["id"], []), "tools": practice_tools[row["id"]]}
        for row in Practice.objects.values(
            "id", "slug", "title", "country", "organisation_id", "created_at"
        )
    ]
    usages = list(Usage.objects.values_list("tool_id", "organisation_id", "country"))
    return assemble(organisations=organisations, tools=tools, practices=practices, usages=usages)


_lock = threading.Lock()
_cache: dict[str, Any] = {}


#: How often, at most, each process reads the latest change of the tables (a full scan).
FULL_CHECK_SECONDS = 30
#: Bumped by the usage services after each commit, so every process reloads at once.
VERSION_KEY = "toolbox:recommender:version"


def _tables() -> list[tuple[str, bool]]:
    """The tables the candidates come from, and whether they have an `updated_at` column."""
    models: list[tuple[Any, bool]] = [
        (Tool, True),
        (Practice, True),
        (Usage, True),
        (Organisation, True),
        (Tool.topics.through, False),
        (Practice.topics.through, False),
        (Practice.tools.through, False),
        (Organisation.topics.through, False),
    ]
    return [(model._meta.db_table, stamped) for model, stamped in models]


def _aggregates(columns: list[tuple[str, str]]) -> tuple[str, ...]:
    quote = connection.ops.quote_name
    # Only table names taken from the models go into this SQL, never a value from a request.
    parts = [f"(SELECT {column} FROM {quote(table)})" for table, column in columns]  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return tuple(str(value) for value in row)


def data_stamp() -> tuple[Any, ...]:
    """A fingerprint of the tables the candidates come from.

    Every request reads the row count and the largest id of each table (cheap: any insert or
    delete changes them) and the version the usage services bump. The latest `updated_at` of
    the four main tables (a full scan) is read again at most every FULL_CHECK_SECONDS by each
    process, so an edit in place of a tool, practice or organisation shows within that time;
    the cache is emptied between tests, so each test reads it again.
    """
    tables = _tables()
    cheap = [(table, column) for table, _s in tables for column in ("COUNT(*)", "MAX(id)")]
    checked_key = f"toolbox:recommender:checked:{os.getpid()}:{connection.alias}"
    latest = cache.get(checked_key)
    if latest is None:
        stamped = [(table, "MAX(updated_at)") for table, is_stamped in tables if is_stamped]
        values = _aggregates(cheap + stamped)
        latest = values[len(cheap) :]
        cache.set(checked_key, latest, FULL_CHECK_SECONDS)
        counts = values[: len(cheap)]
    else:
        counts = _aggregates(cheap)
    return (connection.alias, cache.get(VERSION_KEY, 0), *counts, *latest)


def data_changed() -> None:
    """Tell every process to reload the candidates (after a usage changed)."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def candidate_data() -> CandidateData:
    """The indexed candidates, loaded again only when the stamp changed."""
    stamp = data_stamp()
    with _lock:
        if _cache.get("stamp") == stamp:
            cached: CandidateData = _cache["data"]
            return cached
    data = load_candidates()
    with _lock:
        _cache.update(stamp=stamp, data=data)
    return data


# --- profiles -------------------------------------------------------------------------------


def organisation_profile(
    data: CandidateData, organisation_id: int, *, languages: frozenset[str] = frozenset()
) -> Profile:
    """An organisation's profile from its public facts; languages are the reader's (an
    organisation has none of its own)."""
    facts = data.organisations.get(organisation_id)
    if facts is None:
        return Profile(languages=languages)
    return Profile(
        topics=facts.topics,
        countries=frozenset({facts.country} - {""}),
        kinds=frozenset({facts.kind}),
        languages=languages,
        tools_used=data.tools_used.get(organisation_id, frozenset()),
    )


def person_profile(data: CandidateData, user: Any) -> Profile:
    """A person's profile: their topics (their organisations' when they chose none), languages,
    and the countries, kinds and tools of the organisations they are an active member of."""
    memberships = Membership.objects.active().filter(user=user)
    organisation_ids = list(memberships.values_list("organisation_id", flat=True))
    organisations = [data.organisations[pk] for pk in organisation_ids if pk in data.organisations]
    own_topics = frozenset(user.topics.values_list("slug", flat=True))
    tools = frozenset().union(*(data.tools_used.get(pk, frozenset()) for pk in organisation_ids))
    return Profile(
        topics=own_topics or frozenset().union(*(facts.topics for facts in organisations)),
        countries=frozenset(facts.country for facts in organisations) - {""},
        kinds=frozenset(facts.kind for facts in organisations),
        languages=frozenset(user.languages or ()),
        tools_used=tools,
    )


def settings_for(user: Any) -> RecommenderSettings:
    """The person's saved settings, or unsaved defaults (personal, default weights)."""
    if not getattr(user, "is_authenticated", False):
        return RecommenderSettings(personalised=False, weights={})
    found = RecommenderSettings.objects.filter(user=user).first()
    return found or RecommenderSettings(user=user, personalised=True, weights={})


def saved_weights(found: RecommenderSettings) -> dict[str, float]:
    """The stored weights still valid for this version of the recommender."""
    return {
        name: float(value)
        for name, value in (found.weights or {}).items()
        if name in DEFAULT_WEIGHTS
        and isinstance(value, int | float)
        and MIN_WEIGHT <= value <= MAX_WEIGHT
    }


def member_organisations(user: Any) -> list[Organisation]:
    """The organisations the person is an active member of, by name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACTIVE
        ).order_by("sort_name", "pk")
    )


def recommendations_for(
    *,
    user: Any,
    organisation: Organisation | None = None,
    weights: dict[str, float] | None = None,
    personalised: bool = True,
    limit: int | None = None,
    now: datetime | None = None,
) -> RecommendationList:
    """The list for a person, or for one of their organisations (the caller checked that they
    belong to it). Not personalised for anonymous visitors or when `personalised` is False."""
    data = candidate_data()
    profile: Profile | None = None
    if personalised and getattr(user, "is_authenticated", False):
        if organisation is not None:
            languages = frozenset(user.languages or ())
            profile = organisation_profile(data, organisation.pk, languages=languages)
        else:
            profile = person_profile(data, user)
    return recommend(data.index, profile, weights=weights, now=now or timezone.now(), limit=limit)


def organisation_exists(*, slug: str) -> bool:
    return Organisation.objects.filter(slug=slug).exists()


def candidate_get(*, kind: str, pk: int) -> Candidate | None:
    """A tool or practice among the indexed candidates, or None."""
    for candidate in candidate_data().index.candidates:
        if candidate.kind == kind and candidate.id == pk:
            return candidate
    return None

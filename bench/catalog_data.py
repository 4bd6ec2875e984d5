"""Generated toolbox catalog for the benchmark: 10,000 tools and 10,000 practices with topics,
languages, licences, search entries, and the usages of 1,000 organisations across 40 countries,
so that every facet of the catalog pages has many options to count.

`ensure_catalog()` is called by `bench/data.py prepare` and does nothing when the generated
tools are already there. Rows are written with bulk_create; each tool's `usage_count` matches its
usage rows. Anyone needing a big catalog (the recommender's row) can call it too.
"""

import random
from datetime import date, timedelta
from typing import Any

TOOLS = 10_000
PRACTICES = 10_000
ORGANISATIONS = 1_000
BATCH = 2_000
SLUG_PREFIX = "bench-tool-"
COUNTRIES = [
    "FR",
    "ES",
    "DE",
    "IT",
    "PT",
    "BE",
    "NL",
    "GB",
    "IE",
    "US",
    "CA",
    "MX",
    "BR",
    "AR",
    "CL",
    "CO",
    "PE",
    "KE",
    "NG",
    "ZA",
    "GH",
    "SN",
    "MA",
    "TN",
    "IN",
    "ID",
    "PH",
    "KR",
    "JP",
    "AU",
    "NZ",
    "UA",
    "PL",
    "RO",
    "GR",
    "SE",
    "NO",
    "FI",
    "DK",
    "EE",
    "LT",
]
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ar", "sw", "id", "uk")
LICENCES = ("AGPL-3.0-or-later", "MIT", "GPL-3.0-only", "Apache-2.0", "MPL-2.0", "")
MATURITIES = ("idea", "prototype", "in_use", "mature", "retired")
KINDS = ("ngo", "public_service", "school", "university", "government_body", "informal_group")
LEVELS = ("local", "regional", "national", "international")
WORDS = [
    "budget",
    "participation",
    "open",
    "data",
    "transparency",
    "petition",
    "mapping",
    "survey",
    "lobbying",
    "register",
    "contracting",
    "court",
    "archive",
    "voting",
    "deliberation",
    "feedback",
    "procurement",
    "integrity",
]


def _organisations(chance: random.Random) -> list[Any]:
    from pnyx.orgs.algorithms import name_sort_key
    from pnyx.orgs.models import Organisation

    rows = []
    for n in range(ORGANISATIONS):
        name = f"Bench organisation {n}"
        rows.append(
            Organisation(
                name=name,
                slug=f"bench-catalog-org-{n}",
                sort_name=name_sort_key(name),
                kind=chance.choice(KINDS),
                country=chance.choice(COUNTRIES),
            )
        )
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def _text(chance: random.Random, count: int) -> str:
    return " ".join(chance.choice(WORDS) for _ in range(count))


def _tools(chance: random.Random, topics: list[Any]) -> list[Any]:
    from pnyx.toolbox.models import Tool

    rows = []
    for n in range(TOOLS):
        licence = chance.choice(LICENCES)
        rows.append(
            Tool(
                slug=f"{SLUG_PREFIX}{n}",
                name=f"Tool {n} for {_text(chance, 2)}",
                summary=f"Helps with {_text(chance, 6)}.",
                description=_text(chance, 40),
                licence=licence,
                open_source=bool(licence),
                languages=chance.sample(LANGUAGES, chance.randint(1, 3)),
                maturity=chance.choice(MATURITIES),
            )
        )
    tools = Tool.objects.bulk_create(rows, batch_size=BATCH)
    through = Tool.topics.through
    links = [
        through(tool_id=tool.pk, topic_id=topic.pk)
        for tool in tools
        for topic in chance.sample(topics, chance.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return tools


def _usages(chance: random.Random, tools: list[Any], organisations: list[Any]) -> None:
    from pnyx.toolbox.models import Tool, Usage

    rows = []
    for tool in tools:
        users = chance.sample(organisations, chance.choice((0, 0, 1, 2, 3, 5, 8)))
        tool.usage_count = len(users)
        tool.rating_count = chance.randint(0, len(users))
        tool.rating_total = sum(chance.randint(1, 5) for _ in range(tool.rating_count))
        rows += [Usage(organisation=o, tool=tool, purpose="Daily work") for o in users]
    Usage.objects.bulk_create(rows, batch_size=BATCH)
    fields = ["usage_count", "rating_count", "rating_total"]
    Tool.objects.bulk_update(tools, fields, batch_size=BATCH)


def _practices(chance: random.Random, topics: list[Any], organisations: list[Any]) -> list[Any]:
    from pnyx.toolbox.models import Practice

    start = date(2010, 1, 1)
    rows = [
        Practice(
            slug=f"bench-practice-{n}",
            title=f"Practice {n}: {_text(chance, 3)}",
            summary=f"How a team worked on {_text(chance, 5)}.",
            description=_text(chance, 60),
            country=chance.choice(COUNTRIES),
            level=chance.choice(LEVELS),
            organisation=chance.choice(organisations) if n % 3 else None,
            started_on=start + timedelta(days=chance.randint(0, 5000)) if n % 4 else None,
        )
        for n in range(PRACTICES)
    ]
    practices = Practice.objects.bulk_create(rows, batch_size=BATCH)
    through = Practice.topics.through
    links = [
        through(practice_id=practice.pk, topic_id=topic.pk)
        for practice in practices
        for topic in chance.sample(topics, chance.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return practices


def _index(tools: list[Any], practices: list[Any]) -> None:
    from pnyx.core.models import SearchEntry

    entries = [
        SearchEntry(
            kind="toolbox.tool",
            object_id=str(t.pk),
            title=t.name,
            body=f"{t.summary}\n{t.description}",
        )
        for t in tools
    ]
    entries += [
        SearchEntry(
            kind="toolbox.practice",
            object_id=str(p.pk),
            title=p.title,
            body=f"{p.summary}\n{p.description}",
        )
        for p in practices
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)


def ensure_catalog() -> dict[str, int]:
    """Create the generated catalog once per database; the numbers of tools and practices."""
    from django.db import transaction

    from pnyx.core.models import Topic
    from pnyx.toolbox.models import Practice, Tool

    if not Tool.objects.filter(slug=f"{SLUG_PREFIX}0").exists():
        chance = random.Random(20_000)  # noqa: S311 - deterministic data, not security
        with transaction.atomic():
            topics = list(Topic.objects.all())
            organisations = _organisations(chance)
            tools = _tools(chance, topics)
            _usages(chance, tools, organisations)
            practices = _practices(chance, topics, organisations)
            _index(tools, practices)
    return {"tools": Tool.objects.count(), "practices": Practice.objects.count()}

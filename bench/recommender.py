"""Time of the recommender's API (`GET /api/v1/me/recommendations?organisation=ID`) for one
organisation over 10,000 tools and practices and 5,000 organisations.

    .venv/bin/python -m bench.recommender          # one line for the notes of `make bench`
    .venv/bin/python -m bench.recommender --one    # in the prepared process: JSON on stdout

The data are generated into their own temporary SQLite database (migrated first) with
bulk_create: 6,000 tools and 4,000 practices with two or three of 12 topics each, 5,000
organisations of six kinds in 30 countries, each using up to eight tools (about 20,000 usages),
and the practices' tools. Each request goes through the whole Django stack (middleware, token
authentication, the JSON body) in-process; the first request, which loads and indexes the
candidates, is reported apart from the median of the following ones.
"""

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOOLS = 6_000
PRACTICES = 4_000
ORGANISATIONS = 5_000
MAX_USAGES = 8
REQUESTS = 50
WARMUP = 5
BATCH = 2_000
SEED = 3
COUNTRIES = [
    "FR",
    "DE",
    "ES",
    "IT",
    "PT",
    "BE",
    "NL",
    "GB",
    "PL",
    "RO",
    "SE",
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
    "SN",
    "MA",
    "IN",
    "ID",
    "PH",
    "JP",
    "AU",
    "NZ",
]
KINDS = ("ngo", "public_service", "school", "university", "government_body", "informal_group")
TOPICS = 12


def _seed(rng: random.Random) -> tuple[Any, Any]:
    """Write the catalog, the organisations and their usages; the measured organisation and
    the token of one of its administrators."""
    from django.utils import timezone

    from pnyx.accounts.models import ApiToken, User, hash_token, new_token_value
    from pnyx.core.models import Topic
    from pnyx.orgs.algorithms import name_sort_key
    from pnyx.orgs.models import Membership, MembershipStatus, Organisation, Role
    from pnyx.toolbox.models import Practice, Tool, Usage

    topics = [Topic.objects.get_or_create(slug=f"bench-topic-{n}")[0] for n in range(TOPICS)]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Recommender org {n}",
                slug=f"recommender-org-{n}",
                sort_name=name_sort_key(f"Recommender org {n}"),
                kind=rng.choice(KINDS),
                country=rng.choice(COUNTRIES),
            )
            for n in range(ORGANISATIONS)
        ],
        batch_size=BATCH,
    )
    organisation_links = Organisation.topics.through
    organisation_links.objects.bulk_create(
        [
            organisation_links(organisation_id=org.pk, topic_id=topic.pk)
            for org in organisations
            for topic in rng.sample(topics, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    now = timezone.now()
    tools = Tool.objects.bulk_create(
        [
            Tool(
                slug=f"recommender-tool-{n}",
                name=f"Recommender tool {n}",
                summary="Generated for the recommender's benchmark.",
                languages=rng.sample(["en", "fr", "es", "pt", "de"], rng.randint(1, 3)),
            )
            for n in range(TOOLS)
        ],
        batch_size=BATCH,
    )
    tool_topic_links = Tool.topics.through
    tool_topic_links.objects.bulk_create(
        [
            tool_topic_links(tool_id=tool.pk, topic_id=topic.pk)
            for tool in tools
            for topic in rng.sample(topics, rng.randint(2, 3))
        ],
        batch_size=BATCH,
    )
    usages = [
        Usage(organisation=org, tool=tool, purpose="Daily work", country="")
        for org in organisations
        for tool in rng.sample(tools, rng.randint(0, MAX_USAGES))
    ]
    Usage.objects.bulk_create(usages, batch_size=BATCH)
    counts: dict[int, int] = {}
    for usage in usages:
        counts[usage.tool_id] = counts.get(usage.tool_id, 0) + 1
    for tool in tools:
        tool.usage_count = counts.get(tool.pk, 0)
    Tool.objects.bulk_update(tools, ["usage_count"], batch_size=BATCH)
    Tool.objects.filter(pk__in=[t.pk for t in tools[::3]]).update(
        created_at=now - timedelta(days=400)
    )
    practices = Practice.objects.bulk_create(
        [
            Practice(
                slug=f"recommender-practice-{n}",
                title=f"Recommender practice {n}",
                summary="Generated for the recommender's benchmark.",
                description="Generated.",
                country=rng.choice(COUNTRIES),
                organisation=rng.choice(organisations) if n % 2 else None,
            )
            for n in range(PRACTICES)
        ],
        batch_size=BATCH,
    )
    topic_links = Practice.topics.through
    topic_links.objects.bulk_create(
        [
            topic_links(practice_id=practice.pk, topic_id=topic.pk)
            for practice in practices
            for topic in rng.sample(topics, rng.randint(2, 3))
        ],
        batch_size=BATCH,
    )
    tool_links = Practice.tools.through
    tool_links.objects.bulk_create(
        [
            tool_links(practice_id=practice.pk, tool_id=tool.pk)
            for practice in practices
            for tool in rng.sample(tools, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    used_by: dict[int, int] = {}
    for usage in usages:
        used_by[usage.organisation_id] = used_by.get(usage.organisation_id, 0) + 1
    measured = next(org for org in organisations if used_by.get(org.pk, 0) >= MAX_USAGES // 2)
    person = User.objects.create(email="recommender@bench.invalid", display_name="Bench")
    Membership.objects.create(
        organisation=measured, user=person, role=Role.ADMIN, status=MembershipStatus.ACTIVE
    )
    raw = new_token_value()
    ApiToken.objects.create(user=person, name="bench", prefix=raw[:12], key_hash=hash_token(raw))
    return measured, raw


def measure_one() -> dict[str, Any]:
    """Seed, then time the API in this process (Django set up from the environment)."""
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from pnyx.toolbox.recommender import recommend
    from pnyx.toolbox.selectors.recommendations import candidate_data, organisation_profile

    organisation, token = _seed(random.Random(SEED))
    client = Client(HTTP_HOST="127.0.0.1", headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/me/recommendations?organisation={organisation.pk}"

    def timed() -> float:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed

    first = timed()
    for _ in range(WARMUP):
        timed()
    times = sorted(timed() for _ in range(REQUESTS))
    data = candidate_data()
    profile = organisation_profile(data, organisation.pk)
    now = timezone.now()
    scoring = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        recommend(data.index, profile, now=now, limit=20)
        scoring.append((time.perf_counter() - started) * 1000)
    return {
        "items": len(data.index.candidates),
        "organisations": len(data.organisations),
        "usages": sum(len(tools) for tools in data.tools_used.values()),
        "first_ms": round(first, 1),
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
        "scoring_ms": round(statistics.median(scoring), 1),
    }


def describe(result: dict[str, Any]) -> str:
    return (
        f"recommendations for one organisation over {result['items']:,} tools and practices "
        f"and {result['organisations']:,} organisations ({result['usages']:,} usages): "
        f"{result['median_ms']} ms per request (median of {REQUESTS}, p90 "
        f"{result['p90_ms']} ms; scoring alone {result['scoring_ms']} ms); the first request, "
        f"which loads and indexes the candidates, {result['first_ms']} ms"
    )


def report_line(progress: Callable[[str], None]) -> str:
    """Prepare a temporary database, run `measure_one` in a fresh process, describe it."""
    from bench import server

    var_dir = Path(tempfile.mkdtemp(prefix="pnyx-bench-recommender-"))
    try:
        env = server.production_environment(var_dir, None)
        progress("Recommender: migrating a temporary database and generating its data ...")
        server.migrate(env)
        command = [sys.executable, "-m", "bench.recommender", "--one"]
        finished = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    if finished.returncode != 0:
        return f"recommendations: failed ({finished.stderr.strip().splitlines()[-1:]})"
    return describe(json.loads(finished.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--one", action="store_true", help="measure in this process")
    options = parser.parse_args(argv)
    if options.one:
        print(json.dumps(measure_one()))
        return 0
    print(report_line(lambda message: print(message, file=sys.stderr, flush=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

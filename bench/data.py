"""Generated data for the consultation rows of the benchmark; run before the server starts.

    python -m bench.data prepare VAR_DIR   # prints a JSON object: proposition id, vote script
    python -m bench.data check             # prints the counter drift of the vote process

`prepare` creates (once per database) a consultation in its voting phase with 10,000 propositions
and about 100,000 support votes from 200 people, one proposition with 50 comments, and a second,
agree/disagree consultation whose 100 propositions the vote row of the benchmark votes on, with
500 people holding API tokens. Rows are written with bulk_create and the counters are set to
match the rows, so `check` finds no drift before the vote run and must find none after it.
"""

import json
import os
import random
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import django

PROCESS_SLUG = "bench-10000"
VOTE_PROCESS_SLUG = "bench-votes"
PROPOSITIONS = 10_000
VOTERS = 200
VOTE_PROPOSITIONS = 100
VOTE_PEOPLE = 500
COMMENTS = 50
BATCH = 2_000


def _people(prefix: str, count: int) -> list[Any]:
    from allauth.account.models import EmailAddress

    from pnyx.accounts.models import User

    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{n}@bench.invalid", display_name=f"{prefix} {n}", is_active=True)
            for n in range(count)
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    return users


def _process(slug: str, vote_mode: str, organisation: Any) -> Any:
    from django.utils import timezone

    from pnyx.participation.models import Phase, PhaseKind, Process, ProcessStatus, Question

    now = timezone.now()
    process = Process.objects.create(
        organisation=organisation,
        title=f"Benchmark consultation {slug}",
        slug=slug,
        summary="Generated for make bench.",
        status=ProcessStatus.PUBLISHED,
        published_at=now,
        vote_mode=vote_mode,
    )
    Phase.objects.create(
        process=process,
        kind=PhaseKind.VOTING,
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=365),
    )
    Question.objects.create(process=process, title="What should we change first?")
    return process


def _propositions(process: Any, count: int, author: Any) -> list[Any]:
    from django.utils import timezone

    from pnyx.participation.models import Proposition

    now = timezone.now()
    question = process.questions.get()
    rows = [
        Proposition(
            process=process,
            question=question,
            author=author,
            title=f"Generated proposition number {n}",
            body="A proposition written by the benchmark data generator. **Markdown** works.",
            created_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    ]
    return Proposition.objects.bulk_create(rows, batch_size=BATCH)


def _support_votes(process: Any, propositions: list[Any], voters: list[Any]) -> None:
    """Each proposition gets 0..20 supports from distinct people; counters match the rows."""
    from pnyx.participation.models import Participant, Proposition, Vote

    chance = random.Random(10_000)  # noqa: S311 - deterministic data, not security
    votes, per_person = [], dict.fromkeys((v.pk for v in voters), 0)
    for proposition in propositions:
        chosen = chance.sample(voters, chance.randint(0, 20))
        proposition.support_count = len(chosen)
        for person in chosen:
            votes.append(Vote(proposition=proposition, user=person, value="support"))
            per_person[person.pk] += 1
    Vote.objects.bulk_create(votes, batch_size=BATCH)
    Proposition.objects.bulk_update(propositions, ["support_count"], batch_size=BATCH)
    participants = [
        Participant(process=process, user_id=pk, vote_count=n) for pk, n in per_person.items()
    ]
    Participant.objects.bulk_create(participants)
    process.participant_count = len(participants)


def _comments(proposition: Any, people: list[Any]) -> None:
    from pnyx.participation.models import Comment, Proposition

    Comment.objects.bulk_create(
        [
            Comment(proposition=proposition, author=people[n % len(people)], body=f"Comment {n}.")
            for n in range(COMMENTS)
        ]
    )
    Proposition.objects.filter(pk=proposition.pk).update(comment_count=COMMENTS)


def _tokens(people: list[Any]) -> list[str]:
    from pnyx.accounts.models import ApiToken, hash_token, new_token_value

    raws = [new_token_value() for _ in people]
    ApiToken.objects.bulk_create(
        [
            ApiToken(user=u, name="bench", prefix=raw[:12], key_hash=hash_token(raw))
            for u, raw in zip(people, raws, strict=True)
        ]
    )
    return raws


def _vote_script(var_dir: Path, proposition_ids: list[int], tokens: list[str]) -> Path:
    """A wrk script: each request is a PUT by the next person on the next proposition, cycling
    agree/disagree/pass so that (almost) every request changes a stored vote."""
    script = var_dir / "vote.lua"
    lines = [
        "local tokens = {" + ",".join(json.dumps(t) for t in tokens) + "}",
        "local ids = {" + ",".join(str(i) for i in proposition_ids) + "}",
        'local values = {"agree", "disagree", "pass"}',
        "local n = 0",
        "local threads = 0",
        "function setup(thread)",
        '  thread:set("start", threads * 7919)',
        "  threads = threads + 1",
        "end",
        "function init(args)",
        "  n = start or 0",
        "end",
        'wrk.method = "PUT"',
        'wrk.headers["Content-Type"] = "application/json"',
        "request = function()",
        "  n = n + 1",
        "  local t = tokens[(n % #tokens) + 1]",
        "  local id = ids[(math.floor(n / #tokens) % #ids) + 1]",
        "  local v = values[(math.floor(n / 7) % 3) + 1]",
        '  wrk.headers["Authorization"] = "Bearer " .. t',
        '  return wrk.format(nil, "/api/v1/propositions/" .. id .. "/vote", nil,',
        "    '{\"value\": \"' .. v .. '\"}')",
        "end",
    ]
    script.write_text("\n".join(lines) + "\n")
    return script


def prepare(var_dir: Path) -> dict[str, Any]:
    from django.db import transaction

    from pnyx.orgs.models import Organisation
    from pnyx.participation.models import Process

    existing = Process.objects.filter(slug=PROCESS_SLUG).first()
    if existing is not None:
        return {"proposition": existing.propositions.order_by("-support_count", "-id")[0].pk}
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Bench organisation", slug="bench-org")
        voters = _people("voter", VOTERS)
        process = _process(PROCESS_SLUG, "support", organisation)
        propositions = _propositions(process, PROPOSITIONS, voters[0])
        _support_votes(process, propositions, voters)
        process.proposition_count = PROPOSITIONS
        process.save(update_fields=["participant_count", "proposition_count"])
        process.questions.update(proposition_count=PROPOSITIONS)
        process.participants.filter(user=voters[0]).update(proposition_count=PROPOSITIONS)
        _comments(propositions[0], voters)
        vote_process = _process(VOTE_PROCESS_SLUG, "agree_disagree", organisation)
        targets = _propositions(vote_process, VOTE_PROPOSITIONS, voters[0])
        Process.objects.filter(pk=vote_process.pk).update(proposition_count=VOTE_PROPOSITIONS)
        vote_process.questions.update(proposition_count=VOTE_PROPOSITIONS)
        tokens = _tokens(_people("citizen", VOTE_PEOPLE))
    script = _vote_script(var_dir, [p.pk for p in targets], tokens)
    return {"proposition": propositions[0].pk, "vote_script": str(script)}


def check() -> dict[str, Any]:
    from pnyx.participation.models import Process, Vote
    from pnyx.participation.selectors.propositions import counter_drift

    process = Process.objects.get(slug=VOTE_PROCESS_SLUG)
    drift = counter_drift(process)
    votes = Vote.objects.filter(proposition__process=process).count()
    return {"votes": votes, "drift": [f"{d.counter}: {d.stored} ≠ {d.counted}" for d in drift]}


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    if argv[:1] == ["prepare"] and len(argv) == 2:
        from bench.catalog_data import ensure_catalog

        answer = prepare(Path(argv[1]))
        answer["catalog"] = ensure_catalog()
        print(json.dumps(answer))
        return 0
    if argv[:1] == ["check"]:
        print(json.dumps(check()))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def run_prepare(env: dict[str, str], var_dir: Path) -> dict[str, Any]:
    """Run `prepare` in a child process with the benchmark's environment (the harness itself
    never imports Django settings); an empty answer when it fails, with the reason."""
    import subprocess

    command = [sys.executable, "-m", "bench.data", "prepare", str(var_dir)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"bench/data.py failed: {last}"}
    answer: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def run_check(env: dict[str, str]) -> str:
    """The drift check after the vote row, as one line for the report."""
    import subprocess

    command = [sys.executable, "-m", "bench.data", "check"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        return "vote check failed: " + (result.stderr.strip().splitlines() or ["?"])[-1]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    drift = "; ".join(found["drift"]) or "none"
    return f"after the vote row: {found['votes']} votes stored, counter drift: {drift}"

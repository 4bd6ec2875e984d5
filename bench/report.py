"""The printed table and the JSON record of one benchmark run."""

import json
import os
import platform
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django

from bench.load import Measurement

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class PageResult:
    page: str
    measurement: Measurement
    ratio_to_bare: float


@dataclass
class Run:
    """Everything needed to read one run again later, including what could not be measured."""

    load_generator: str
    seconds: float
    warmup_seconds: float
    connections: int
    workers: int
    database: str
    demo_data: str
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    results: list[PageResult] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def table(run: Run) -> str:
    width = max([28, *(len(result.page) for result in run.results)])
    header = (
        f"{'page':<{width}} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} {'errors':>7}"
    )
    lines = [
        f"Load generator: {run.load_generator}; {run.connections} connections, "
        f"{run.seconds:g} s per page after {run.warmup_seconds:g} s of warm-up.",
        f"Server: `pnyx serve`, gunicorn sync, {run.workers} workers, production settings, "
        f"{run.database} database; demo data: {run.demo_data}.",
        "",
        header,
        "-" * len(header),
    ]
    for result in run.results:
        m = result.measurement
        lines.append(
            f"{result.page:<{width}} {m.requests_per_second:>9.1f} {m.p50_ms:>8.2f} "
            f"{m.p99_ms:>8.2f} {result.ratio_to_bare:>8.2f} {m.errors:>7}"
        )
    lines.extend(f"{page:<{width}} skipped: {reason}" for page, reason in run.skipped.items())
    lines.extend(f"Note: {note}" for note in run.notes)
    return "\n".join(lines)


def write_json(run: Run) -> Path:
    """Write the run to bench/results/<UTC timestamp>.json (the folder is git-ignored)."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{run.started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(as_record(run), indent=2) + "\n")
    return path


def as_record(run: Run) -> dict[str, Any]:
    return {
        "started_at": run.started_at.isoformat(timespec="seconds"),
        "load_generator": run.load_generator,
        "seconds_per_page": run.seconds,
        "warmup_seconds": run.warmup_seconds,
        "connections": run.connections,
        "server": f"pnyx serve (gunicorn sync, {run.workers} workers)",
        "database": run.database,
        "demo_data": run.demo_data,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "django": django.get_version(),
        "git": git_revision(),
        "pages": [page_record(result) for result in run.results],
        "skipped": run.skipped,
        "notes": run.notes,
    }


def page_record(result: PageResult) -> dict[str, Any]:
    m = result.measurement
    return {
        "page": result.page,
        "requests": m.requests,
        "requests_per_second": round(m.requests_per_second, 1),
        "p50_ms": round(m.p50_ms, 3),
        "p99_ms": round(m.p99_ms, 3),
        "ratio_to_bare": round(result.ratio_to_bare, 3),
        "errors": m.errors,
    }


def git_revision() -> str:
    """The commit measured, marked "+changes" when the working tree differs from it."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")

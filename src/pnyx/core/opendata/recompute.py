"""Recomputing every published output from an export and comparing, item by item.

The published items are read from `algorithm-results.json`, each run's parameters from
`algorithm-runs.json`; each registered output recomputes its runs from the other files only.
Positions and groups must match exactly; scores to a relative 1e-9, so that a recompute on
another machine, whose floating-point library may round a power differently in the last bit,
still agrees.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pnyx.core.opendata import registry
from pnyx.core.opendata.reader import ExportedPackage
from pnyx.core.opendata.registry import OutputItem

SCORE_TOLERANCE = 1e-9
ABSENT = "absent"
PRESENT = "present"
#: Problems of a run after which its items are not compared: another algorithm computed them.
INCOMPARABLE = frozenset({"algorithm", "version"})


@dataclass(frozen=True)
class Difference:
    """One disagreement between what was published and what the export recomputes to."""

    output: str
    scope: str
    item: str
    field: str
    published: Any
    recomputed: Any


@dataclass
class OutputReport:
    """How one output fared: runs and items compared, and its differences."""

    output: str
    runs: int = 0
    items: int = 0
    differences: list[Difference] = field(default_factory=list)


@dataclass
class RecomputeReport:
    outputs: list[OutputReport]

    @property
    def differences(self) -> list[Difference]:
        return [difference for report in self.outputs for difference in report.differences]

    @property
    def ok(self) -> bool:
        return not self.differences


def _same_score(published: float | None, recomputed: float | None) -> bool:
    if published is None or recomputed is None:
        return published is recomputed
    return math.isclose(published, recomputed, rel_tol=SCORE_TOLERANCE, abs_tol=1e-12)


def compare_items(
    output: str, scope: str, published: dict[str, OutputItem], recomputed: Iterable[OutputItem]
) -> tuple[int, list[Difference]]:
    """Compare a run's items; returns how many were compared and every difference."""
    differences = []
    seen = set()
    for item in recomputed:
        seen.add(item.item)
        shown = published.get(item.item)
        if shown is None:
            differences.append(Difference(output, scope, item.item, "item", ABSENT, PRESENT))
            continue
        if shown.position != item.position:
            differences.append(
                Difference(output, scope, item.item, "position", shown.position, item.position)
            )
        if not _same_score(shown.score, item.score):
            differences.append(
                Difference(output, scope, item.item, "score", shown.score, item.score)
            )
        if shown.group != item.group:
            differences.append(
                Difference(output, scope, item.item, "group", shown.group, item.group)
            )
    for missing in sorted(set(published) - seen):
        differences.append(Difference(output, scope, missing, "item", PRESENT, ABSENT))
    return len(seen | set(published)), differences


def _published_items(package: ExportedPackage) -> dict[tuple[str, str], dict[str, OutputItem]]:
    items: dict[tuple[str, str], dict[str, OutputItem]] = defaultdict(dict)
    for row in package.rows(registry.RESULTS):
        items[(row["output"], row["scope"])][row["item"]] = OutputItem(
            row["item"], row["position"], row["score"], row["group"]
        )
    return items


def _run_problems(run: dict[str, Any], shown: dict[str, OutputItem]) -> list[Difference]:
    """What is wrong with a run before its items are compared: an unknown output, another
    version of the algorithm, an item count that does not match its rows."""
    name, scope = run["output"], run["scope"]
    output = registry.get_output(name)
    if output is None:
        return [Difference(name, scope, "*", "output", name, "not known to this Pnyx")]
    problems = []
    if run["algorithm"] != output.algorithm_id:
        problems.append(
            Difference(name, scope, "*", "algorithm", run["algorithm"], output.algorithm_id)
        )
    if run["version"] != output.version:
        problems.append(Difference(name, scope, "*", "version", run["version"], output.version))
    if run["item_count"] != len(shown):
        problems.append(Difference(name, scope, "*", "item_count", run["item_count"], len(shown)))
    return problems


def recompute(directory: Path) -> RecomputeReport:
    """Recompute every run of the export in `directory` and compare it with what it published.

    Raises `UnreadableExport` when a file is missing or unreadable. Never touches the database.
    """
    package = ExportedPackage(directory)
    published = _published_items(package)
    reports: dict[str, OutputReport] = {}
    for run in package.rows(registry.RUNS):
        name, scope = run["output"], run["scope"]
        report = reports.setdefault(name, OutputReport(name))
        report.runs += 1
        shown = published.pop((name, scope), {})
        problems = _run_problems(run, shown)
        report.differences.extend(problems)
        output = registry.get_output(name)
        if output is None or any(problem.field in INCOMPARABLE for problem in problems):
            continue
        items = output.recompute(package, scope, run["parameters"])
        compared, differences = compare_items(name, scope, shown, items)
        report.items += compared
        report.differences.extend(differences)
    for (name, scope), orphans in sorted(published.items()):
        report = reports.setdefault(name, OutputReport(name))
        report.differences.append(
            Difference(name, scope, "*", "run", f"{len(orphans)} items, no run", ABSENT)
        )
    return RecomputeReport(outputs=sorted(reports.values(), key=lambda report: report.output))

"""The opinion groups part of the results page: an SVG map drawn on the server and its tables.

Each participant is a mark whose shape and colour both tell their group (a hollow dot: not
grouped), so the map reads without colour; the tables below it say everything the map shows.
A big consultation draws a fixed sample of its participants (`MAP_POINTS`) and says so.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from pnyx.participation.algorithms import GROUP_CONSENSUS, OPINION_GROUPS
from pnyx.participation.models import OpinionGroupsRun, Process
from pnyx.participation.selectors import opinion_groups as selectors

MAP_WIDTH = 480
MAP_HEIGHT = 360
MAP_MARGIN = 20
#: At most this many participants are drawn (a fixed sample): the page stays light.
MAP_POINTS = 1500
MAP_SEED = 7
#: The mark of each group, by label: shapes defined in participation/results_groups.html.
SHAPES = ("circle", "square", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class Mark:
    """A participant on the map: its centre, its group's shape and its class (group colour)."""

    x: float
    y: float
    shape: str
    css: str


@dataclass(frozen=True)
class GroupLabel:
    """A group's letter, drawn at its centre."""

    name: str
    x: float
    y: float


@dataclass(frozen=True)
class GroupMap:
    """The map ready for participation/results_groups.html."""

    width: int
    height: int
    marks: list[Mark]
    labels: list[GroupLabel]
    drawn: int
    placed: int


def _scale(points: Any) -> tuple[float, float, float]:
    """One scale for both axes (distances mean something) and the offsets that centre the
    points in the drawing."""
    low, high = points.min(axis=0), points.max(axis=0)
    width, height = (float(extent) or 1e-9 for extent in high - low)
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / width, (MAP_HEIGHT - 2 * MAP_MARGIN) / height)
    middle = (low + high) / 2
    return (
        scale,
        MAP_WIDTH / 2 - float(middle[0]) * scale,
        MAP_HEIGHT / 2 + float(middle[1]) * scale,
    )


def group_map(run: OpinionGroupsRun, groups: list[selectors.GroupShown]) -> GroupMap | None:
    """The map of a run's participants, or None when it keeps no positions."""
    import numpy as np  # loaded with the positions, only for pages that draw a map

    positions = selectors.run_positions(run=run)
    placed = len(positions.ids)
    if not placed:
        return None
    chosen = np.arange(placed)
    if placed > MAP_POINTS:
        chosen = np.sort(np.random.default_rng(MAP_SEED).choice(placed, MAP_POINTS, replace=False))
    points = positions.coordinates.astype(np.float64)
    scale, left, top = _scale(points)
    marks = []
    for index in chosen.tolist():
        group = int(positions.group_of[index])
        marks.append(
            Mark(
                x=round(left + float(points[index, 0]) * scale, 1),
                y=round(top - float(points[index, 1]) * scale, 1),
                shape=SHAPES[group] if group >= 0 else "none",
                css=f"group-mark group-{group}" if group >= 0 else "group-mark group-none",
            )
        )
    # The ungrouped first, so that the groups' marks are drawn over them.
    marks.sort(key=lambda mark: mark.shape != "none")
    labels = [
        GroupLabel(
            name=group.name,
            x=round(left + group.centre[0] * scale, 1),
            y=round(top - group.centre[1] * scale, 1),
        )
        for group in groups
    ]
    return GroupMap(MAP_WIDTH, MAP_HEIGHT, marks, labels, drawn=len(marks), placed=placed)


def groups_context(process: Process) -> dict[str, Any]:
    """What the results page's opinion groups section shows (nothing for support-only ones)."""
    shown = selectors.opinion_groups_shown(process=process)
    if not shown.applicable:
        return {"opinion_groups": None}
    run = shown.run
    silhouettes = [(int(k), value) for k, value in (run.silhouettes if run else {}).items()]
    return {
        "opinion_groups": shown,
        "groups_map": group_map(run, shown.groups) if run is not None and shown.groups else None,
        "group_shapes": [(group, SHAPES[group.label]) for group in shown.groups],
        "silhouettes": silhouettes,
        "groups_card_url": reverse(
            "transparency:algorithm-detail", kwargs={"slug": OPINION_GROUPS.slug}
        ),
        "consensus_card_url": reverse(
            "transparency:algorithm-detail", kwargs={"slug": GROUP_CONSENSUS.card.slug}
        ),
        "consensus_order_url": f"{process.get_absolute_url()}?order={GROUP_CONSENSUS.id}",
    }

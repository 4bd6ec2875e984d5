"""The opinion groups part of the results page: an SVG map drawn on the server and its tables.

Each participant is a mark whose shape and colour both tell their group (a hollow dot: not
grouped), so the map reads without colour; the tables below it say everything the map shows.
A big consultation draws a fixed sample of its participants (`MAP_POINTS`) and says so.

Each representative proposition links to the "why" page of its place in its group, and a
signed-in person who was grouped reads which group they are in, with a link to why; both links
are built without a query per item (the positions are decoded once, for the map and the person).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.urls import reverse

from pnyx.core import algorithms
from pnyx.participation.algorithms import GROUP_CONSENSUS, OPINION_GROUPS
from pnyx.participation.models import Process
from pnyx.participation.selectors import opinion_groups as selectors

if TYPE_CHECKING:
    from pnyx.participation.opinion_groups import Positions

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


def group_map(positions: "Positions", groups: list[selectors.GroupShown]) -> GroupMap | None:
    """The map of a run's participants, or None when it keeps no positions."""
    import numpy as np  # loaded with the positions, only for pages that draw a map

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


#: The query parameter of the "why" page that explains a person's own group.
ABOUT_PARTICIPANT = {"about": "participant"}


@dataclass(frozen=True)
class GroupTable:
    """A group with its representative propositions, each with the link to why it is one."""

    group: selectors.GroupShown
    rows: list[tuple[selectors.RepresentativeShown, str]]


@dataclass(frozen=True)
class OwnGroup:
    """The signed-in person's group in the latest run, and the link to why."""

    name: str
    why_url: str


def why_url_of() -> Callable[[int, dict[str, str]], str]:
    """The "why" URL of an item of the opinion groups with its query, reversed once for a whole
    page; empty when the algorithm has no explainer."""
    if algorithms.explainer(OPINION_GROUPS.id) is None:
        return lambda item, query: ""
    marker = 987654321987654321
    kwargs = {"slug": OPINION_GROUPS.slug, "item": marker}
    prefix, _, suffix = reverse("transparency:algorithm-why", kwargs=kwargs).partition(str(marker))
    return lambda item, query: f"{prefix}{item}{suffix}?{urlencode(query)}"


def group_tables(groups: list[selectors.GroupShown]) -> list[GroupTable]:
    why_url = why_url_of()
    return [
        GroupTable(
            group=group,
            rows=[
                (item, why_url(item.proposition.pk, {"group": group.name}))
                for item in group.representative
            ],
        )
        for group in groups
    ]


def own_group(process: Process, positions: "Positions", viewer: Any) -> OwnGroup | None:
    """The viewer's group when they were grouped in the run the positions come from."""
    participant_id = selectors.participant_id_of(process=process, user=viewer)
    if participant_id is None:
        return None
    found = positions.find(participant_id)
    if found is None or found[1] < 0:
        return None
    return OwnGroup(
        name=selectors.group_name(found[1]),
        why_url=why_url_of()(participant_id, ABOUT_PARTICIPANT),
    )


def groups_context(process: Process, viewer: Any) -> dict[str, Any]:
    """What the results page's opinion groups section shows (nothing for support-only ones)."""
    shown = selectors.opinion_groups_shown(process=process)
    if not shown.applicable:
        return {"opinion_groups": None}
    run = shown.run
    silhouettes = [(int(k), value) for k, value in (run.silhouettes if run else {}).items()]
    positions = selectors.run_positions(run=run) if run is not None and shown.groups else None
    return {
        "opinion_groups": shown,
        "groups_map": group_map(positions, shown.groups) if positions is not None else None,
        "own_group": own_group(process, positions, viewer) if positions is not None else None,
        "group_tables": group_tables(shown.groups),
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

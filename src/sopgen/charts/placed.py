"""A flow chart as placed by sopgen's swimlane layout, in plain records: what the editable exports draw from."""

from __future__ import annotations

from typing import NamedTuple

from sopgen.analysis.figures import Handoff
from sopgen.blueprints.model import Edge, FlowStep, Lane
from sopgen.charts.swimlanes import Band, Point


class Box(NamedTuple):
    """A rectangle in points, y downwards from the top of the first lane."""

    centre: Point
    size: tuple[float, float]

    @property
    def left(self) -> float:
        return self.centre[0] - self.size[0] / 2

    @property
    def top(self) -> float:
        return self.centre[1] - self.size[1] / 2

    @property
    def right(self) -> float:
        return self.centre[0] + self.size[0] / 2

    @property
    def bottom(self) -> float:
        return self.centre[1] + self.size[1] / 2


class PlacedLane(NamedTuple):
    lane: Lane
    band: Band
    kind: str  # its type, "person" or "system", localized


class PlacedStep(NamedTuple):
    """A step's box; `classes` are those of its SVG node: mode, critical-path, bottleneck or critical."""

    step: FlowStep
    box: Box
    classes: tuple[str, ...]
    badge: str | None  # "BOTTLENECK · 89 %", "CRITICAL · 90 %" …
    details: tuple[str, ...]  # "wait 6 h", "work 4 min", "load 80 %"


class PlacedEdge(NamedTuple):
    """An edge's route, out of its source's right side into its target's left side, through its label's box if it has one.

    `route` holds cubic Bézier points (1 + 3n), the last one on the target's border; `classes`
    are those of its SVG path: rework or critical-path, handoff, manual.
    """

    index: int
    edge: Edge
    handoff: Handoff | None
    classes: tuple[str, ...]
    route: tuple[Point, ...]
    label: tuple[str, ...]  # the rows of its label box: hand-off number, channel, the edge's own label as written
    label_box: Box | None


class PlacedEvent(NamedTuple):
    """A start mark before an entry step or an end mark after an exit step (BPMN's events), with its route."""

    kind: str  # "start" or "end"
    step: str  # the entry or exit step it belongs to
    lane: int
    box: Box
    route: tuple[Point, ...]


class LegendEntry(NamedTuple):
    """A legend sample (box, or arrow from `start` to `end`) and its words; `name` as in the SVG (legend-manual …)."""

    name: str
    lines: tuple[str, ...]
    box: Box
    arrow: tuple[float, float] | None = None


class PlacedFlow(NamedTuple):
    title: str
    summary: tuple[tuple[str, str], ...]  # (label, value): lead time, cycle efficiency, manual hand-offs, bottleneck
    lanes: tuple[PlacedLane, ...]
    steps: tuple[PlacedStep, ...]
    edges: tuple[PlacedEdge, ...]
    events: tuple[PlacedEvent, ...]
    head_width: float  # lane heads take 0 … head_width
    right: float  # of the lanes
    legend: tuple[LegendEntry, ...]
    legend_top: float
    legend_height: float
    legend_right: float

    @property
    def bottom(self) -> float:
        return self.lanes[-1].band.bottom if self.lanes else 0.0

"""A flow chart as placed by sopgen's swimlane layout, in plain records: what the editable exports draw from."""

from __future__ import annotations

from typing import Any, NamedTuple

from sopgen.analysis.figures import Handoff
from sopgen.blueprints.model import Edge, FlowStep, Lane
from sopgen.charts.swimlanes import Band, Point
from sopgen.charts.theme import LANE_HEAD_POINTS, LANE_TYPE_LABELS


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


def placement_of(chart: Any) -> PlacedFlow:
    """What a chart's place() placed, as plain records: boxes and routes in points, y downwards from the top of the first lane."""
    placed, _ = chart.placed, chart._

    def box(name: str) -> Box:
        return Box(placed.centres[name], placed.sizes[name])

    def route(*names: str) -> tuple[tuple[float, float], ...]:
        """The pieces joined by straight segments (across a label's box, on to the arrow's tip), as one Bézier path."""
        points = list(placed.routes[names[0]].points)
        ends = [placed.routes[name].points[0] for name in names[1:]]
        tip = placed.routes[names[-1]].tip
        for index, end in enumerate([*ends, *([tip] if tip is not None else [])]):
            (x0, y0), (x1, y1) = points[-1], end
            points += [(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3), (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), end]
            if index < len(ends):
                points += placed.routes[names[index + 1]].points[1:]
        return tuple(points)

    steps = tuple(
        PlacedStep(step, box(chart.step_ids[step.id]), tuple(chart._step_classes(step)), badge[0] if (badge := chart._badge_of(step)) else None, tuple(chart._details(step, badge)))
        for step in chart.flow.steps
    )
    edges = []
    for index, edge in enumerate(chart.flow.edges):
        handoff = chart.handoffs.get((edge.from_step, edge.to_step))
        waypoint = chart.waypoints.get(index)
        lines = [" ".join(row.lines) for row in waypoint[1].rows] if waypoint else []
        if edge.label:  # its own row comes last, wrapped for the chart: the exports take it as written
            lines[-1] = edge.label
        names = (f"edge{index}-1", f"edge{index}-2") if waypoint else (f"edge{index}",)
        edges.append(PlacedEdge(index, edge, handoff, tuple(chart._edge_style(edge, handoff)[1]), route(*names), tuple(lines), box(waypoint[0]) if waypoint else None))
    events = tuple(
        PlacedEvent(kind, step_id, chart.lane_index[chart.flow.step(step_id).lane], box(f"{kind}-{chart.step_ids[step_id]}"), route(f"{kind}-{chart.step_ids[step_id]}"))
        for kind, step_id in (chart._events() if chart.event_size else ())
    )
    lanes = tuple(
        PlacedLane(lane, band, chart._(LANE_TYPE_LABELS[lane.type])) for lane, band in zip(chart.flow.lanes, placed.bands)
    )
    middle = chart.legend.middle
    top = chart.legend_top
    legend = [LegendEntry(entry.name, tuple(line for row in entry.label.rows for line in row.lines), Box((entry.left + entry.size[0] / 2, middle(top, entry.row)), entry.size)) for entry in chart.legend.boxes]
    legend += [LegendEntry(arrow.name, (), Box(((arrow.start + arrow.end) / 2, middle(top, arrow.row)), (arrow.end - arrow.start, 0.0)), (arrow.start, arrow.end)) for arrow in chart.legend.arrows]
    summary = tuple((label, value) for label, value, _color in chart._summary_cards())
    return PlacedFlow(
        chart.flow.title, summary, lanes, steps, tuple(edges), events, LANE_HEAD_POINTS, placed.right,
        tuple(legend), chart.legend_top, chart.legend.height, chart.legend.right,
    )

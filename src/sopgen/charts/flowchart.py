"""The swimlane chart of one order flow, as a graphviz.Digraph (never rendered here), and its placement for the exports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from sopgen.analysis.figures import FlowAnalysis, Handoff
from sopgen.blueprints.model import Edge, FlowBlueprint, FlowStep
from sopgen.charts.flow_labels import FlowLabels
from sopgen.charts.labels import Row, Table, inches
from sopgen.charts.legend import draw_legend, legend_items, part_heading
from sopgen.charts.placed import PlacedFlow, placement_of
from sopgen.charts.swimlanes import ARROW_LENGTH, LANE_GAP, Band, Connection, Item, layout
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import escape_record
from sopgen.charts.theme import (
    EDGE_LABEL_WIDTH,
    LANE_HEAD_POINTS,
    SMALL_TEXT,
    THEME,
    Canvas,
    box_size,
    edge_attributes,
    new_graph,
    step_attributes,
)
from sopgen.collection_pause import collector_paused
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    import graphviz

    from sopgen.charts.measured import MeasuredOverlay


class BandPlan(NamedTuple):
    """One band of a folded chart: its steps, and the edges that leave it or come into it from another band.

    `outgoing` and `incoming` map an edge's index to its connector mark (A, B …) and the part
    at its other end; parts count from 1.
    """

    steps: frozenset[str]
    part: int
    parts: int
    outgoing: Mapping[int, tuple[str, int]]
    incoming: Mapping[int, tuple[str, int]]
    legend: bool = True
    summary: bool = True
    legend_width: float | None = None  # the legend's rows are no wider (points); by default as wide as the lanes


class _FlowChart(FlowLabels):
    """Builds one flow's chart; node ids are generated here, user text only ever goes into labels."""

    def __init__(
        self,
        flow: FlowBlueprint,
        analysis: FlowAnalysis,
        localizer: Localizer,
        font: str | None,
        event_size: float | None = None,
        measured: MeasuredOverlay | None = None,
        changed: frozenset[str] = frozenset(),
        band: BandPlan | None = None,
    ):
        self.flow = flow
        self.band = band
        self.measured = measured
        self.changed = changed
        self.event_size = event_size
        self.analysis = analysis
        self.localizer = localizer
        self._ = localizer._
        self.graph = new_graph(f"flow {flow.id}", localizer.locale, font)
        self.canvas = Canvas()
        self.step_ids = {step.id: f"step{index}" for index, step in enumerate(flow.steps)}
        self.lane_index = {lane.id: index for index, lane in enumerate(flow.lanes)}
        self.handoffs = {(h.from_step, h.to_step): h for h in analysis.handoffs}
        self.figures = {figures.id: figures for figures in analysis.steps}  # analysis.step() searches: slow for big flows
        path = analysis.critical_path
        self.on_critical_path = set(path)
        self.critical_edges = set(zip(path, path[1:]))
        self.bottleneck = analysis.bottleneck.step if analysis.bottleneck else None
        self.waypoints: dict[int, tuple[str, Table]] = {}
        self.connectors: dict[str, Table] = {}  # a folded chart's marks where an edge goes on in another band
        self.connector_lanes: dict[str, int] = {}
        shown = None if band is None else band.steps
        self.steps = [step for step in flow.steps if shown is None or step.id in shown]
        self.edges = [
            (index, edge) for index, edge in enumerate(flow.edges) if shown is None or edge.from_step in shown or edge.to_step in shown
        ]

    def build(self) -> graphviz.Digraph:
        band = self.band
        if band is None or band.summary:
            self.graph.attr(label=self._summary((band.part, band.parts) if band and band.parts > 1 else None))
        else:
            self.graph.attr(label=part_heading(self.flow.title, band.part, band.parts, self.localizer))
        self.place()
        with_legend = band is None or band.legend
        right = max(self.placed.right, self.legend.right) if with_legend else self.placed.right
        self.canvas.height = self.legend_top + self.legend.height if with_legend else self.placed.bottom
        self.graph.attr(bb=self.canvas.bb(0, 0, right, self.canvas.height))
        for index, lane in enumerate(self.flow.lanes):
            self._lane(index, lane.id, lane.type, self.placed.bands[index], right, self.heads[index], self.labels)
        if with_legend:
            draw_legend(self.graph, self.canvas, self.legend, self.legend_top, right)
        for index, edge in self.edges:
            self._edge(index, edge)
        return self.graph

    # ---- layout

    def place(self, legend_width: float | None = None) -> None:
        """Size every label, then place boxes, arrows and the legend; build() draws them, placement() hands them on."""
        self.labels = {step.id: self._step_label(step, self._badge_of(step)) for step in self.steps}
        outgoing = self.band.outgoing if self.band else {}
        incoming = self.band.incoming if self.band else {}
        for index, edge in self.edges:
            if index in incoming:
                continue  # its label stays with its sender, in the band before
            label = self._edge_label(edge, self.handoffs.get((edge.from_step, edge.to_step)))
            if label is not None:
                self.waypoints[index] = (f"via{index}", label)
        # A label sits in its sender's lane; when a step sends several labelled edges, each label
        # sits in its receiver's lane instead, so that the arrows part at once and do not stack up.
        labelled = Counter(self.flow.edges[index].from_step for index in self.waypoints)
        self.waypoint_lanes = {
            index: self.lane_index[self.flow.step(edge.to_step if labelled[edge.from_step] > 1 else edge.from_step).lane]
            for index, edge in ((index, self.flow.edges[index]) for index in self.waypoints)
        }
        for index, (letter, part) in outgoing.items():
            self.connectors[f"out{index}"] = self._connector(f"→ {letter}", self._("continued in part {part}"), part)
        for index, (letter, part) in incoming.items():
            self.connectors[f"in{index}"] = self._connector(f"{letter} →", self._("from part {part}"), part)
        self.heads = [self._lane_label(lane.title, lane.type) for lane in self.flow.lanes]
        self.placed = layout(
            self._items(self.labels) + self._event_items(),
            self._connections() + self._event_connections(),
            len(self.flow.lanes),
            LANE_HEAD_POINTS,
            [head.size_points()[1] for head in self.heads],
            uniform_width=[self.step_ids[step.id] for step in self.steps],
            last=[f"out{index}" for index in outgoing],
        )
        self.legend_top = self.placed.bottom + 3 * LANE_GAP
        if self.band is not None:  # a band's legend takes as many rows as it needs to fit its page
            legend_width = self.band.legend_width or self.placed.right
        self.legend = legend_items(self.localizer, measured=self.measured is not None, changed=bool(self.changed), width=legend_width)

    def _connector(self, mark: str, words: str, part: int) -> Table:
        return Table(
            (
                Row((mark,), 15, bold=True, color="white", background=THEME["ink"], padding=2),
                Row(wrap(words.format(part=self.localizer.number(part, 0)), EDGE_LABEL_WIDTH), SMALL_TEXT, color=THEME["ink"], padding=3),
            ),
            border=1,
            color=THEME["ink"],
            background="white",
        )

    def _ends(self, index: int, edge: Edge) -> tuple[str, str]:
        """The nodes an edge runs between in this chart: its steps, or a band's connector marks."""
        source = f"in{index}" if f"in{index}" in self.connectors else self.step_ids[edge.from_step]
        target = f"out{index}" if f"out{index}" in self.connectors else self.step_ids[edge.to_step]
        return source, target

    def _items(self, labels: Mapping[str, Table]) -> list[Item]:
        items = []
        for step in self.steps:
            width, height = box_size(labels[step.id])
            items.append(Item(self.step_ids[step.id], self.lane_index[step.lane], width, height))
        for index, (name, label) in self.waypoints.items():
            width, height = label.size_points()
            items.append(Item(name, self.waypoint_lanes[index], width, height))
        for name, label in self.connectors.items():
            edge = self.flow.edges[int(name.lstrip("outin"))]
            lane = self.lane_index[self.flow.step(edge.to_step).lane]  # both marks in the receiver's lane: the arrow heads there already
            self.connector_lanes[name] = lane
            items.append(Item(name, lane, *label.size_points()))
        return items

    def _connections(self) -> list[Connection]:
        """Every edge, in two parts through its label's box if it has one; rework edges point back (within a band)."""
        connections = []
        for index, edge in self.edges:
            source, target = self._ends(index, edge)
            arrow = ARROW_LENGTH * float(self._edge_style(edge, self.handoffs.get((edge.from_step, edge.to_step)))[0].get("arrowsize", "0.9"))
            waypoint = self.waypoints.get(index)
            if waypoint is not None:
                connections.append(Connection(f"edge{index}-1", source, waypoint[0], arrow_length=None))
                source = waypoint[0]
            back = edge.rework and source.startswith(("step", "via")) and target.startswith("step")
            connections.append(Connection(f"edge{index}-2" if waypoint else f"edge{index}", source, target, arrow, back=back))
        return connections

    def _event_items(self) -> list[Item]:
        """With `event_size`, a start mark before each entry step and an end mark after each exit step."""
        if not self.event_size:
            return []
        items = []
        for kind, step_id in self._events():
            lane = self.lane_index[self.flow.step(step_id).lane]
            items.append(Item(f"{kind}-{self.step_ids[step_id]}", lane, self.event_size, self.event_size))
        return items

    def _event_connections(self) -> list[Connection]:
        connections = []
        for kind, step_id in self._events() if self.event_size else ():
            event, step = f"{kind}-{self.step_ids[step_id]}", self.step_ids[step_id]
            connections.append(Connection(event, *((event, step) if kind == "start" else (step, event))))
        return connections

    def _events(self) -> list[tuple[str, str]]:
        forward = [edge for edge in self.flow.edges if not edge.rework]
        has_incoming = {edge.to_step for edge in forward}
        has_outgoing = {edge.from_step for edge in forward}
        starts = [("start", step.id) for step in self.flow.steps if step.id not in has_incoming]
        return starts + [("end", step.id) for step in self.flow.steps if step.id not in has_outgoing]

    def _lane(self, index: int, lane_id: str, lane_type: str, band: Band, right: float, head: Table, labels: Mapping[str, Table]) -> None:
        fill = THEME["system_lane"] if lane_type == "system" else THEME["person_lane"]
        with self.graph.subgraph(name=f"cluster_lane{index}") as cluster:
            cluster.attr(
                label="",
                style="filled",
                fillcolor=fill,
                color=THEME["lane_border"],
                penwidth="1.2",
                id=f"lane-{lane_id}",
                bb=self.canvas.bb(0, band.top, right, band.bottom),
            )
            cluster.node(
                f"lane{index}_head", head.label(), shape="plain", id=f"lane-head-{lane_id}", pos=self.canvas.pos(LANE_HEAD_POINTS / 2 + 6, band.middle)
            )
            for step in self.steps:
                if step.lane == lane_id:
                    self._step(cluster, step, labels[step.id])
            for edge_index, (name, label) in self.waypoints.items():
                if self.waypoint_lanes[edge_index] == index:
                    self._waypoint(cluster, name, label, self.flow.edges[edge_index])
            for name, label in self.connectors.items():
                if self.connector_lanes[name] == index:
                    cluster.node(name, label.label(self.placed.sizes[name][0]), shape="plain", id=f"connector-{name}", pos=self.canvas.pos(*self.placed.centres[name]), **{"class": "connector"})

    # ---- nodes and edges

    def _step_classes(self, step: FlowStep) -> list[str]:
        classes = ["step", self.flow.mode_of(step)]
        if step.id in self.on_critical_path:
            classes.append("critical-path")
        if step.id == self.bottleneck:
            classes.append("bottleneck")
        elif self._badge_of(step) is not None:
            classes.append("critical")
        if self.measured is not None and self.measured.bottleneck == step.id:
            classes.append("measured-bottleneck")
        if step.id in self.changed:
            classes.append("changed")
        return classes

    def _step(self, cluster: Any, step: FlowStep, label: Table) -> None:
        classes = self._step_classes(step)
        attributes = step_attributes(classes)
        name = self.step_ids[step.id]
        width, height = self.placed.sizes[name]
        cluster.node(
            name,
            label.label(),
            id=f"step-{step.id}",
            tooltip=escape_record(step.title),
            pos=self.canvas.pos(*self.placed.centres[name]),
            width=inches(width),
            height=inches(height),
            **{"class": " ".join(classes)},
            **attributes,
        )

    def _waypoint(self, cluster: Any, name: str, label: Table, edge: Edge) -> None:
        """An edge's label as a box of its own in the sender's lane, which the edge passes through."""
        handoff = self.handoffs.get((edge.from_step, edge.to_step))
        _, classes = self._edge_style(edge, handoff)
        svg_id = f"handoff-{handoff.number}" if handoff is not None else f"label-{edge.from_step}--{edge.to_step}"
        cluster.node(
            name,
            label.label(self.placed.sizes[name][0]),
            shape="plain",
            id=svg_id,
            pos=self.canvas.pos(*self.placed.centres[name]),
            **{"class": " ".join(["waypoint", *classes])},
        )

    def _edge_style(self, edge: Edge, handoff: Handoff | None) -> tuple[dict[str, str], list[str]]:
        classes: list[str] = []
        if edge.rework:
            classes.append("rework")
        elif (edge.from_step, edge.to_step) in self.critical_edges:
            classes.append("critical-path")
        if handoff is not None:
            classes.append("handoff")
        if handoff is not None and handoff.manual:
            classes.append("manual")
        return edge_attributes(classes), classes

    def _edge(self, index: int, edge: Edge) -> None:
        handoff = self.handoffs.get((edge.from_step, edge.to_step))
        attributes, classes = self._edge_style(edge, handoff)
        source, target = self._ends(index, edge)
        svg_id = f"edge-{edge.from_step}--{edge.to_step}"
        shown = {"class": " ".join(classes)}
        waypoint = self.waypoints.get(index)
        if waypoint is None:
            self.graph.edge(source, target, id=svg_id, pos=self._route(f"edge{index}"), **shown, **attributes)
            return
        leading = {**attributes, "arrowhead": "none", "constraint": "true"}
        self.graph.edge(source, waypoint[0], id=f"{svg_id}-1", pos=self._route(f"edge{index}-1"), **shown, **leading)
        self.graph.edge(waypoint[0], target, id=f"{svg_id}-2", pos=self._route(f"edge{index}-2"), **shown, **attributes)

    def _route(self, name: str) -> str:
        route = self.placed.routes[name]
        points = " ".join(self.canvas.pos(x, y) for x, y in route.points)
        return points if route.tip is None else f"e,{self.canvas.pos(*route.tip)} {points}"


def flowchart(
    flow: FlowBlueprint,
    analysis: FlowAnalysis,
    localizer: Localizer,
    font: str | None = None,
    measured: MeasuredOverlay | None = None,
    changed: frozenset[str] = frozenset(),
    band: BandPlan | None = None,
) -> graphviz.Digraph:
    """The swimlane chart of a localized flow: lanes top to bottom in blueprint order, steps left to right.

    With `band`, one band of the chart folded (see charts/folding.py): its steps, connector marks where edges go on.
    """
    with collector_paused():  # thousands of labels and DOT lines, no cycles among them
        return _FlowChart(flow, analysis, localizer, font, measured=measured, changed=changed, band=band).build()


def band_extent(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, band: BandPlan | None = None) -> tuple[float, float]:
    """Width and height (points) of what build() would draw below the title, from the layout alone: no Graphviz run."""
    chart = _FlowChart(flow, analysis, localizer, None, band=band)
    chart.place()
    if band is not None and not band.legend:
        return chart.placed.right, chart.placed.bottom
    return max(chart.placed.right, chart.legend.right), chart.legend_top + chart.legend.height


def step_columns(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> tuple[dict[str, int], list[float]]:
    """The column of each step in the whole chart's layout, and the width each column takes with the gap after it (points)."""
    from sopgen.charts.swimlanes import COLUMN_GAP

    chart = _FlowChart(flow, analysis, localizer, None)
    chart.place()
    placed = chart.placed
    columns = {step.id: placed.columns[chart.step_ids[step.id]] for step in flow.steps}
    widths = [0.0] * (max(placed.columns.values(), default=-1) + 1)
    for name, column in placed.columns.items():
        widths[column] = max(widths[column], placed.sizes[name][0] + COLUMN_GAP)
    return columns, widths


def placed_flow(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, event_size: float | None = None) -> PlacedFlow:
    """The same chart placed but not drawn, for the editable exports.

    With `event_size`, the layout also makes room for a start mark before each entry step and an
    end mark after each exit step (BPMN's events), which shifts the columns: the chart has none.
    """
    chart = _FlowChart(flow, analysis, localizer, None, event_size)
    chart.place()
    return placement_of(chart)



"""The swimlane chart of one order flow, as a graphviz.Digraph (never rendered here), and its placement for the exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sopgen.analysis.figures import CRITICAL_FROM, OVERLOADED_FROM, FlowAnalysis, Handoff
from sopgen.analysis.findings import bottleneck_in_short
from sopgen.blueprints.model import Edge, FlowBlueprint, FlowStep
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.charts.labels import Row, Table, inches, table
from sopgen.charts.legend import chart_summary, draw_legend, legend_items
from sopgen.charts.placed import PlacedFlow, placement_of
from sopgen.charts.swimlanes import ARROW_LENGTH, LANE_GAP, Band, Connection, Item, layout
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import escape_record, join_wrapped
from sopgen.charts.theme import (
    DETAIL_WIDTH,
    EDGE_LABEL_WIDTH,
    LANE_HEAD_POINTS,
    LANE_TYPE_LABELS,
    LANE_WIDTH,
    THEME,
    TITLE_WIDTH,
    Canvas,
    box_size,
    edge_attributes,
    new_graph,
    step_attributes,
)
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    import graphviz

    from sopgen.charts.measured import MeasuredOverlay


class _FlowChart:
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
    ):
        self.flow = flow
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

    def build(self) -> graphviz.Digraph:
        self.graph.attr(label=self._summary())
        self.place()
        right = max(self.placed.right, self.legend.right)
        self.canvas.height = self.legend_top + self.legend.height
        self.graph.attr(bb=self.canvas.bb(0, 0, right, self.canvas.height))
        for index, lane in enumerate(self.flow.lanes):
            self._lane(index, lane.id, lane.type, self.placed.bands[index], right, self.heads[index], self.labels)
        draw_legend(self.graph, self.canvas, self.legend, self.legend_top, right)
        for index, edge in enumerate(self.flow.edges):
            self._edge(index, edge)
        return self.graph

    # ---- layout

    def place(self) -> None:
        """Size every label, then place boxes, arrows and the legend; build() draws them, placement() hands them on."""
        self.labels = {step.id: self._step_label(step, self._badge_of(step)) for step in self.flow.steps}
        for index, edge in enumerate(self.flow.edges):
            label = self._edge_label(edge, self.handoffs.get((edge.from_step, edge.to_step)))
            if label is not None:
                self.waypoints[index] = (f"via{index}", label)
        self.heads = [self._lane_label(lane.title, lane.type) for lane in self.flow.lanes]
        self.placed = layout(
            self._items(self.labels) + self._event_items(),
            self._connections() + self._event_connections(),
            len(self.flow.lanes),
            LANE_HEAD_POINTS,
            [head.size_points()[1] for head in self.heads],
            uniform_width=self.step_ids.values(),
        )
        self.legend_top = self.placed.bottom + 3 * LANE_GAP
        self.legend = legend_items(self.localizer, measured=self.measured is not None, changed=bool(self.changed))

    def _items(self, labels: Mapping[str, Table]) -> list[Item]:
        items = []
        for step in self.flow.steps:
            width, height = box_size(labels[step.id])
            items.append(Item(self.step_ids[step.id], self.lane_index[step.lane], width, height))
        for index, (name, label) in self.waypoints.items():
            width, height = label.size_points()
            lane = self.lane_index[self.flow.step(self.flow.edges[index].from_step).lane]
            items.append(Item(name, lane, width, height))
        return items

    def _connections(self) -> list[Connection]:
        """Every edge, in two parts through its label's box if it has one; rework edges point back."""
        connections = []
        for index, edge in enumerate(self.flow.edges):
            source, target = self.step_ids[edge.from_step], self.step_ids[edge.to_step]
            arrow = ARROW_LENGTH * float(self._edge_style(edge, self.handoffs.get((edge.from_step, edge.to_step)))[0].get("arrowsize", "0.9"))
            waypoint = self.waypoints.get(index)
            if waypoint is not None:
                connections.append(Connection(f"edge{index}-1", source, waypoint[0], arrow_length=None))
                source = waypoint[0]
            connections.append(Connection(f"edge{index}-2" if waypoint else f"edge{index}", source, target, arrow, back=edge.rework))
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
            for step in self.flow.steps:
                if step.lane == lane_id:
                    self._step(cluster, step, labels[step.id])
            for edge_index, (name, label) in self.waypoints.items():
                edge = self.flow.edges[edge_index]
                if self.flow.step(edge.from_step).lane == lane_id:
                    self._waypoint(cluster, name, label, edge)

    # ---- labels

    def _lane_label(self, title: str, lane_type: str) -> Table:
        return table(
            Row(wrap(title, LANE_WIDTH), 16, bold=True, color=THEME["ink"], padding=2),
            Row((self._(LANE_TYPE_LABELS[lane_type]),), 12, color=THEME["muted"], padding=2),
        )

    def _summary(self) -> str:
        return chart_summary(self.flow.title, self._summary_cards())

    def _summary_cards(self) -> list[tuple[str, str, str]]:
        analysis, localizer, _ = self.analysis, self.localizer, self._
        efficiency = analysis.cycle_efficiency
        cards = [
            (_("Lead time"), localizer.duration(analysis.lead_time_minutes), THEME["ink"]),
            (_("Cycle efficiency"), localizer.percent(efficiency) if efficiency is not None else _("n/a"), THEME["ink"]),
            (_("Manual hand-offs"), localizer.number(analysis.manual_handoffs, 0), THEME["handoff_text"]),
        ]
        bottleneck = bottleneck_in_short(self.flow, analysis, localizer)
        if bottleneck is not None:
            cards.append((_("Bottleneck"), bottleneck, THEME["bottleneck_border"]))
        cards += [(label, value, THEME["measured"]) for label, value in (self.measured.cards if self.measured else ())]
        return cards

    def _step_label(self, step: FlowStep, badge: tuple[str, str] | None) -> Table:
        details = self._details(step, badge)
        measured = self.measured.step_lines.get(step.id) if self.measured else None
        measured_bottleneck = self.measured is not None and self.measured.bottleneck == step.id
        return table(
            Row((badge[0],), 12, bold=True, color="white", background=badge[1], padding=3) if badge else None,
            Row((self._("MEASURED BOTTLENECK"),), 12, bold=True, color="white", background=THEME["measured"], padding=3) if measured_bottleneck else None,
            Row(wrap(step.title, TITLE_WIDTH), 14, bold=True, color=THEME["ink"], padding=2),
            Row(tuple(join_wrapped(details, DETAIL_WIDTH)), 11, color=THEME["muted"], padding=2) if details else None,
            Row(measured, 11, color=THEME["measured"], padding=2) if measured else None,
        )

    def _details(self, step: FlowStep, badge: tuple[str, str] | None) -> list[str]:
        figures = self.figures[step.id]
        localizer, _ = self.localizer, self._
        details = []
        if figures.wait_minutes:
            details.append(_("wait {duration}").format(duration=localizer.duration(figures.wait_minutes)))
        if figures.handling_minutes:
            details.append(_("work {duration}").format(duration=localizer.duration(figures.handling_minutes)))
        if figures.utilization is not None and badge is None:
            details.append(_("load {percent}").format(percent=localizer.percent(figures.utilization)))
        return details

    def _badge_of(self, step: FlowStep) -> tuple[str, str] | None:
        figures = self.figures[step.id]
        shown = self.localizer.percent(figures.utilization) if figures.utilization is not None else ""
        if step.id == self.bottleneck:
            if figures.utilization is None:
                return self._("BOTTLENECK · longest wait"), THEME["bottleneck_border"]
            return self._("BOTTLENECK · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= OVERLOADED_FROM:
            return self._("OVERLOADED · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= CRITICAL_FROM:
            return self._("CRITICAL · {percent}").format(percent=shown), THEME["critical_border"]
        return None

    def _edge_label(self, edge: Edge, handoff: Handoff | None) -> Table | None:
        """Stacked, so that it takes little width: the hand-off number, the channel, the edge's own label."""
        manual = handoff is not None and handoff.manual
        color = THEME["rework"] if edge.rework else THEME["ink"]
        rows = []
        if manual:
            number = f"#{self.localizer.number(handoff.number, 0)}"
            rows.append(Row((number,), 15, bold=True, color="white", background=THEME["handoff"], padding=2))
        if manual or edge.channel != "system":
            channel = self._(EDGE_CHANNEL_LABELS[edge.channel])
            rows.append(Row((channel,), 12, bold=True, color=THEME["handoff_text"] if manual else color))
        if edge.label:
            rows.append(Row(wrap(edge.label, EDGE_LABEL_WIDTH), 11, color=color))
        elif edge.rework:
            rows.append(Row((self._("rework"),), 11, color=color))
        if not rows:
            return None
        border = THEME["handoff"] if manual else THEME["rework"] if edge.rework else THEME["lane_border"]
        return Table(tuple(rows), border=1, color=border, background="white")

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
        source, target = self.step_ids[edge.from_step], self.step_ids[edge.to_step]
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
) -> graphviz.Digraph:
    """The swimlane chart of a localized flow: lanes top to bottom in blueprint order, steps left to right."""
    return _FlowChart(flow, analysis, localizer, font, measured=measured, changed=changed).build()


def placed_flow(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, event_size: float | None = None) -> PlacedFlow:
    """The same chart placed but not drawn, for the editable exports.

    With `event_size`, the layout also makes room for a start mark before each entry step and an
    end mark after each exit step (BPMN's events), which shifts the columns: the chart has none.
    """
    chart = _FlowChart(flow, analysis, localizer, None, event_size)
    chart.place()
    return placement_of(chart)



"""The swimlane chart of one order flow, as a graphviz.Digraph (never rendered here): lanes, steps, hand-offs, figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sopgen.analysis.figures import (
    CRITICAL_FROM,
    OVERLOADED_FROM,
    FlowAnalysis,
    Handoff,
)
from sopgen.analysis.findings import bottleneck_in_short
from sopgen.blueprints.model import Edge, FlowBlueprint, FlowStep
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.charts.labels import Row, Table, inches, table
from sopgen.charts.legend import draw_legend, legend_items
from sopgen.charts.swimlanes import (
    ARROW_LENGTH,
    LANE_GAP,
    Band,
    Connection,
    Item,
    layout,
)
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import display_width, escape, escaped_lines
from sopgen.charts.theme import (
    BOTTLENECK_STYLE,
    CRITICAL_PATH_EDGE_STYLE,
    CRITICAL_PATH_STEP_STYLE,
    CRITICAL_STYLE,
    DETAIL_WIDTH,
    EDGE_LABEL_WIDTH,
    LANE_HEAD_POINTS,
    LANE_TYPE_LABELS,
    LANE_WIDTH,
    MANUAL_HANDOFF_STYLE,
    PLAIN_EDGE_STYLE,
    REWORK_STYLE,
    STEP_STYLES,
    THEME,
    TITLE_WIDTH,
    Canvas,
    box_size,
    new_graph,
)
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    import graphviz


def _summary(title: str, cards: Sequence[tuple[str, str, str]]) -> str:
    """The chart's title and its key figures as boxes in a row (the graph label: Graphviz places it)."""
    cells = "".join(
        f'<TD BGCOLOR="{THEME["summary_fill"]}" BORDER="1" COLOR="#CBD2D9" CELLPADDING="4" VALIGN="TOP">'
        '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="12" COLOR="{THEME["muted"]}">{escape(label)}</FONT></TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="18" COLOR="{color}"><B>{escaped_lines(wrap(value, 34))}</B></FONT></TD></TR>'
        "</TABLE></TD>"
        for label, value, color in cards
    )
    heading = f'<FONT POINT-SIZE="24" COLOR="{THEME["ink"]}"><B>{escaped_lines(wrap(title, 70))}</B></FONT>'
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{heading}</TD></TR>'
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="6" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD></TR>'
        "</TABLE>>"
    )


class _FlowChart:
    """Builds one flow's chart; node ids are generated here, user text only ever goes into labels."""

    def __init__(self, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None):
        self.flow = flow
        self.analysis = analysis
        self.localizer = localizer
        self._ = localizer._
        self.graph = new_graph(f"flow {flow.id}", localizer.locale, font)
        self.canvas = Canvas()
        self.step_ids = {step.id: f"step{index}" for index, step in enumerate(flow.steps)}
        self.lane_index = {lane.id: index for index, lane in enumerate(flow.lanes)}
        self.handoffs = {(h.from_step, h.to_step): h for h in analysis.handoffs}
        path = analysis.critical_path
        self.on_critical_path = set(path)
        self.critical_edges = set(zip(path, path[1:]))
        self.bottleneck = analysis.bottleneck.step if analysis.bottleneck else None
        self.waypoints: dict[int, tuple[str, Table]] = {}

    def build(self) -> graphviz.Digraph:
        self.graph.attr(label=self._summary())
        labels = {step.id: self._step_label(step, self._badge_of(step)) for step in self.flow.steps}
        for index, edge in enumerate(self.flow.edges):
            label = self._edge_label(edge, self.handoffs.get((edge.from_step, edge.to_step)))
            if label is not None:
                self.waypoints[index] = (f"via{index}", label)
        heads = [self._lane_label(lane.title, lane.type) for lane in self.flow.lanes]
        self.placed = layout(
            self._items(labels),
            self._connections(),
            len(self.flow.lanes),
            LANE_HEAD_POINTS,
            [head.size_points()[1] for head in heads],
            uniform_width=self.step_ids.values(),
        )
        legend_top = self.placed.bottom + 3 * LANE_GAP
        legend = legend_items(self.localizer)
        right = max(self.placed.right, legend.right)
        self.canvas.height = legend_top + legend.height
        self.graph.attr(bb=self.canvas.bb(0, 0, right, self.canvas.height))
        for index, lane in enumerate(self.flow.lanes):
            self._lane(index, lane.id, lane.type, self.placed.bands[index], right, heads[index], labels)
        draw_legend(self.graph, self.canvas, legend, legend_top, right)
        for index, edge in enumerate(self.flow.edges):
            self._edge(index, edge)
        return self.graph

    # ---- layout

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
        return _summary(self.flow.title, cards)

    def _step_label(self, step: FlowStep, badge: tuple[str, str] | None) -> Table:
        figures = self.analysis.step(step.id)
        localizer, _ = self.localizer, self._
        details = []
        if figures.wait_minutes:
            details.append(_("wait {duration}").format(duration=localizer.duration(figures.wait_minutes)))
        if figures.handling_minutes:
            details.append(_("work {duration}").format(duration=localizer.duration(figures.handling_minutes)))
        if figures.utilization is not None and badge is None:
            details.append(_("load {percent}").format(percent=localizer.percent(figures.utilization)))
        return table(
            Row((badge[0],), 12, bold=True, color="white", background=badge[1], padding=3) if badge else None,
            Row(wrap(step.title, TITLE_WIDTH), 14, bold=True, color=THEME["ink"], padding=2),
            Row(tuple(_join_wrapped(details, DETAIL_WIDTH)), 11, color=THEME["muted"], padding=2) if details else None,
        )

    def _badge_of(self, step: FlowStep) -> tuple[str, str] | None:
        figures = self.analysis.step(step.id)
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

    def _step(self, cluster: Any, step: FlowStep, label: Table) -> None:
        mode = self.flow.mode_of(step)
        attributes: dict[str, str] = dict(STEP_STYLES[mode])
        classes = ["step", mode]
        if step.id in self.on_critical_path:
            attributes.update(CRITICAL_PATH_STEP_STYLE)
            classes.append("critical-path")
        if step.id == self.bottleneck:
            attributes.update(BOTTLENECK_STYLE)
            classes.append("bottleneck")
        elif self._badge_of(step) is not None:
            attributes.update(CRITICAL_STYLE)
            classes.append("critical")
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
        attributes: dict[str, str] = {}
        classes: list[str] = []
        if edge.rework:
            attributes.update(REWORK_STYLE)
            classes.append("rework")
        elif (edge.from_step, edge.to_step) in self.critical_edges:
            attributes.update(CRITICAL_PATH_EDGE_STYLE)
            classes.append("critical-path")
        else:
            attributes.update(PLAIN_EDGE_STYLE)
        if handoff is not None:
            classes.append("handoff")
        if handoff is not None and handoff.manual:
            attributes.update(MANUAL_HANDOFF_STYLE)
            if edge.rework:
                attributes["style"] = "dotted"
            classes.append("manual")
        return attributes, classes

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


def _join_wrapped(pieces: Sequence[str], width: int) -> list[str]:
    """Short pieces joined by ' · ' into lines of about `width` columns."""
    lines: list[str] = []
    for piece in pieces:
        if lines and display_width(f"{lines[-1]} · {piece}") <= width:
            lines[-1] += " · " + piece
        else:
            lines.append(piece)
    return lines


def escape_record(text: str) -> str:
    """Plain (non-HTML) attribute text such as a tooltip, shown literally: no \\N, \\l or trailing-backslash escapes."""
    import graphviz

    return graphviz.escape(text)


def flowchart(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None = None) -> graphviz.Digraph:
    """The swimlane chart of a localized flow: lanes top to bottom in blueprint order, steps left to right."""
    return _FlowChart(flow, analysis, localizer, font).build()



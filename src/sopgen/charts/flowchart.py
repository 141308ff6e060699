"""Swimlane flowcharts of order flows and the handbook's lifecycle overview, as graphviz.Digraph (never rendered here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from sopgen.analysis.figures import CRITICAL_FROM, OVERLOADED_FROM, FlowAnalysis, Handoff
from sopgen.charts.labels import Row, Table, inches, table
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import chart_font, check_cjk_font, display_width, escape, escaped_lines, font_stack
from sopgen.i18n.localizer import Localizer
from sopgen.blueprints.model import Edge, FlowBlueprint, FlowStep
from sopgen.charts.swimlanes import ARROW_LENGTH, LANE_GAP, Band, Connection, Item, layout
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS, N_, PHASE_CODES, PHASES

if TYPE_CHECKING:
    import graphviz

__all__ = ["ENGINE", "THEME", "chart_font", "check_cjk_font", "flowchart", "lifecycle_chart"]

# Boxes and arrows are placed by sopgen (see swimlanes.py); Graphviz's neato draws them where they
# are put (`neato -n2`). graphviz_run.render_chart knows this.
ENGINE = "neato"
DOT_COMMENT = "Boxes are placed already: draw with  neato -n2 -Tsvg -o chart.svg THIS_FILE"

THEME = MappingProxyType(
    {
        "ink": "#1F2933",
        "muted": "#52606D",
        "manual_fill": "#FFE8B3",
        "manual_border": "#7A5B0C",
        "automated_fill": "#D7E6F6",
        "automated_border": "#2F5C8A",
        "handoff": "#E8590C",
        "handoff_text": "#A63C06",
        "bottleneck_fill": "#FFB3B3",
        "bottleneck_border": "#B00020",
        "critical_border": "#D9480F",
        "critical_path": "#1B2A4A",
        "rework": "#6741D9",
        "edge": "#616E7C",
        "person_lane": "#FFFCF5",
        "system_lane": "#F3F7FB",
        "lane_border": "#9AA5B1",
        "summary_fill": "#F5F7FA",
        "changed": "#2B8A3E",
    }
)
TITLE_WIDTH = 18  # display columns of a step title line
LANE_WIDTH = 14
EDGE_LABEL_WIDTH = 16
DETAIL_WIDTH = 26
LANE_HEAD_POINTS = 118.0
NODE_MARGIN = (10.0, 5.0)  # points, as the node attribute margin="0.14,0.07"
SHAPE_ALLOWANCE = 10.0  # double outlines and thick pens

LANE_TYPE_LABELS = MappingProxyType({"person": N_("person"), "system": N_("system")})

GRAPH_ATTRIBUTES = MappingProxyType(
    {
        "splines": "true",
        "outputorder": "edgesfirst",
        "pad": "0.3",
        "bgcolor": "white",
        "labelloc": "t",
        "labeljust": "l",
        "fontsize": "14",
        # For anyone who runs plain dot on the source: lanes stay bands, the flow runs left to right.
        "newrank": "true",
        "rankdir": "LR",
    }
)
STEP_STYLES = MappingProxyType(
    {
        "manual": MappingProxyType(
            {"shape": "box", "style": "rounded,filled", "fillcolor": THEME["manual_fill"], "color": THEME["manual_border"], "penwidth": "1.6"}
        ),
        "automated": MappingProxyType(
            {
                "shape": "box",
                "style": "filled",
                "peripheries": "2",
                "fillcolor": THEME["automated_fill"],
                "color": THEME["automated_border"],
                "penwidth": "1.2",
            }
        ),
    }
)
CRITICAL_PATH_STEP_STYLE = MappingProxyType({"penwidth": "3"})
BOTTLENECK_STYLE = MappingProxyType({"fillcolor": THEME["bottleneck_fill"], "color": THEME["bottleneck_border"], "penwidth": "5"})
CRITICAL_STYLE = MappingProxyType({"color": THEME["critical_border"], "penwidth": "3.5"})
MANUAL_HANDOFF_STYLE = MappingProxyType({"color": THEME["handoff"], "penwidth": "4", "style": "dashed", "arrowsize": "1.1"})
REWORK_STYLE = MappingProxyType({"color": THEME["rework"], "style": "dotted", "penwidth": "2.2", "constraint": "false"})
PLAIN_EDGE_STYLE = MappingProxyType({"color": THEME["edge"], "penwidth": "1.6"})
CRITICAL_PATH_EDGE_STYLE = MappingProxyType({"color": THEME["critical_path"], "penwidth": "3.2"})
CHANGED_STYLE = MappingProxyType({"color": THEME["changed"], "penwidth": "5"})  # a future state's changed steps


def _new_graph(name: str, locale: str, font: str | None) -> graphviz.Digraph:
    import graphviz

    fonts = font_stack(locale, font)
    graph = graphviz.Digraph(
        name=name,
        engine=ENGINE,
        graph_attr={**GRAPH_ATTRIBUTES, "fontname": fonts},
        node_attr={"fontname": fonts, "fontsize": "14", "margin": "0.14,0.07", "fontcolor": THEME["ink"]},
        edge_attr={"fontname": fonts, "fontsize": "12", "color": THEME["edge"], "arrowsize": "0.9"},
    )
    graph.body.append(f"\t// {DOT_COMMENT}\n")
    return graph


def _box_size(label: Table, shaped: bool = True) -> tuple[float, float]:
    width, height = label.size_points()
    if not shaped:
        return width, height
    return width + 2 * NODE_MARGIN[0] + SHAPE_ALLOWANCE, height + 2 * NODE_MARGIN[1] + SHAPE_ALLOWANCE


@dataclass
class _Canvas:
    """Positions in points with y growing downwards, turned into Graphviz's upward y."""

    height: float = 0.0

    def pos(self, x: float, y: float) -> str:
        return f"{x:.1f},{self.height - y:.1f}"

    def bb(self, left: float, top: float, right: float, bottom: float) -> str:
        return f"{left:.1f},{self.height - bottom:.1f},{right:.1f},{self.height - top:.1f}"


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

    def __init__(self, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None, changed: frozenset[str]):
        self.flow = flow
        self.changed = changed
        self.analysis = analysis
        self.localizer = localizer
        self._ = localizer._
        self.graph = _new_graph(f"flow {flow.id}", localizer.locale, font)
        self.canvas = _Canvas()
        self.step_ids = {step.id: f"step{index}" for index, step in enumerate(flow.steps)}
        self.lane_index = {lane.id: index for index, lane in enumerate(flow.lanes)}
        self.handoffs = {(h.from_step, h.to_step): h for h in analysis.handoffs}
        path = analysis.critical_path
        self.on_critical_path = set(path)
        self.critical_edges = set(zip(path, path[1:]))
        self.bottleneck = analysis.bottleneck.step if analysis.bottleneck else None
        self.waypoints: dict[int, tuple[str, Table]] = {}
        self.legend_arrows: list[tuple[str, Mapping[str, str], float, float, str | None]] = []

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
        legend_nodes, legend_height, legend_right = self._legend_items()
        right = max(self.placed.right, legend_right)
        self.canvas.height = legend_top + legend_height
        self.graph.attr(bb=self.canvas.bb(0, 0, right, self.canvas.height))
        for index, lane in enumerate(self.flow.lanes):
            self._lane(index, lane.id, lane.type, self.placed.bands[index], right, heads[index], labels)
        self._legend(legend_nodes, legend_top, legend_height, right)
        for index, edge in enumerate(self.flow.edges):
            self._edge(index, edge)
        return self.graph

    # ---- layout

    def _items(self, labels: Mapping[str, Table]) -> list[Item]:
        items = []
        for step in self.flow.steps:
            width, height = _box_size(labels[step.id])
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
        if analysis.bottleneck:
            shown = self.flow.step(analysis.bottleneck.step).title
            if analysis.bottleneck.utilization is not None:
                shown = _("{step} ({utilization})").format(step=shown, utilization=localizer.percent(analysis.bottleneck.utilization))
            cards.append((_("Bottleneck"), shown, THEME["bottleneck_border"]))
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
        if step.id in self.changed:
            attributes.update(CHANGED_STYLE)
            classes.append("changed")
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

    # ---- legend

    def _legend_items(self) -> tuple[list[_LegendBox], float, float]:
        """Sample boxes and arrows in a row below the lanes, each with its meaning."""
        _ = self._
        samples: list[tuple[str, Table, Mapping[str, str]]] = [
            ("legend-manual", _sample(_("Manual step")), STEP_STYLES["manual"]),
            ("legend-automated", _sample(_("Automated step")), STEP_STYLES["automated"]),
            ("legend-bottleneck", _sample(_("Bottleneck")), {**STEP_STYLES["manual"], **BOTTLENECK_STYLE}),
            (
                "legend-critical",
                _sample(_("Critical: {percent} or more utilized").format(percent=self.localizer.percent(CRITICAL_FROM))),
                {**STEP_STYLES["manual"], **CRITICAL_STYLE},
            ),
        ]
        if self.changed:
            samples.append(("legend-changed", _sample(_("Changed in the future state")), {**STEP_STYLES["automated"], **CHANGED_STYLE}))
        arrows: list[tuple[str, Mapping[str, str], str]] = [
            ("legend-handoff", MANUAL_HANDOFF_STYLE, _("Manual hand-off: number and channel")),
            ("legend-path", CRITICAL_PATH_EDGE_STYLE, _("Critical path: sets the lead time")),
            ("legend-rework", REWORK_STYLE, _("Rework: a loop back")),
        ]
        boxes: list[_LegendBox] = []
        x = 14.0
        title = table(Row((_("Legend"),), 16, bold=True, color=THEME["ink"]))
        boxes.append(_LegendBox("legend-title", title, {"shape": "plain"}, x, title.size_points()))
        x += title.size_points()[0] + 24
        for name, label, style in samples:
            size = _box_size(label)
            boxes.append(_LegendBox(name, label, {**style, "width": inches(size[0]), "height": inches(size[1])}, x, size))
            x += size[0] + 20
        for name, style, meaning in arrows:
            start = x
            if name == "legend-handoff":
                tag = Table((Row(("#1",), 15, bold=True, color="white", background=THEME["handoff"], padding=2),), border=1, color=THEME["handoff"], background="white")
                boxes.append(_LegendBox(f"{name}-tag", tag, {"shape": "plain"}, x + 30, tag.size_points()))
                x += 30 + tag.size_points()[0] + 34
            else:
                x += 74
            self.legend_arrows.append((name, style, start, x, "legend-handoff-tag" if name == "legend-handoff" else None))
            words = table(Row(wrap(meaning, 22), 12, color=THEME["ink"], left=True))
            boxes.append(_LegendBox(f"{name}-text", words, {"shape": "plain"}, x + 8, words.size_points()))
            x += 8 + words.size_points()[0] + 26
        height = max(box.size[1] for box in boxes) + 28
        return boxes, height, x

    def _legend(self, boxes: list[_LegendBox], top: float, height: float, right: float) -> None:
        middle = top + height / 2
        pos = self.canvas.pos
        with self.graph.subgraph(name="cluster_legend") as legend:
            legend.attr(label="", style="rounded", color=THEME["lane_border"], id="legend", bb=self.canvas.bb(0, top, right, top + height))
            for box in boxes:
                legend.node(box.name.replace("-", "_"), box.label.label(), id=box.name, pos=pos(box.left + box.size[0] / 2, middle), **box.attributes)
            for name, style, start, end, tag in self.legend_arrows:
                node = name.replace("-", "_")
                ends = {"shape": "point", "width": "0.01", "style": "invis"}
                legend.node(f"{node}_from", "", pos=pos(start, middle), **ends)
                legend.node(f"{node}_to", "", pos=pos(end, middle), **ends)
                arrow = ARROW_LENGTH * float(style.get("arrowsize", "0.9"))
                shown = {"class": f"legend {name}"}
                if tag is None:
                    legend.edge(f"{node}_from", f"{node}_to", pos=f"e,{pos(end, middle)} {_straight(pos, start, end - arrow, middle)}", **shown, **style)
                    continue
                tag_box = next(box for box in boxes if box.name == tag)
                left, right_edge = tag_box.left, tag_box.left + tag_box.size[0]
                plain = {**style, "arrowhead": "none"}
                legend.edge(f"{node}_from", tag.replace("-", "_"), pos=_straight(pos, start, left, middle), **shown, **plain)
                legend.edge(tag.replace("-", "_"), f"{node}_to", pos=f"e,{pos(end, middle)} {_straight(pos, right_edge, end - arrow, middle)}", **shown, **style)


class _LegendBox(NamedTuple):
    name: str
    label: Table
    attributes: Mapping[str, str]
    left: float
    size: tuple[float, float]


def _straight(pos: Any, start: float, end: float, y: float) -> str:
    return " ".join(pos(start + (end - start) * fraction, y) for fraction in (0, 1 / 3, 2 / 3, 1))


def _sample(text: str) -> Table:
    return table(Row(wrap(text, TITLE_WIDTH), 13, color=THEME["ink"], padding=2))


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


def flowchart(
    flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None = None, changed: frozenset[str] = frozenset()
) -> graphviz.Digraph:
    """The swimlane chart of a localized flow: lanes top to bottom in blueprint order, steps left to right.

    `changed` names the steps a future state changed; they are marked, and the legend says so.
    """
    return _FlowChart(flow, analysis, localizer, font, changed).build()


# ---------------------------------------------------------------- the lifecycle overview

PHASE_SEQUENCE = ("pre-sale", "sale", "post-sale")
SOP_WIDTH = 22
PHASE_GAP = 70.0
PHASE_PADDING = 14.0
SOP_GAP = 10.0


def lifecycle_chart(
    sops_by_phase: Mapping[str, Sequence[tuple[str, str]]], localizer: Localizer, font: str | None = None
) -> graphviz.Digraph:
    """The handbook's overview: pre-sale → sale → post-sale as columns of their SOPs; those across the lifecycle below."""
    _ = localizer._
    graph = _new_graph("lifecycle", localizer.locale, font)
    canvas = _Canvas()
    style = {"shape": "box", "style": "rounded,filled", "fillcolor": THEME["automated_fill"], "color": THEME["automated_border"]}

    def sop_label(document_id: str, title: str) -> Table:
        return table(Row((document_id,), 11, color=THEME["muted"]), Row(wrap(title, SOP_WIDTH), 13, bold=True, color=THEME["ink"]))

    def heading(phase: str) -> Table:
        return table(Row((_(PHASES[phase]),), 18, bold=True, color=THEME["ink"]))

    columns = [(phase, [sop_label(*sop) for sop in sops_by_phase.get(phase, ())]) for phase in PHASE_SEQUENCE if sops_by_phase.get(phase)]
    across = [sop_label(*sop) for sop in sops_by_phase.get("lifecycle", ())]
    box = max((_box_size(label) for _, labels in columns for label in labels), default=(0.0, 0.0))
    box = max([box, *(_box_size(label) for label in across)], default=box)
    box_width, box_height = box[0], box[1] + 10  # room for the rounded corners
    head_height = max((heading(phase).size_points()[1] for phase in PHASES), default=20.0)
    column_width = box_width + 2 * PHASE_PADDING
    tallest = max((len(labels) for _, labels in columns), default=0)
    column_height = head_height + PHASE_PADDING * 2 + tallest * (box_height + SOP_GAP)
    total_width = max(len(columns) * column_width + max(len(columns) - 1, 0) * PHASE_GAP, column_width)
    per_row = max(1, int((total_width - 2 * PHASE_PADDING + SOP_GAP) // (box_width + SOP_GAP)))
    across_rows = -(-len(across) // per_row) if across else 0
    across_top = column_height + PHASE_GAP / 2 if columns else 0.0
    across_height = head_height + PHASE_PADDING * 2 + across_rows * (box_height + SOP_GAP) if across else 0.0
    canvas.height = (across_top + across_height) if across else column_height
    graph.attr(bb=canvas.bb(0, 0, total_width, canvas.height))

    for index, (phase, labels) in enumerate(columns):
        left = index * (column_width + PHASE_GAP)
        with graph.subgraph(name=f"cluster_{phase.replace('-', '_')}") as cluster:
            cluster.attr(
                label="",
                style="rounded,filled",
                fillcolor=THEME["person_lane"],
                color=THEME["lane_border"],
                id=f"phase-{phase}",
                bb=canvas.bb(left, 0, left + column_width, column_height),
            )
            cluster.node(f"{phase}_head", heading(phase).label(), shape="plain", pos=canvas.pos(left + column_width / 2, PHASE_PADDING + head_height / 2), id=f"phase-head-{phase}")
            y = PHASE_PADDING * 2 + head_height
            for number, ((document_id, _title), label) in enumerate(zip(sops_by_phase[phase], labels)):
                cluster.node(
                    f"{PHASE_CODES[phase].lower()}{number}",
                    label.label(),
                    id=f"sop-{document_id}",
                    pos=canvas.pos(left + column_width / 2, y + box_height / 2),
                    width=inches(box_width),
                    height=inches(box_height),
                    **style,
                )
                y += box_height + SOP_GAP
        if index:
            previous = (index - 1) * (column_width + PHASE_GAP) + column_width
            graph.node(f"arrow{index}_from", "", shape="point", style="invis", pos=canvas.pos(previous + 4, column_height / 2))
            graph.node(f"arrow{index}_to", "", shape="point", style="invis", pos=canvas.pos(left - 4, column_height / 2))
            graph.edge(f"arrow{index}_from", f"arrow{index}_to", penwidth="5", color=THEME["automated_border"], arrowsize="1.4")
    if across:
        with graph.subgraph(name="cluster_lifecycle") as cluster:
            cluster.attr(
                label="",
                style="rounded,filled",
                fillcolor=THEME["summary_fill"],
                color=THEME["lane_border"],
                id="phase-lifecycle",
                bb=canvas.bb(0, across_top, total_width, across_top + across_height),
            )
            cluster.node("lifecycle_head", heading("lifecycle").label(), shape="plain", pos=canvas.pos(total_width / 2, across_top + PHASE_PADDING + head_height / 2), id="phase-head-lifecycle")
            row_width = min(len(across), per_row) * (box_width + SOP_GAP) - SOP_GAP
            start = (total_width - row_width) / 2
            for position, ((document_id, _title), label) in enumerate(zip(sops_by_phase["lifecycle"], across)):
                row, place = divmod(position, per_row)
                cluster.node(
                    f"{PHASE_CODES['lifecycle'].lower()}{position}",
                    label.label(),
                    id=f"sop-{document_id}",
                    pos=canvas.pos(
                        start + place * (box_width + SOP_GAP) + box_width / 2,
                        across_top + PHASE_PADDING * 2 + head_height + row * (box_height + SOP_GAP) + box_height / 2,
                    ),
                    width=inches(box_width),
                    height=inches(box_height),
                    **style,
                )
    return graph

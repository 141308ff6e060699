"""Swimlane flowcharts of order flows and the handbook's lifecycle overview, as graphviz.Digraph (never rendered here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .analysis import FlowAnalysis, Handoff
from .chart_text import chart_font, check_cjk_font, escape, escaped_lines, font_stack, wrap
from .i18n import Localizer
from .model import Edge, FlowBlueprint, FlowStep
from .vocabulary import EDGE_CHANNEL_LABELS, N_, PHASE_CODES, PHASES

if TYPE_CHECKING:
    import graphviz

__all__ = ["THEME", "chart_font", "check_cjk_font", "flowchart", "lifecycle_chart"]

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
    }
)
TITLE_WIDTH = 18  # display columns of a step title line
LANE_WIDTH = 14
EDGE_LABEL_WIDTH = 20
DETAIL_WIDTH = 26
LANE_HEAD_POINTS = 120
EDGE_LABEL = "label"

LANE_TYPE_LABELS = MappingProxyType({"person": N_("person"), "system": N_("system")})

GRAPH_ATTRIBUTES = MappingProxyType(
    {
        "forcelabels": "true",
        "newrank": "true",  # without it large clustered graphs can come out broken with exit status 0
        "rankdir": "LR",
        "ranksep": "0.3",
        "nodesep": "0.22",
        "pad": "0.3",
        "bgcolor": "white",
        "labelloc": "t",
        "labeljust": "l",
        "outputorder": "edgesfirst",
        "fontsize": "14",
    }
)
STEP_STYLES = MappingProxyType(
    {
        "manual": {
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": THEME["manual_fill"],
            "color": THEME["manual_border"],
            "penwidth": "1.6",
        },
        "automated": {
            "shape": "box",
            "style": "filled",
            "peripheries": "2",
            "fillcolor": THEME["automated_fill"],
            "color": THEME["automated_border"],
            "penwidth": "1.2",
        },
    }
)
BOTTLENECK_STYLE = MappingProxyType({"fillcolor": THEME["bottleneck_fill"], "color": THEME["bottleneck_border"], "penwidth": "5"})
CRITICAL_STYLE = MappingProxyType({"color": THEME["critical_border"], "penwidth": "3.5"})
MANUAL_HANDOFF_STYLE = MappingProxyType(
    {"color": THEME["handoff"], "penwidth": "4", "style": "dashed", "arrowsize": "1.1", "fontcolor": THEME["handoff_text"]}
)
REWORK_STYLE = MappingProxyType({"color": THEME["rework"], "style": "dotted", "penwidth": "2.2", "constraint": "false", "fontcolor": THEME["rework"]})
PLAIN_EDGE_STYLE = MappingProxyType({"color": THEME["edge"], "penwidth": "1.6"})
CRITICAL_PATH_EDGE_STYLE = MappingProxyType({"color": THEME["critical_path"], "penwidth": "3.2"})


def _new_graph(name: str, locale: str, font: str | None) -> graphviz.Digraph:
    import graphviz

    fonts = font_stack(locale, font)
    return graphviz.Digraph(
        name=name,
        graph_attr={**GRAPH_ATTRIBUTES, "fontname": fonts},
        node_attr={"fontname": fonts, "fontsize": "14", "margin": "0.14,0.07", "fontcolor": THEME["ink"]},
        edge_attr={"fontname": fonts, "fontsize": "12", "color": THEME["edge"], "arrowsize": "0.9"},
    )


def _font(text: str, size: int | None = None, color: str | None = None, bold: bool = False) -> str:
    """Wrap an already escaped fragment in FONT/B tags."""
    if bold:
        text = f"<B>{text}</B>"
    attributes = (f' POINT-SIZE="{size}"' if size else "") + (f' COLOR="{color}"' if color else "")
    return f"<FONT{attributes}>{text}</FONT>" if attributes else text


def _badge(text: str, background: str) -> str:
    return f'<TR><TD BGCOLOR="{background}" CELLPADDING="3">{_font(escape(text), 12, "white", bold=True)}</TD></TR>'


def _table(rows: Sequence[str], **attributes: str) -> str:
    settings = {"BORDER": "0", "CELLBORDER": "0", "CELLSPACING": "0", "CELLPADDING": "1", **attributes}
    opening = " ".join(f'{key}="{value}"' for key, value in settings.items())
    return f"<<TABLE {opening}>{''.join(rows)}</TABLE>>"


def _join_wrapped(pieces: Sequence[str], width: int) -> list[str]:
    """Short pieces joined by ' · ' into lines of about `width` columns."""
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 3 + len(piece) <= width:
            lines[-1] += " · " + piece
        else:
            lines.append(piece)
    return lines


class _FlowChart:
    """Builds one flow's chart; node ids are generated here, user text only ever goes into labels."""

    def __init__(self, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None):
        self.flow = flow
        self.analysis = analysis
        self.localizer = localizer
        self._ = localizer._
        self.graph = _new_graph(f"flow {flow.id}", localizer.locale, font)
        self.step_ids = {step.id: f"step{index}" for index, step in enumerate(flow.steps)}
        self.lane_index = {lane.id: index for index, lane in enumerate(flow.lanes)}
        self.handoffs = {(h.from_step, h.to_step): h for h in analysis.handoffs}
        path = analysis.critical_path
        self.on_critical_path = set(path)
        self.critical_edges = set(zip(path, path[1:]))
        bottleneck = analysis.bottleneck
        self.bottleneck = bottleneck.step if bottleneck else None
        self.waypoints: dict[int, str] = {}

    def build(self) -> graphviz.Digraph:
        self.graph.attr(label=self._summary())
        heads, tails = [], []
        for index, lane in enumerate(self.flow.lanes):
            head, tail = f"lane{index}_head", f"lane{index}_tail"
            heads.append(head)
            tails.append(tail)
            fill = THEME["system_lane"] if lane.type == "system" else THEME["person_lane"]
            with self.graph.subgraph(name=f"cluster_lane{index}") as cluster:
                cluster.attr(label="", style="filled", fillcolor=fill, color=THEME["lane_border"], penwidth="1.2", id=f"lane-{lane.id}")
                cluster.node(head, self._lane_label(lane.title, lane.type), shape="plain", id=f"lane-head-{lane.id}")
                cluster.node(tail, "", shape="point", style="invis", width="0.01")
                for step in self.flow.steps:
                    if step.lane == lane.id:
                        self._step(cluster, step)
                for edge_index, edge in enumerate(self.flow.edges):
                    if self.flow.step(edge.from_step).lane == lane.id:
                        self._waypoint(cluster, edge_index, edge)
        legend_head = self._legend()
        heads.append(legend_head)
        self._stack_lanes(heads, tails)
        for index, edge in enumerate(self.flow.edges):
            self._edge(index, edge)
        return self.graph

    # ---- layout

    def _stack_lanes(self, heads: list[str], tails: list[str]) -> None:
        """Lanes as horizontal bands in blueprint order, each spanning the whole width.

        Flat edges between clusters do not order them; `ordering=out` on a hidden root does:
        its out-edges keep their declared order. Heads share one rank and tails another, and
        every entry step follows its lane's head and every exit step precedes its lane's tail.
        """
        self.graph.node("lanes_root", "", shape="point", style="invis", width="0.01", ordering="out")
        for head in heads:
            self.graph.edge("lanes_root", head, style="invis")
        for names in (heads, tails):
            with self.graph.subgraph() as rank:
                rank.attr(rank="same")
                for name in names:
                    rank.node(name)
        successors = {edge.from_step for edge in self.flow.edges if not edge.rework}
        predecessors = {edge.to_step for edge in self.flow.edges if not edge.rework}
        for step in self.flow.steps:
            lane = self.lane_index[step.lane]
            if step.id not in predecessors:
                self.graph.edge(f"lane{lane}_head", self.step_ids[step.id], style="invis")
            if step.id not in successors:
                self.graph.edge(self.step_ids[step.id], f"lane{lane}_tail", style="invis")

    # ---- labels

    def _lane_label(self, title: str, lane_type: str) -> str:
        marker = self._(LANE_TYPE_LABELS[lane_type])
        return _table(
            [
                f'<TR><TD WIDTH="{LANE_HEAD_POINTS}">{_font(escaped_lines(wrap(title, LANE_WIDTH)), 16, THEME["ink"], bold=True)}</TD></TR>',
                f"<TR><TD>{_font(escape(marker), 12, THEME['muted'])}</TD></TR>",
            ],
            CELLPADDING="2",
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
            step = self.flow.step(analysis.bottleneck.step)
            shown = " ".join(wrap(step.title, 40)[:1]) + ("…" if len(wrap(step.title, 40)) > 1 else "")
            if analysis.bottleneck.utilization is not None:
                shown = _("{step} ({utilization})").format(step=shown, utilization=localizer.percent(analysis.bottleneck.utilization))
            cards.append((_("Bottleneck"), shown, THEME["bottleneck_border"]))
        cells = "".join(
            f'<TD BGCOLOR="{THEME["summary_fill"]}" BORDER="1" COLOR="#CBD2D9" CELLPADDING="6" ALIGN="LEFT">'
            f"{_font(escape(label), 12, THEME['muted'])}<BR ALIGN=\"LEFT\"/>{_font(escape(value), 18, color, bold=True)}</TD>"
            for label, value, color in cards
        )
        title = _font(escaped_lines(wrap(self.flow.title, 70)), 24, THEME["ink"], bold=True)
        return _table(
            [
                f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD></TR>',
                f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="6" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD></TR>',
            ],
            CELLPADDING="2",
        )

    def _step_label(self, step: FlowStep, badge: tuple[str, str] | None) -> str:
        figures = self.analysis.step(step.id)
        localizer, _ = self.localizer, self._
        details = []
        if figures.wait_minutes:
            details.append(_("wait {duration}").format(duration=localizer.duration(figures.wait_minutes)))
        if figures.handling_minutes:
            details.append(_("work {duration}").format(duration=localizer.duration(figures.handling_minutes)))
        if figures.utilization is not None and badge is None:
            details.append(_("load {percent}").format(percent=localizer.percent(figures.utilization)))
        rows = [_badge(*badge)] if badge else []
        rows.append(f"<TR><TD>{_font(escaped_lines(wrap(step.title, TITLE_WIDTH)), 14, THEME['ink'], bold=True)}</TD></TR>")
        if details:
            rows.append(f"<TR><TD>{_font(escaped_lines(_join_wrapped(details, DETAIL_WIDTH)), 11, THEME['muted'])}</TD></TR>")
        return _table(rows, CELLPADDING="2")

    def _badge_of(self, step: FlowStep) -> tuple[str, str] | None:
        figures = self.analysis.step(step.id)
        shown = self.localizer.percent(figures.utilization) if figures.utilization is not None else None
        if step.id == self.bottleneck:
            if shown is None:
                return self._("BOTTLENECK · longest wait"), THEME["bottleneck_border"]
            return self._("BOTTLENECK · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= 1.0:
            return self._("OVERLOADED · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= 0.85:
            return self._("CRITICAL · {percent}").format(percent=shown), THEME["critical_border"]
        return None

    # ---- nodes and edges

    def _step(self, cluster: Any, step: FlowStep) -> None:
        mode = self.flow.mode_of(step)
        badge = self._badge_of(step)
        attributes: dict[str, str] = dict(STEP_STYLES[mode])
        classes = ["step", mode]
        if step.id in self.on_critical_path:
            attributes["penwidth"] = "3"
            classes.append("critical-path")
        if badge is not None and step.id != self.bottleneck:
            attributes.update(CRITICAL_STYLE)
            classes.append("critical")
        if step.id == self.bottleneck:
            attributes.update(BOTTLENECK_STYLE)
            classes.append("bottleneck")
        cluster.node(
            self.step_ids[step.id],
            self._step_label(step, badge),
            id=f"step-{step.id}",
            tooltip=step.title,
            **{"class": " ".join(classes)},
            **attributes,
        )

    def _edge_style(self, edge: Edge, handoff: Handoff | None) -> tuple[dict[str, str], list[str]]:
        attributes: dict[str, str] = {}
        classes = ["edge"]
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

    def _waypoint(self, cluster: Any, index: int, edge: Edge) -> None:
        """An edge's label as a node of its own in the sender's lane, which the edge passes through.

        Graphviz places edge labels of rankdir=LR charts where steps can cover them; a node is never covered.
        """
        handoff = self.handoffs.get((edge.from_step, edge.to_step))
        label = self._edge_label(edge, handoff)
        if label is None:
            return
        _, classes = self._edge_style(edge, handoff)
        name = f"via{index}"
        self.waypoints[index] = name
        svg_id = f"handoff-{handoff.number}" if handoff is not None else f"label-{edge.from_step}--{edge.to_step}"
        cluster.node(name, label, shape="plain", id=svg_id, **{"class": " ".join(["waypoint", *classes[1:]])})

    def _edge(self, index: int, edge: Edge) -> None:
        handoff = self.handoffs.get((edge.from_step, edge.to_step))
        attributes, classes = self._edge_style(edge, handoff)
        source, target = self.step_ids[edge.from_step], self.step_ids[edge.to_step]
        svg_id = f"edge-{edge.from_step}--{edge.to_step}"
        waypoint = self.waypoints.get(index)
        if waypoint is None:
            self.graph.edge(source, target, id=svg_id, **{"class": " ".join(classes)}, **attributes)
            return
        leading = {**attributes, "arrowhead": "none", "constraint": "true"}
        self.graph.edge(source, waypoint, id=f"{svg_id}-1", **{"class": " ".join(classes)}, **leading)
        self.graph.edge(waypoint, target, id=f"{svg_id}-2", **{"class": " ".join(classes)}, **attributes)

    def _edge_label(self, edge: Edge, handoff: Handoff | None) -> str | None:
        rows = []
        channel = self._(EDGE_CHANNEL_LABELS[edge.channel])
        color = THEME["rework"] if edge.rework else THEME["ink"]
        if handoff is not None and handoff.manual:
            number = _font(escape(f"#{self.localizer.number(handoff.number, 0)}"), 14, "white", bold=True)
            rows.append(
                f'<TR><TD BGCOLOR="{THEME["handoff"]}" CELLPADDING="3">{number}</TD>'
                f'<TD CELLPADDING="3">{_font(escape(channel), 13, THEME["handoff_text"], bold=True)}</TD></TR>'
            )
        elif edge.channel != "system":
            rows.append(f'<TR><TD COLSPAN="2">{_font(escape(channel), 12, color, bold=True)}</TD></TR>')
        if edge.label:
            rows.append(f'<TR><TD COLSPAN="2">{_font(escaped_lines(wrap(edge.label, EDGE_LABEL_WIDTH)), 11, color)}</TD></TR>')
        elif edge.rework:
            rows.append(f'<TR><TD COLSPAN="2">{_font(escape(self._("rework")), 11, color)}</TD></TR>')
        if not rows:
            return None
        return _table(rows, BGCOLOR="white", CELLPADDING="1", COLOR=THEME["handoff"] if handoff and handoff.manual else THEME["lane_border"], BORDER="1")

    # ---- legend

    def _legend(self) -> str:
        _ = self._
        head = "legend_head"
        with self.graph.subgraph(name="cluster_legend") as legend:
            legend.attr(label="", style="rounded", color=THEME["lane_border"], id="legend")
            legend.node(head, _table([f"<TR><TD>{_font(escape(_('Legend')), 16, THEME['ink'], bold=True)}</TD></TR>"]), shape="plain")
            samples = [
                ("legend_manual", _("Manual step"), STEP_STYLES["manual"]),
                ("legend_automated", _("Automated step"), STEP_STYLES["automated"]),
                ("legend_bottleneck", _("Bottleneck"), {**STEP_STYLES["manual"], **BOTTLENECK_STYLE}),
                ("legend_critical", _("Critical: 85 % or more utilized"), {**STEP_STYLES["manual"], **CRITICAL_STYLE}),
            ]
            for name, text, style in samples:
                legend.node(name, _table([f"<TR><TD>{_font(escaped_lines(wrap(text, TITLE_WIDTH)), 13)}</TD></TR>"]), **style)
            legend.edge(head, "legend_manual", style="invis")
            legend.edge(
                "legend_manual",
                "legend_automated",
                label=_table(
                    [
                        f'<TR><TD BGCOLOR="{THEME["handoff"]}" CELLPADDING="3">{_font("#1", 14, "white", bold=True)}</TD>'
                        f'<TD CELLPADDING="3">{_font(escape(_("Manual hand-off: number and channel")), 12, THEME["handoff_text"], bold=True)}</TD></TR>'
                    ],
                    BGCOLOR="white",
                ),
                **MANUAL_HANDOFF_STYLE,
            )
            legend.edge(
                "legend_automated",
                "legend_bottleneck",
                label=_table([f"<TR><TD>{_font(escape(_('Critical path: sets the lead time')), 12)}</TD></TR>"], BGCOLOR="white"),
                **CRITICAL_PATH_EDGE_STYLE,
            )
            legend.edge("legend_bottleneck", "legend_critical", style="invis", weight="5")
            legend.edge(
                "legend_critical",
                "legend_bottleneck",
                label=_table([f"<TR><TD>{_font(escape(_('rework')), 12, THEME['rework'])}</TD></TR>"], BGCOLOR="white"),
                **REWORK_STYLE,
            )
        return head


def flowchart(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, font: str | None = None) -> graphviz.Digraph:
    """The swimlane chart of a localized flow: lanes top to bottom in blueprint order, steps left to right."""
    return _FlowChart(flow, analysis, localizer, font).build()


def lifecycle_chart(
    sops_by_phase: Mapping[str, Sequence[tuple[str, str]]], localizer: Localizer, font: str | None = None
) -> graphviz.Digraph:
    """The handbook's overview: pre-sale → sale → post-sale, each phase listing its SOPs, then those across the lifecycle."""
    _ = localizer._
    graph = _new_graph("lifecycle", localizer.locale, font)
    graph.attr(nodesep="0.12", ranksep="0.9")
    graph.node_attr.update(shape="box", style="rounded,filled", fillcolor=THEME["automated_fill"], color=THEME["automated_border"])
    sequence = [phase for phase in ("pre-sale", "sale", "post-sale") if sops_by_phase.get(phase)]
    firsts: list[str] = []
    for phase_index, phase in enumerate(PHASES):
        sops = sops_by_phase.get(phase, ())
        if not sops:
            continue
        names = [f"{PHASE_CODES[phase].lower()}{index}" for index in range(len(sops))]
        across = phase == "lifecycle"
        with graph.subgraph(name=f"cluster_{phase_index}") as cluster:
            cluster.attr(
                label=_table([f"<TR><TD>{_font(escape(_(PHASES[phase])), 18, THEME['ink'], bold=True)}</TD></TR>"]),
                style="rounded,filled",
                fillcolor=THEME["person_lane"] if not across else THEME["summary_fill"],
                color=THEME["lane_border"],
                id=f"phase-{phase}",
            )
            for name, (document_id, title) in zip(names, sops):
                label = _table(
                    [
                        f"<TR><TD>{_font(escape(document_id), 11, THEME['muted'])}</TD></TR>",
                        f"<TR><TD>{_font(escaped_lines(wrap(title, TITLE_WIDTH)), 13, bold=True)}</TD></TR>",
                    ]
                )
                cluster.node(name, label, id=f"sop-{document_id}")
            if not across:
                with cluster.subgraph() as column:
                    column.attr(rank="same")
                    for name in names:
                        column.node(name)
                for upper, lower in zip(names, names[1:]):
                    cluster.edge(upper, lower, style="invis")
            else:
                for left, right in zip(names, names[1:]):
                    cluster.edge(left, right, style="invis")
        firsts.append(names[0])
    if len(sequence) > 1:
        graph.attr(compound="true")
        order = {phase: index for index, phase in enumerate(PHASES)}
        for before, after in zip(sequence, sequence[1:]):
            graph.edge(
                f"{PHASE_CODES[before].lower()}0",
                f"{PHASE_CODES[after].lower()}0",
                ltail=f"cluster_{order[before]}",
                lhead=f"cluster_{order[after]}",
                penwidth="4",
                color=THEME["automated_border"],
                arrowsize="1.3",
            )
    return graph

"""The look of sopgen's charts as data: colours, sizes, Graphviz attributes and styles per kind of box and arrow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from sopgen.charts.labels import Table
from sopgen.charts.text import font_stack
from sopgen.i18n.interface import N_

if TYPE_CHECKING:
    import graphviz

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
        "measured": "#0B7285",
        "changed": "#2B8A3E",
    }
)
TITLE_WIDTH = 18  # display columns of a step title line
LANE_WIDTH = 14
EDGE_LABEL_WIDTH = 16
DETAIL_WIDTH = 26
LANE_HEAD_POINTS = 118.0
SMALL_TEXT = 12  # points: the smallest text of a chart (figures, edge labels); prints at 6 points when a chart is halved
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
MEASURED_BOTTLENECK_STYLE = MappingProxyType({"color": THEME["measured"], "penwidth": "5"})
CHANGED_STYLE = MappingProxyType({"color": THEME["changed"], "penwidth": "5"})  # a future state's changed steps
MANUAL_HANDOFF_STYLE = MappingProxyType({"color": THEME["handoff"], "penwidth": "4", "style": "dashed", "arrowsize": "1.1"})
REWORK_STYLE = MappingProxyType({"color": THEME["rework"], "style": "dotted", "penwidth": "2.2", "constraint": "false"})
PLAIN_EDGE_STYLE = MappingProxyType({"color": THEME["edge"], "penwidth": "1.6"})
CRITICAL_PATH_EDGE_STYLE = MappingProxyType({"color": THEME["critical_path"], "penwidth": "3.2"})


def step_attributes(classes: Sequence[str]) -> dict[str, str]:
    """A step box's Graphviz attributes from its classes (mode first), so that exports colour it the same."""
    attributes = dict(STEP_STYLES["automated" if "automated" in classes else "manual"])
    for name, style in (
        ("critical-path", CRITICAL_PATH_STEP_STYLE),
        ("bottleneck", BOTTLENECK_STYLE),
        ("critical", CRITICAL_STYLE),
        ("measured-bottleneck", MEASURED_BOTTLENECK_STYLE),
        ("changed", CHANGED_STYLE),
    ):
        if name in classes:
            attributes.update(style)
    return attributes


def edge_attributes(classes: Sequence[str]) -> dict[str, str]:
    """An edge's Graphviz attributes from its classes: rework or critical-path, handoff, manual."""
    attributes = dict(REWORK_STYLE if "rework" in classes else CRITICAL_PATH_EDGE_STYLE if "critical-path" in classes else PLAIN_EDGE_STYLE)
    if "manual" in classes:
        attributes.update(MANUAL_HANDOFF_STYLE)
        if "rework" in classes:
            attributes["style"] = "dotted"
    return attributes


def new_graph(name: str, locale: str, font: str | None) -> graphviz.Digraph:
    from sopgen.charts.dot_graph import DotGraph

    fonts = font_stack(locale, font)
    graph = DotGraph(
        name=name,
        engine=ENGINE,
        graph_attr={**GRAPH_ATTRIBUTES, "fontname": fonts},
        node_attr={"fontname": fonts, "fontsize": "14", "margin": "0.14,0.07", "fontcolor": THEME["ink"]},
        edge_attr={"fontname": fonts, "fontsize": "12", "color": THEME["edge"], "arrowsize": "0.9"},
    )
    graph.body.append(f"\t// {DOT_COMMENT}\n")
    return graph


def box_size(label: Table, shaped: bool = True) -> tuple[float, float]:
    width, height = label.size_points()
    if not shaped:
        return width, height
    return width + 2 * NODE_MARGIN[0] + SHAPE_ALLOWANCE, height + 2 * NODE_MARGIN[1] + SHAPE_ALLOWANCE


@dataclass
class Canvas:
    """Positions in points with y growing downwards, turned into Graphviz's upward y."""

    height: float = 0.0

    def pos(self, x: float, y: float) -> str:
        return f"{x:.1f},{self.height - y:.1f}"

    def bb(self, left: float, top: float, right: float, bottom: float) -> str:
        return f"{left:.1f},{self.height - bottom:.1f},{right:.1f},{self.height - top:.1f}"



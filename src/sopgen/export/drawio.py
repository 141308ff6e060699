"""A flow as a draw.io (diagrams.net) file: a swimlane per lane, its steps inside, edges between them, the legend below.

Positions and colours are the chart's own. Labels are HTML, as draw.io writes them itself:
user text is HTML-escaped first, then the whole label XML-escaped as an attribute, so that
no blueprint text can become markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.model import FlowBlueprint
from sopgen.charts.flowchart import placed_flow
from sopgen.charts.placed import Box, PlacedEdge, PlacedFlow, PlacedStep
from sopgen.charts.swimlanes import Point
from sopgen.charts.text import balanced_wrap
from sopgen.charts.theme import EDGE_LABEL_WIDTH, THEME
from sopgen.export.geometry import Look, corners, edge_look, fraction_along, lane_fill, number, step_look, xml_text
from sopgen.i18n.localizer import Localizer

LANE_HEAD = 48.0  # the strip at the left of each swimlane that holds its name, written upwards
TITLE_GAP = 24.0
MARGIN = 20.0


def flow_drawio(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> bytes:
    """The draw.io file of a localized flow, in the language of `localizer`."""
    return _DrawioFile(placed_flow(flow, analysis, localizer), flow).build()


def _text(text: str) -> str:
    """User text for an HTML label: shown literally, line breaks kept."""
    return html.escape(xml_text(text), quote=True).replace("\n", "<br>")


def _style(**entries: object) -> str:
    """A draw.io style string from its keys, in the order given; None leaves a key out, swimlane=True and text=True are bare names."""
    parts = []
    for key, value in entries.items():
        if value is None:
            continue
        parts.append(key if value is True and key in ("swimlane", "text") else f"{key}={_style_value(value)}")
    return ";".join(parts) + ";"


def _style_value(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return number(value)
    return str(value)


def _look_style(look: Look) -> dict[str, object]:
    style: dict[str, object] = {"strokeColor": look.stroke, "strokeWidth": look.width}
    if look.dash == "dashed":
        style.update(dashed=True)
    elif look.dash == "dotted":
        style.update(dashed=True, dashPattern="1 3")
    return style


class _DrawioFile:
    """One page: the title, a swimlane per lane holding its steps, the edges, the legend; all moved down below the title."""

    def __init__(self, placed: PlacedFlow, flow: FlowBlueprint):
        from lxml import etree

        self.etree = etree
        self.placed, self.flow = placed, flow
        self.title_height = 30.0 + 20.0 * ((len(placed.summary) + 1) // 2)
        self.dy = MARGIN + self.title_height + TITLE_GAP  # everything moves down to make room for the title
        self.lane_left = placed.head_width - LANE_HEAD
        self.lane_cells = {lane.lane.id: f"lane-{lane.lane.id}" for lane in placed.lanes}

    def build(self) -> bytes:
        etree, placed = self.etree, self.placed
        width = max(placed.right, placed.legend_right) + MARGIN
        height = self.dy + placed.legend_top + placed.legend_height + MARGIN
        document = etree.Element("mxfile", host="sopgen", type="device")
        diagram = etree.SubElement(document, "diagram", id=f"flow-{self.flow.id}", name=xml_text(self.flow.title))
        model = etree.SubElement(
            diagram,
            "mxGraphModel",
            grid="1", gridSize="10", guides="1", tooltips="1", connect="1", arrows="1", fold="1",
            page="1", pageScale="1", pageWidth=number(width), pageHeight=number(height), math="0", shadow="0",
        )
        self.root = etree.SubElement(model, "root")
        etree.SubElement(self.root, "mxCell", id="0")
        etree.SubElement(self.root, "mxCell", id="1", parent="0")
        self._title()
        for index, lane in enumerate(placed.lanes):
            self._lane(index, lane)
        for step in placed.steps:
            self._step(step)
        for edge in placed.edges:
            self._edge(edge)
        self._legend()
        return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    # ---- cells

    def _vertex(self, cell_id: str, value: str, style: str, parent: str, x: float, y: float, width: float, height: float) -> Any:
        cell = self.etree.SubElement(self.root, "mxCell", id=cell_id, value=value, style=style, vertex="1", parent=parent)
        self.etree.SubElement(cell, "mxGeometry", x=number(x), y=number(y), width=number(width), height=number(height), **{"as": "geometry"})
        return cell

    def _line(self, cell_id: str, value: str, style: str, parent: str, points: Sequence[Point], ends: tuple[str, str] | None, label_at: float | None = None) -> Any:
        """An edge; with `ends` between two cells through the inner points, else a free line from the first point to the last."""
        etree = self.etree
        attributes = {"id": cell_id, "value": value, "style": style, "edge": "1", "parent": parent}
        if ends:
            attributes.update(source=ends[0], target=ends[1])
        cell = etree.SubElement(self.root, "mxCell", attributes)
        geometry_attributes = {"relative": "1", "as": "geometry"}
        if label_at is not None:
            geometry_attributes["x"] = number(2 * label_at - 1) if abs(2 * label_at - 1) >= 0.05 else "0"
        geometry = etree.SubElement(cell, "mxGeometry", geometry_attributes)
        if ends is None:
            etree.SubElement(geometry, "mxPoint", x=number(points[0][0]), y=number(points[0][1]), **{"as": "sourcePoint"})
            etree.SubElement(geometry, "mxPoint", x=number(points[-1][0]), y=number(points[-1][1]), **{"as": "targetPoint"})
        elif len(points) > 2:
            array = etree.SubElement(geometry, "Array", **{"as": "points"})
            for x, y in points[1:-1]:
                etree.SubElement(array, "mxPoint", x=number(x), y=number(y))
        return cell

    # ---- the chart

    def _title(self) -> None:
        placed = self.placed
        figures = " · ".join(f"{_text(label)}: <b>{_text(value)}</b>" for label, value in placed.summary)
        value = f'<font style="font-size:20px"><b>{_text(placed.title)}</b></font><br>{figures}'
        style = _style(text=True, html=1, align="left", verticalAlign="top", whiteSpace="wrap", fontSize=13, fontColor=THEME["ink"], spacing=0)
        self._vertex("title", value, style, "1", self.lane_left, MARGIN, max(placed.right - self.lane_left, 400.0), self.title_height)

    def _lane(self, index: int, lane: Any) -> None:
        band = lane.band
        value = f'<b>{_text(lane.lane.title)}</b><br><font style="font-size:11px" color="{THEME["muted"]}">{_text(lane.kind)}</font>'
        fill = lane_fill(lane.lane.type)
        style = _style(
            swimlane=True, horizontal=0, html=1, whiteSpace="wrap", startSize=LANE_HEAD, collapsible=0, fontSize=14,
            fillColor=fill, swimlaneFillColor=fill, strokeColor=THEME["lane_border"], fontColor=THEME["ink"], fontStyle=0,
        )
        self._vertex(self.lane_cells[lane.lane.id], value, style, "1", self.lane_left, self.dy + band.top, self.placed.right - self.lane_left, band.bottom - band.top)

    def _step(self, placed: PlacedStep) -> None:
        look = step_look(placed.classes)
        lines = []
        if placed.badge:
            lines.append(f'<font color="{look.stroke}"><b>{_text(placed.badge)}</b></font>')
        lines.append(f"<b>{_text(placed.step.title)}</b>")
        if placed.details:
            details = " · ".join(_text(detail).replace(" ", "&nbsp;") for detail in placed.details)  # wrap between figures only
            lines.append(f'<font style="font-size:11px" color="{THEME["muted"]}">{details}</font>')
        shape: dict[str, object] = {"shape": "ext", "double": 1, "rounded": 0} if look.double else {"rounded": 1, "arcSize": 12}
        style = _style(**shape, whiteSpace="wrap", html=1, fillColor=look.fill, **_look_style(look), fontColor=THEME["ink"], fontSize=13)
        band = next(lane.band for lane in self.placed.lanes if lane.lane.id == placed.step.lane)
        box = placed.box
        self._vertex(f"step-{placed.step.id}", "<br>".join(lines), style, self.lane_cells[placed.step.lane], box.left - self.lane_left, box.top - band.top, *box.size)

    def _edge(self, placed: PlacedEdge) -> None:
        look = edge_look(placed.classes)
        points = [(x, y + self.dy) for x, y in corners(placed.route)]
        label_at = None
        value = ""
        if placed.label:
            label_at = fraction_along(points, (placed.label_box.centre[0], placed.label_box.centre[1] + self.dy)) if placed.label_box else 0.5
            first, *rest = placed.label
            manual = "manual" in placed.classes
            # Wrapped as in the chart, whose layout made room for the label's box at that width.
            shown = [f"<b>{_text(first)}</b>" if manual else _text(first), *(_text(line) for row in rest for line in balanced_wrap(row, EDGE_LABEL_WIDTH))]
            value = "<br>".join(shown)
        style = _style(
            edgeStyle="none", rounded=1, html=1, endArrow="block", endFill=1, endSize=8,
            exitX=1, exitY=0.5, exitDx=0, exitDy=0, entryX=0, entryY=0.5, entryDx=0, entryDy=0,
            **_look_style(look), fontColor=THEME["handoff_text"] if "manual" in placed.classes else look.stroke,
            fontSize=11, labelBackgroundColor="#FFFFFF",
            labelBorderColor=look.stroke if placed.label else None,
        )
        edge = placed.edge
        self._line(f"edge-{placed.index + 1}", value, style, "1", points, (f"step-{edge.from_step}", f"step-{edge.to_step}"), label_at)

    # ---- the legend

    def _legend(self) -> None:
        placed = self.placed
        top = self.dy + placed.legend_top
        frame = _style(rounded=1, arcSize=4, whiteSpace="wrap", html=1, fillColor="none", strokeColor=THEME["lane_border"], container=1, collapsible=0)
        self._vertex("legend", "", frame, "1", 0, top, max(placed.right, placed.legend_right), placed.legend_height)
        looks = {
            "legend-manual": step_look(("step", "manual")),
            "legend-automated": step_look(("step", "automated")),
            "legend-bottleneck": step_look(("step", "manual", "bottleneck")),
            "legend-critical": step_look(("step", "manual", "critical")),
        }
        arrows = {
            "legend-handoff": edge_look(("handoff", "manual")),
            "legend-path": edge_look(("critical-path",)),
            "legend-rework": edge_look(("rework",)),
        }
        for entry in sorted(placed.legend, key=lambda entry: entry.arrow is None):  # arrows first: the hand-off tag sits on its arrow
            box = _moved(entry.box, 0.0, -placed.legend_top)
            text = "<br>".join(_text(line) for line in entry.lines)
            if entry.name in looks:
                look = looks[entry.name]
                shape = {"shape": "ext", "double": 1, "rounded": 0} if look.double else {"rounded": 1, "arcSize": 12}
                style = _style(**shape, whiteSpace="wrap", html=1, fillColor=look.fill, **_look_style(look), fontColor=THEME["ink"], fontSize=12)
                self._vertex(entry.name, text, style, "legend", box.left, box.top, *box.size)
            elif entry.name == "legend-handoff-tag":
                style = _style(rounded=0, whiteSpace="wrap", html=1, fillColor=THEME["handoff"], strokeColor=THEME["handoff"], fontColor="#FFFFFF", fontStyle=1, fontSize=13)
                self._vertex(entry.name, text, style, "legend", box.left, box.top, *box.size)
            elif entry.arrow is not None:
                look = arrows[entry.name]
                style = _style(edgeStyle="none", html=1, endArrow="block", endFill=1, endSize=8, **_look_style(look))
                middle = box.centre[1]
                self._line(entry.name, "", style, "legend", [(entry.arrow[0], middle), (entry.arrow[1], middle)], None)
            else:
                bold = 1 if entry.name == "legend-title" else 0
                style = _style(text=True, html=1, align="left", verticalAlign="middle", whiteSpace="wrap", fontColor=THEME["ink"], fontSize=14 if bold else 12, fontStyle=bold)
                self._vertex(entry.name, text, style, "legend", box.left, box.top, *box.size)


def _moved(box: Box, dx: float, dy: float) -> Box:
    return Box((box.centre[0] + dx, box.centre[1] + dy), box.size)

"""A flow as BPMN 2.0 XML with its diagram: one pool, a lane per sopgen lane, placed by sopgen's swimlane layout.

bpmn-js (bpmn.io, Camunda Modeler) shows only what the diagram part (DI) places: every pool,
lane, flow node and sequence flow here has its shape or edge. Figures, hand-offs and the
bottleneck go into documentation, a text annotation and extension elements in sopgen's own
namespace; colours into the bioc: and color: attributes that bpmn-js and other tools read.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sopgen import __version__
from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.model import Edge, FlowBlueprint
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.charts.flowchart import placed_flow
from sopgen.charts.placed import Box, PlacedEdge, PlacedFlow, PlacedStep
from sopgen.charts.swimlanes import Point
from sopgen.charts.theme import THEME
from sopgen.export.geometry import corners, edge_look, number, step_look, xml_text
from sopgen.i18n.localizer import Localizer

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
SOPGEN = "urn:sopgen:bpmn:1.0"
NAMESPACES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "bioc": BIOC, "color": COLOR, "sopgen": SOPGEN}

EVENT_SIZE = 36.0  # bpmn-js draws events 36 × 36
POOL_HEAD = 30.0  # the strips bpmn-js gives the pool's and each lane's name
SUMMARY_WIDTH = 320.0
SUMMARY_LINE = 16.0
LABEL_LINE = 14.0  # bpmn-js writes labels of sequence flows in 11 px type
LABEL_GAP = 3.0


def flow_bpmn(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> bytes:
    """The BPMN 2.0 document of a localized flow, in the language of `localizer`."""
    return _BpmnDocument(flow, analysis, localizer).build()


class _SequenceFlow(NamedTuple):
    id: str
    source: str
    target: str
    route: tuple[Point, ...]
    placed: PlacedEdge | None  # None for the flows from start events and to end events


def _q(prefix: str, name: str) -> str:
    return f"{{{NAMESPACES[prefix]}}}{name}"


class _BpmnDocument:
    """One flow's definitions: the collaboration and its pool, the process, the diagram; ids from sopgen's own ids."""

    def __init__(self, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer):
        from lxml import etree

        self.etree = etree
        self.flow, self.analysis, self.localizer, self._ = flow, analysis, localizer, localizer._
        self.placed: PlacedFlow = placed_flow(flow, analysis, localizer, EVENT_SIZE)
        self.task_ids = {step.id: f"Activity_{step.id}" for step in flow.steps}
        self.figures = {figures.id: figures for figures in analysis.steps}
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}

    def build(self) -> bytes:
        etree, flow = self.etree, self.flow
        root = etree.Element(
            _q("bpmn", "definitions"),
            nsmap=NAMESPACES,
            id=f"Definitions_{flow.id}",
            targetNamespace=f"urn:sopgen:flow:{flow.id}",
            exporter="sopgen",
            exporterVersion=__version__,
        )
        collaboration = etree.SubElement(root, _q("bpmn", "collaboration"), id=f"Collaboration_{flow.id}")
        etree.SubElement(collaboration, _q("bpmn", "participant"), id=f"Participant_{flow.id}", name=xml_text(flow.title), processRef=f"Process_{flow.id}")
        summary = etree.SubElement(collaboration, _q("bpmn", "textAnnotation"), id=f"TextAnnotation_summary_{flow.id}")
        etree.SubElement(summary, _q("bpmn", "text")).text = xml_text(self._summary_text())
        process = etree.SubElement(root, _q("bpmn", "process"), id=f"Process_{flow.id}", isExecutable="false")
        self._process_figures(process)
        flows = self._sequence_flows()
        self._lanes(process)
        for event in self.placed.events:
            self._event(process, event.kind, event.step)
        for placed in self.placed.steps:
            self._task(process, placed)
        for sequence_flow in flows:
            self._sequence_flow(process, sequence_flow)
        self._diagram(root, flows)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    # ---- the process

    def _summary_text(self) -> str:
        line = self._("{label}: {value}")
        return "\n".join(line.format(label=label, value=value) for label, value in self.placed.summary)

    def _process_figures(self, process: Any) -> None:
        etree, analysis = self.etree, self.analysis
        text = "\n".join(part for part in (self.flow.description, self._summary_text()) if part)
        etree.SubElement(process, _q("bpmn", "documentation")).text = xml_text(text)
        extensions = etree.SubElement(process, _q("bpmn", "extensionElements"))
        figures = {
            "flow": self.flow.id,
            "volume": _plain(self.flow.volume),
            "leadTimeMinutes": _plain(analysis.lead_time_minutes),
            "manualHandoffs": str(analysis.manual_handoffs),
            "criticalPath": " ".join(analysis.critical_path),
        }
        if analysis.cycle_efficiency is not None:
            figures["cycleEfficiency"] = _plain(analysis.cycle_efficiency)
        etree.SubElement(extensions, _q("sopgen", "figures"), figures)
        if analysis.bottleneck is not None:
            bottleneck = {"step": analysis.bottleneck.step, "severity": analysis.bottleneck.severity}
            if analysis.bottleneck.utilization is not None:
                bottleneck["utilization"] = _plain(analysis.bottleneck.utilization)
            etree.SubElement(extensions, _q("sopgen", "bottleneck"), bottleneck)

    def _sequence_flows(self) -> list[_SequenceFlow]:
        """A flow from each start event and to each end event, then one per edge; each node learns its incoming and outgoing."""
        flows: list[_SequenceFlow] = []
        for event in self.placed.events:
            event_id, task = f"{event.kind.capitalize()}Event_{event.step}", self.task_ids[event.step]
            ends = (event_id, task) if event.kind == "start" else (task, event_id)
            flows.append(_SequenceFlow(f"Flow_{event.kind}_{event.step}", *ends, event.route, None))
        for placed in self.placed.edges:
            edge = placed.edge
            flows.append(_SequenceFlow(f"Flow_{placed.index + 1}", self.task_ids[edge.from_step], self.task_ids[edge.to_step], placed.route, placed))
        for sequence_flow in flows:
            self.outgoing.setdefault(sequence_flow.source, []).append(sequence_flow.id)
            self.incoming.setdefault(sequence_flow.target, []).append(sequence_flow.id)
        return flows

    def _lanes(self, process: Any) -> None:
        etree = self.etree
        lane_set = etree.SubElement(process, _q("bpmn", "laneSet"), id=f"LaneSet_{self.flow.id}")
        members: dict[str, list[str]] = {lane.id: [] for lane in self.flow.lanes}
        for event in self.placed.events:
            members[self.flow.lanes[event.lane].id].append(f"{event.kind.capitalize()}Event_{event.step}")
        for step in self.flow.steps:
            members[step.lane].append(self.task_ids[step.id])
        for placed in self.placed.lanes:
            lane = etree.SubElement(lane_set, _q("bpmn", "lane"), id=f"Lane_{placed.lane.id}", name=xml_text(placed.lane.title))
            etree.SubElement(lane, _q("bpmn", "documentation")).text = xml_text(placed.kind)
            for node in members[placed.lane.id]:
                etree.SubElement(lane, _q("bpmn", "flowNodeRef")).text = node

    def _event(self, process: Any, kind: str, step_id: str) -> None:
        event_id = f"{kind.capitalize()}Event_{step_id}"
        event = self.etree.SubElement(process, _q("bpmn", f"{kind}Event"), id=event_id)
        self._links(event, event_id)

    def _task(self, process: Any, placed: PlacedStep) -> None:
        etree, step = self.etree, placed.step
        element = "serviceTask" if "automated" in placed.classes else "manualTask"
        task = etree.SubElement(process, _q("bpmn", element), id=self.task_ids[step.id], name=xml_text(step.title))
        documentation = [line for line in (placed.badge, step.description, " · ".join(placed.details)) if line]
        if documentation:
            etree.SubElement(task, _q("bpmn", "documentation")).text = xml_text("\n".join(documentation))
        figures = self.figures[step.id]
        attributes = {
            "id": step.id,
            "lane": step.lane,
            "mode": figures.mode,
            "waitMinutes": _plain(figures.wait_minutes),
            "handlingMinutes": _plain(figures.handling_minutes),
            "share": _plain(step.share),
        }
        if figures.utilization is not None:
            attributes["utilization"] = _plain(figures.utilization)
        if step.staff is not None and step.hours_per_day is not None:
            attributes["staff"], attributes["hoursPerDay"] = _plain(step.staff), _plain(step.hours_per_day)
        for flag in ("critical-path", "bottleneck", "critical"):
            if flag in placed.classes:
                attributes[{"critical-path": "onCriticalPath"}.get(flag, flag)] = "true"
        etree.SubElement(etree.SubElement(task, _q("bpmn", "extensionElements")), _q("sopgen", "step"), attributes)
        self._links(task, self.task_ids[step.id])

    def _links(self, node: Any, node_id: str) -> None:
        for flow_id in self.incoming.get(node_id, ()):
            self.etree.SubElement(node, _q("bpmn", "incoming")).text = flow_id
        for flow_id in self.outgoing.get(node_id, ()):
            self.etree.SubElement(node, _q("bpmn", "outgoing")).text = flow_id

    def _sequence_flow(self, process: Any, flow: _SequenceFlow) -> None:
        etree, placed = self.etree, flow.placed
        attributes = {"id": flow.id, "sourceRef": flow.source, "targetRef": flow.target}
        if placed is not None and placed.label:
            attributes["name"] = xml_text("\n".join(placed.label))
        sequence_flow = etree.SubElement(process, _q("bpmn", "sequenceFlow"), attributes)
        if placed is None:
            return
        edge, handoff = placed.edge, placed.handoff
        documentation = [self._handoff_words(edge, handoff)] if handoff is not None else []
        if edge.label:
            documentation.append(edge.label)
        if documentation:
            etree.SubElement(sequence_flow, _q("bpmn", "documentation")).text = xml_text("\n".join(documentation))
        extensions = etree.SubElement(sequence_flow, _q("bpmn", "extensionElements"))
        details = {"channel": edge.channel, "rework": _bool(edge.rework), "onCriticalPath": _bool("critical-path" in placed.classes)}
        etree.SubElement(extensions, _q("sopgen", "edge"), details)
        if handoff is not None:
            etree.SubElement(extensions, _q("sopgen", "handoff"), {"number": str(handoff.number), "manual": _bool(handoff.manual)})

    def _handoff_words(self, edge: Edge, handoff: Any) -> str:
        if handoff.manual:
            words = self._("Manual hand-off #{number} by {channel}")
        else:
            words = self._("Hand-off #{number} by {channel}")
        return words.format(number=self.localizer.number(handoff.number, 0), channel=self._(EDGE_CHANNEL_LABELS[edge.channel]))

    # ---- the diagram

    def _diagram(self, root: Any, flows: list[_SequenceFlow]) -> None:
        etree, placed = self.etree, self.placed
        diagram = etree.SubElement(root, _q("bpmndi", "BPMNDiagram"), id=f"BPMNDiagram_{self.flow.id}")
        plane = etree.SubElement(diagram, _q("bpmndi", "BPMNPlane"), id=f"BPMNPlane_{self.flow.id}", bpmnElement=f"Collaboration_{self.flow.id}")
        pool_left = placed.head_width - 2 * POOL_HEAD
        right = placed.right
        self._shape(plane, f"Participant_{self.flow.id}", pool_left, 0.0, right - pool_left, placed.bottom, horizontal=True)
        lanes = placed.lanes
        for index, lane in enumerate(lanes):
            # Lanes of a pool touch: the gap the chart leaves between bands is shared out between them.
            top = (lane.band.top + lanes[index - 1].band.bottom) / 2 if index else lane.band.top
            bottom = (lane.band.bottom + lanes[index + 1].band.top) / 2 if index + 1 < len(lanes) else lane.band.bottom
            self._shape(plane, f"Lane_{lane.lane.id}", pool_left + POOL_HEAD, top, right - pool_left - POOL_HEAD, bottom - top, horizontal=True)
        for event in placed.events:
            colours = {"stroke": THEME["ink"], "fill": "white"}
            self._shape(plane, f"{event.kind.capitalize()}Event_{event.step}", *_bounds(event.box), colours=colours)
        for step in placed.steps:
            look = step_look(step.classes)
            self._shape(plane, self.task_ids[step.step.id], *_bounds(step.box), colours={"stroke": look.stroke, "fill": look.fill or "white"})
        summary_height = SUMMARY_LINE * (len(placed.summary) + 1)
        self._shape(plane, f"TextAnnotation_summary_{self.flow.id}", pool_left, -summary_height - 20, SUMMARY_WIDTH, summary_height)
        for flow in flows:
            look = edge_look(flow.placed.classes if flow.placed else ())
            label = flow.placed.label_box if flow.placed else None
            self._edge(plane, flow.id, corners(flow.route), look.stroke, label, len(flow.placed.label) if flow.placed else 0)

    def _shape(self, plane: Any, element: str, x: float, y: float, width: float, height: float, horizontal: bool = False, colours: dict[str, str] | None = None) -> None:
        attributes = {"id": f"{element}_di", "bpmnElement": element}
        if horizontal:
            attributes["isHorizontal"] = "true"
        shape = self.etree.SubElement(plane, _q("bpmndi", "BPMNShape"), attributes)
        if colours:
            _colour(shape, colours["stroke"], colours["fill"])
        self.etree.SubElement(shape, _q("dc", "Bounds"), x=number(x), y=number(y), width=number(width), height=number(height))

    def _edge(self, plane: Any, element: str, points: list[tuple[float, float]], stroke: str, label: Box | None, lines: int) -> None:
        etree = self.etree
        edge = etree.SubElement(plane, _q("bpmndi", "BPMNEdge"), id=f"{element}_di", bpmnElement=element)
        _colour(edge, stroke, None)
        for x, y in points:
            etree.SubElement(edge, _q("di", "waypoint"), x=number(x), y=number(y))
        if label is not None:
            height = LABEL_LINE * lines
            bpmn_label = etree.SubElement(edge, _q("bpmndi", "BPMNLabel"))
            bpmn_label.set(_q("color", "color"), stroke)
            bounds = {"x": number(label.left), "y": number(self._label_top(label, height)), "width": number(label.size[0]), "height": number(height)}
            etree.SubElement(bpmn_label, _q("dc", "Bounds"), bounds)

    def _label_top(self, box: Box, height: float) -> float:
        """bpmn-js writes a label without a background: just above the line (where the chart has the top half of
        the label's box) if that stays in the lane, else just below it, else on the box as the chart has it."""
        band = next((lane.band for lane in self.placed.lanes if lane.band.top <= box.centre[1] <= lane.band.bottom), None)
        line = box.centre[1]
        if band is None or line - height - LABEL_GAP >= band.top:
            return line - height - LABEL_GAP
        if line + LABEL_GAP + height <= band.bottom:
            return line + LABEL_GAP
        return box.top


def _colour(element: Any, stroke: str, fill: str | None) -> None:
    element.set(_q("bioc", "stroke"), stroke)
    element.set(_q("color", "border-color"), stroke)
    if fill is not None:
        element.set(_q("bioc", "fill"), fill)
        element.set(_q("color", "background-color"), fill)


def _bounds(box: Box) -> tuple[float, float, float, float]:
    return box.left, box.top, box.size[0], box.size[1]


def _plain(value: float) -> str:
    """A figure in full precision, without a needless ".0"."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _bool(value: bool) -> str:
    return "true" if value else "false"

"""BPMN exports checked by the OMG BPMN 2.0 schema, by a check that the diagram part is complete, and by bpmn-moddle."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from sample_flows import HOSTILE_TEXTS
from sopgen.blueprints.model import FlowBlueprint
from sopgen.charts.theme import THEME

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "bioc": "http://bpmn.io/schema/bpmn/biocolor/1.0",
    "sopgen": "urn:sopgen:bpmn:1.0",
}
NOT_FLOW_NODES = {"sequenceFlow", "laneSet", "documentation", "extensionElements", "textAnnotation", "association"}
SLACK = 0.11  # coordinates are written with one decimal


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    import SpiffWorkflow

    folder = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema"
    return etree.XMLSchema(etree.parse(str(folder / "BPMN20.xsd")))


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


# ---------------------------------------------------------------- the diagram part


def di_problems(document: etree._Element) -> list[str]:
    """What bpmn-js would miss: every pool, lane, flow node and annotation needs a shape with bounds, every
    sequence flow and association an edge with waypoints; shapes sit in their lanes, edges start and end on their nodes."""
    problems: list[str] = []
    ids = {element.get("id"): element for element in document.iter() if element.get("id")}
    collaboration, process = document.find("bpmn:collaboration", NS), document.find("bpmn:process", NS)
    plane = document.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    if collaboration is None or process is None or plane is None:
        return ["no collaboration, process or BPMNPlane"]
    if plane.get("bpmnElement") != collaboration.get("id"):
        problems.append("the plane does not show the collaboration")
    shapes: dict[str, tuple[float, float, float, float]] = {}
    horizontal: dict[str, str | None] = {}
    for shape in plane.iter(q("bpmndi:BPMNShape")):
        element = shape.get("bpmnElement")
        bounds = shape.find("dc:Bounds", NS)
        if element in shapes:
            problems.append(f"{element}: two shapes")
        if element not in ids:
            problems.append(f"{element}: a shape of nothing")
        if bounds is None:
            problems.append(f"{element}: a shape without bounds")
            continue
        x, y, width, height = (float(bounds.get(name)) for name in ("x", "y", "width", "height"))
        if width <= 0 or height <= 0:
            problems.append(f"{element}: empty bounds")
        shapes[element] = (x, y, width, height)
        horizontal[element] = shape.get("isHorizontal")
    waypoints: dict[str, list[tuple[float, float]]] = {}
    for edge in plane.iter(q("bpmndi:BPMNEdge")):
        element = edge.get("bpmnElement")
        if element in waypoints:
            problems.append(f"{element}: two edges")
        if element not in ids:
            problems.append(f"{element}: an edge of nothing")
        waypoints[element] = [(float(point.get("x")), float(point.get("y"))) for point in edge.findall("di:waypoint", NS)]
        if len(waypoints[element]) < 2:
            problems.append(f"{element}: fewer than two waypoints")

    participants = collaboration.findall("bpmn:participant", NS)
    lanes = process.findall("bpmn:laneSet/bpmn:lane", NS)
    nodes = [child for child in process if etree.QName(child).localname not in NOT_FLOW_NODES]
    annotations = [*collaboration.findall("bpmn:textAnnotation", NS), *process.findall("bpmn:textAnnotation", NS)]
    for element in [*participants, *lanes, *nodes, *annotations]:
        if element.get("id") not in shapes:
            problems.append(f"{element.get('id')}: no shape")
    for element in [*participants, *lanes]:
        if horizontal.get(element.get("id")) != "true":
            problems.append(f"{element.get('id')}: not isHorizontal")
    for element in [*process.findall("bpmn:sequenceFlow", NS), *document.iter(q("bpmn:association"))]:
        if element.get("id") not in waypoints:
            problems.append(f"{element.get('id')}: no edge")

    def within(inner: str, outer: str) -> bool:
        (x, y, w, h), (ox, oy, ow, oh) = shapes[inner], shapes[outer]
        return x >= ox - SLACK and y >= oy - SLACK and x + w <= ox + ow + SLACK and y + h <= oy + oh + SLACK

    def on_border(point: tuple[float, float], element: str) -> bool:
        x, y, w, h = shapes[element]
        inside = x - 1 <= point[0] <= x + w + 1 and y - 1 <= point[1] <= y + h + 1
        near = min(abs(point[0] - x), abs(point[0] - x - w), abs(point[1] - y), abs(point[1] - y - h)) <= 1
        return inside and near

    if problems:
        return problems
    pool = participants[0].get("id")
    for lane in lanes:
        if not within(lane.get("id"), pool):
            problems.append(f"{lane.get('id')}: outside the pool")
        for reference in lane.findall("bpmn:flowNodeRef", NS):
            if not within(reference.text, lane.get("id")):
                problems.append(f"{reference.text}: outside its lane {lane.get('id')}")
    tops = [shapes[lane.get("id")][1] for lane in lanes]
    if tops != sorted(tops):
        problems.append("the lanes are not drawn in the order of the lane set")
    for flow in process.findall("bpmn:sequenceFlow", NS):
        points = waypoints[flow.get("id")]
        if not on_border(points[0], flow.get("sourceRef")) or not on_border(points[-1], flow.get("targetRef")):
            problems.append(f"{flow.get('id')}: does not run from its source's outline to its target's")
    return problems


def test_every_export_is_valid_bpmn_2(exports, schema):
    invalid = {str(case): str(schema.error_log) for case in exports if not schema.validate(parse(case.files["bpmn"]))}
    assert invalid == {}


def test_every_export_has_a_complete_diagram(exports):
    problems = {str(case): found for case in exports if (found := di_problems(parse(case.files["bpmn"])))}
    assert problems == {}


def test_the_diagram_check_finds_what_is_missing(exports, schema):
    """A file without its shapes still passes the schema, and bpmn-js shows nothing: the check must say so."""
    document = parse(next(case for case in exports if case.name == "branching").files["bpmn"])
    broken = copy.deepcopy(document)
    plane = broken.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    plane.remove(plane.find("bpmndi:BPMNShape[@bpmnElement='Activity_check']", NS))
    plane.remove(plane.find("bpmndi:BPMNEdge[@bpmnElement='Flow_2']", NS))
    assert schema.validate(broken)
    assert di_problems(broken) == ["Activity_check: no shape", "Flow_2: no edge"]
    moved = copy.deepcopy(document)
    bounds = moved.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane/bpmndi:BPMNShape[@bpmnElement='Activity_pack']/dc:Bounds", NS)
    bounds.set("y", "0")
    assert "Activity_pack: outside its lane Lane_warehouse" in di_problems(moved)
    without = copy.deepcopy(document)
    without.remove(without.find("bpmndi:BPMNDiagram", NS))
    assert schema.validate(without) and di_problems(without) == ["no collaboration, process or BPMNPlane"]


# ---------------------------------------------------------------- bpmn-moddle


def test_bpmn_moddle_reads_every_export_without_warnings(exports, moddle_reports):
    for case in exports:
        report = moddle_reports[case.files["bpmn"]]
        assert report["ok"] and report.get("warnings") == [], (str(case), report.get("error"), report.get("warnings"))


def test_pool_lanes_and_tasks_in_the_chosen_language(exports, moddle_reports):
    for case in exports:
        report, flow = moddle_reports[case.files["bpmn"]], case.flow
        assert report["participants"] == [flow.title], str(case)
        assert [lane["name"] for lane in report["lanes"]] == [lane.title for lane in flow.lanes], str(case)
        tasks = {node["id"]: node["name"] for node in report["nodes"] if node["type"].endswith("Task")}
        assert tasks == {f"Activity_{step.id}": step.title for step in flow.steps}, str(case)
        for lane, blueprint_lane in zip(report["lanes"], flow.lanes):
            in_lane = [f"Activity_{step.id}" for step in flow.steps if step.lane == blueprint_lane.id]
            assert [node for node in lane["nodes"] if node.startswith("Activity_")] == in_lane
        assert {shape["element"] for shape in report["diagram"]} >= {node["id"] for node in report["nodes"]} | {flow["id"] for flow in report["flows"]}
        assert report["plane"] == f"Collaboration_{flow.id}"
    danish = next(case for case in exports if case.name == "shopify-owner-va" and case.locale == "da")
    english = next(case for case in exports if case.name == "shopify-owner-va" and case.locale == "en")
    assert moddle_reports[danish.files["bpmn"]]["participants"] != moddle_reports[english.files["bpmn"]]["participants"]


def test_a_sequence_flow_per_edge_and_an_event_per_entry_and_exit(exports, moddle_reports):
    for case in exports:
        report, flow = moddle_reports[case.files["bpmn"]], case.flow
        flows = {(item["source"], item["target"]) for item in report["flows"]}
        assert {(f"Activity_{edge.from_step}", f"Activity_{edge.to_step}") for edge in flow.edges} <= flows
        entries, exits = _entries_and_exits(flow)
        starts = [node["id"] for node in report["nodes"] if node["type"] == "bpmn:StartEvent"]
        ends = [node["id"] for node in report["nodes"] if node["type"] == "bpmn:EndEvent"]
        assert starts == [f"StartEvent_{step}" for step in entries], str(case)
        assert ends == [f"EndEvent_{step}" for step in exits], str(case)
        assert len(report["flows"]) == len(flow.edges) + len(entries) + len(exits)
        assert ("StartEvent_" + entries[0], "Activity_" + entries[0]) in flows


def _entries_and_exits(flow: FlowBlueprint) -> tuple[list[str], list[str]]:
    forward = [edge for edge in flow.edges if not edge.rework]
    return (
        [step.id for step in flow.steps if all(edge.to_step != step.id for edge in forward)],
        [step.id for step in flow.steps if all(edge.from_step != step.id for edge in forward)],
    )


# ---------------------------------------------------------------- what sopgen adds


def test_tasks_hand_offs_and_the_bottleneck_keep_their_figures(exports):
    case = next(case for case in exports if case.name == "branching")
    document = parse(case.files["bpmn"])
    process = document.find("bpmn:process", NS)
    assert [etree.QName(task).localname for task in process if etree.QName(task).localname.endswith("Task")] == [
        "serviceTask", "serviceTask", "manualTask", "serviceTask", "manualTask", "manualTask", "serviceTask",
    ]
    check = process.find("bpmn:manualTask[@id='Activity_check']", NS)
    assert check.find("bpmn:documentation", NS).text == "wait 2 hr · work 3 min · load 50%"
    figures = check.find("bpmn:extensionElements/sopgen:step", NS).attrib
    assert figures["utilization"] == "0.5" and figures["waitMinutes"] == "120" and figures["onCriticalPath"] == "true"
    pack = process.find("bpmn:manualTask[@id='Activity_pack']", NS)
    assert pack.find("bpmn:documentation", NS).text.startswith("BOTTLENECK · 100%")
    assert pack.find("bpmn:extensionElements/sopgen:step", NS).get("bottleneck") == "true"
    shape = document.find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane/bpmndi:BPMNShape[@bpmnElement='Activity_pack']", NS)
    assert shape.get(q("bioc:fill")) == THEME["bottleneck_fill"] and shape.get(q("bioc:stroke")) == THEME["bottleneck_border"]
    summary = process.find("bpmn:extensionElements/sopgen:figures", NS).attrib
    assert summary["leadTimeMinutes"] == "4454" and summary["manualHandoffs"] == "6"
    assert summary["criticalPath"] == "order confirm check refund done"
    assert process.find("bpmn:extensionElements/sopgen:bottleneck", NS).attrib == {"step": "pack", "severity": "overloaded", "utilization": "1"}
    email = process.find("bpmn:sequenceFlow[@id='Flow_2']", NS)
    assert email.get("name") == "#1\nemail"
    assert email.find("bpmn:documentation", NS).text == "Manual hand-off #1 by email"
    assert email.find("bpmn:extensionElements/sopgen:handoff", NS).attrib == {"number": "1", "manual": "true"}
    rework = process.find("bpmn:sequenceFlow[@id='Flow_8']", NS)
    assert (rework.get("sourceRef"), rework.get("targetRef")) == ("Activity_pack", "Activity_check")
    assert rework.find("bpmn:extensionElements/sopgen:edge", NS).get("rework") == "true"
    annotation = document.find("bpmn:collaboration/bpmn:textAnnotation/bpmn:text", NS).text
    assert annotation.splitlines() == ["Lead time: 3.1 days", "Cycle efficiency: 0.3%", "Manual hand-offs: 6", "Bottleneck: Pack (100%, overloaded)"]


def test_the_diagram_follows_the_chart_layout(exports):
    """Boxes where the chart has them: lanes top to bottom in blueprint order, steps left to right along the flow."""
    from sopgen.analysis.figures import analyse
    from sopgen.charts.flowchart import placed_flow
    from sopgen.i18n.localizer import Localizer

    case = next(case for case in exports if case.name == "branching")
    placed = placed_flow(case.flow, analyse(case.flow), Localizer.for_locale("en"), 36)
    plane = parse(case.files["bpmn"]).find("bpmndi:BPMNDiagram/bpmndi:BPMNPlane", NS)
    for step in placed.steps:
        bounds = plane.find(f"bpmndi:BPMNShape[@bpmnElement='Activity_{step.step.id}']/dc:Bounds", NS)
        assert float(bounds.get("x")) == pytest.approx(step.box.left, abs=SLACK)
        assert float(bounds.get("y")) == pytest.approx(step.box.top, abs=SLACK)
        assert float(bounds.get("width")) == pytest.approx(step.box.size[0], abs=SLACK)


def test_hostile_labels_stay_text(hostile, moddle_reports, schema):
    raw = hostile.files["bpmn"].read_bytes()
    assert b"<script" not in raw and b"]]>" not in raw
    document = parse(hostile.files["bpmn"])
    assert schema.validate(document)
    names = {task.get("name") for task in document.iter() if etree.QName(task).localname.endswith("Task")}
    assert names == {step.title for step in hostile.flow.steps}
    assert set(HOSTILE_TEXTS) <= names | {lane.get("name") for lane in document.iter(q("bpmn:lane"))}
    report = moddle_reports[hostile.files["bpmn"]]
    assert report["ok"] and report["warnings"] == []
    assert {node["name"] for node in report["nodes"] if node["type"].endswith("Task")} == set(HOSTILE_TEXTS)
    assert report["participants"] == [hostile.flow.title]
    flow_names = [flow["name"] or "" for flow in report["flows"]]
    labels = [edge.label for edge in hostile.flow.edges if edge.label]
    assert labels and all(any(name.endswith(label) for name in flow_names) for label in labels)

"""draw.io exports checked for what draw.io needs to open them as the chart and keep them editable."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree, html

from sample_flows import HOSTILE_TEXTS
from sopgen.analysis.figures import analyse
from sopgen.blueprints.model import FlowBlueprint
from sopgen.charts.flowchart import placed_flow
from sopgen.charts.theme import THEME
from sopgen.i18n.localizer import Localizer

LABEL_TAGS = {"b", "br", "font", "div"}  # the only markup sopgen writes into labels


def cells(path: Path) -> list[etree._Element]:
    document = etree.parse(str(path)).getroot()
    assert document.tag == "mxfile"
    [model] = document.findall("diagram/mxGraphModel")
    return model.findall("root/mxCell")


def style_of(cell: etree._Element) -> dict[str, str]:
    entries = [entry for entry in (cell.get("style") or "").split(";") if entry]
    return dict(entry.split("=", 1) if "=" in entry else (entry, "") for entry in entries)


def label_text(value: str) -> tuple[str, set[str]]:
    """What draw.io shows for an HTML label, and the tags it holds."""
    fragment = html.fragment_fromstring(value or "", create_parent="div")
    for br in fragment.iter("br"):
        br.tail = "\n" + (br.tail or "")
    tags = {element.tag for element in fragment.iter()}
    return fragment.text_content().replace("\xa0", " "), tags


def geometry(cell: etree._Element) -> tuple[float, float, float, float]:
    box = cell.find("mxGeometry")
    return tuple(float(box.get(name, 0)) for name in ("x", "y", "width", "height"))  # type: ignore[return-value]


def structure_problems(path: Path, flow: FlowBlueprint) -> list[str]:
    """Unique ids, every parent/source/target resolves, one swimlane per lane, one vertex per step inside it, one edge per edge."""
    problems = []
    all_cells = cells(path)
    counts = Counter(cell.get("id") for cell in all_cells)
    problems += [f"{cell_id}: {count} cells" for cell_id, count in counts.items() if count > 1]
    by_id = {cell.get("id"): cell for cell in all_cells}
    for cell in all_cells:
        for reference in ("parent", "source", "target"):
            if cell.get(reference) is not None and cell.get(reference) not in by_id:
                problems.append(f"{cell.get('id')}: its {reference} {cell.get(reference)} is not there")
        if cell.get("id") != "0" and cell.get("parent") is None:
            problems.append(f"{cell.get('id')}: no parent")
    lanes = [cell for cell in all_cells if "swimlane" in style_of(cell)]
    if [cell.get("id") for cell in lanes] != [f"lane-{lane.id}" for lane in flow.lanes]:
        problems.append("not one swimlane per lane, in the blueprint's order")
    if any(style_of(cell).get("horizontal") != "0" for cell in lanes):
        problems.append("a swimlane is not horizontal=0")
    tops = [geometry(cell)[1] for cell in lanes]
    if tops != sorted(tops):
        problems.append("the swimlanes are not top to bottom")
    steps = [cell for cell in all_cells if cell.get("vertex") == "1" and cell.get("parent", "").startswith("lane-")]
    if sorted(cell.get("id") for cell in steps) != sorted(f"step-{step.id}" for step in flow.steps):
        problems.append("not one vertex per step")
    for step in flow.steps:
        cell = by_id.get(f"step-{step.id}")
        if cell is None:
            continue
        if cell.get("parent") != f"lane-{step.lane}":
            problems.append(f"step-{step.id}: not in its lane")
            continue
        x, y, width, height = geometry(cell)
        lane_x, lane_y, lane_width, lane_height = geometry(by_id[f"lane-{step.lane}"])
        start = float(style_of(by_id[f"lane-{step.lane}"]).get("startSize", 0))
        if x < start or y < 0 or x + width > lane_width + 0.11 or y + height > lane_height + 0.11:
            problems.append(f"step-{step.id}: outside its lane")
    edges = [cell for cell in all_cells if cell.get("edge") == "1" and cell.get("source")]
    ends = Counter((by_id[cell.get("source")].get("id"), by_id[cell.get("target")].get("id")) for cell in edges)
    if ends != Counter((f"step-{edge.from_step}", f"step-{edge.to_step}") for edge in flow.edges):
        problems.append("not one edge per edge")
    for cell in all_cells:
        text, tags = label_text(cell.get("value", ""))
        if not tags <= LABEL_TAGS:
            problems.append(f"{cell.get('id')}: label markup {sorted(tags - LABEL_TAGS)}")
    return problems


def test_every_export_has_the_structure_draw_io_needs(exports):
    problems = {str(case): found for case in exports if (found := structure_problems(case.files["drawio"], case.flow))}
    assert problems == {}


def test_the_structure_check_finds_what_is_wrong(exports, tmp_path: Path):
    case = next(case for case in exports if case.name == "branching")
    text = case.files["drawio"].read_text(encoding="utf-8")
    broken = tmp_path / "broken.drawio"
    broken.write_text(text.replace('parent="lane-warehouse"', 'parent="lane-nowhere"', 1), encoding="utf-8")
    assert "step-pack: its parent lane-nowhere is not there" in structure_problems(broken, case.flow)
    broken.write_text(re.sub(r'<mxCell id="edge-3" .*?</mxCell>', "", text, flags=re.DOTALL), encoding="utf-8")
    assert structure_problems(broken, case.flow) == ["not one edge per edge"]


def test_the_picture_is_the_chart(exports):
    """Steps at the chart's positions (swimlane plus lane-relative geometry), hand-offs dashed and numbered, colours as in the chart."""
    case = next(case for case in exports if case.name == "branching")
    by_id = {cell.get("id"): cell for cell in cells(case.files["drawio"])}
    placed = placed_flow(case.flow, analyse(case.flow), Localizer.for_locale("en"))
    first_lane = geometry(by_id["lane-customer"])
    for step in placed.steps:
        cell = by_id[f"step-{step.step.id}"]
        lane_x, lane_y, _, _ = geometry(by_id[cell.get("parent")])
        x, y, width, height = geometry(cell)
        assert abs(lane_x + x - step.box.left) < 0.2 and abs(lane_y + y - first_lane[1] - step.box.top) < 0.2
        assert abs(width - step.box.size[0]) < 0.11 and abs(height - step.box.size[1]) < 0.11
    pack = style_of(by_id["step-pack"])
    assert (pack["fillColor"], pack["strokeColor"], pack["strokeWidth"]) == (THEME["bottleneck_fill"], THEME["bottleneck_border"], "5")
    assert label_text(by_id["step-pack"].get("value"))[0] == "BOTTLENECK · 100%\nPack\nwait 1 hr · work 6 min"
    assert style_of(by_id["step-order"])["double"] == "1"  # automated steps have a double outline
    email = by_id["edge-2"]
    assert (email.get("source"), email.get("target")) == ("step-confirm", "step-check")
    assert style_of(email)["dashed"] == "1" and style_of(email)["strokeColor"] == THEME["handoff"]
    assert label_text(email.get("value"))[0] == "#1\nemail"
    assert -1 <= float(email.find("mxGeometry").get("x", 0)) <= 1
    assert style_of(by_id["edge-1"]).get("dashed") is None
    rework = by_id["edge-8"]
    assert (rework.get("source"), rework.get("target")) == ("step-pack", "step-check")
    assert style_of(rework)["dashPattern"] == "1 3"  # dotted, as the chart draws rework
    points = [(float(point.get("x")), float(point.get("y"))) for point in rework.iter("mxPoint")]
    assert len(points) >= 4 and all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:]))  # right angles
    legend = [cell for cell in by_id.values() if cell.get("parent") == "legend"]
    texts = {label_text(cell.get("value", ""))[0] for cell in legend}
    assert {"Legend", "Manual step", "Automated step", "Bottleneck", "Rework: a loop back"} <= texts
    assert label_text(by_id["title"].get("value"))[0].startswith("Branching flow\nLead time: 3.1 days")


def test_hostile_labels_stay_text(hostile):
    raw = hostile.files["drawio"].read_bytes()
    assert b"<script" not in raw and b"]]>" not in raw
    by_id = {cell.get("id"): cell for cell in cells(hostile.files["drawio"])}
    shown = {}
    for step in hostile.flow.steps:
        text, tags = label_text(by_id[f"step-{step.id}"].get("value"))
        assert "script" not in tags
        shown[step.id] = text
        assert step.title in text, (step.title, text)
    for lane in hostile.flow.lanes:
        assert label_text(by_id[f"lane-{lane.id}"].get("value"))[0].startswith(lane.title)
    assert label_text(by_id["title"].get("value"))[0].startswith(hostile.flow.title)
    assert set(HOSTILE_TEXTS) <= {step.title for step in hostile.flow.steps}

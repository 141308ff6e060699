"""Mermaid exports parsed by mermaid's own parser under Node: the flowchart it builds is the flow, labels and all."""

from __future__ import annotations

import html
import json
import re

from sample_flows import HOSTILE_TEXTS
from sopgen.export import export_warnings
from sopgen.export.mermaid import label, title_text

# mermaid.parse keeps entity codes as they are written; getDiagramFromText first swaps them for these markers.
_MARKED_NUMBER = re.compile("ﬂ°°(\\d+)¶ß")
_MARKED_NAME = re.compile("ﬂ°(\\w+)¶ß")


def shown(text: str) -> str:
    """The text a parsed label stands for: entity codes decoded, <br> as a line break."""
    text = _MARKED_NUMBER.sub(lambda match: chr(int(match[1])), text)
    text = _MARKED_NAME.sub(lambda match: html.unescape(f"&{match[1]};"), text)
    return text.replace("<br>", "\n")


def test_every_export_is_a_flowchart_mermaid_parses(exports, mermaid_reports):
    """As Mermaid comes, where the flow is within its limits; else as a site that raised them, and sopgen says so."""
    for case in exports:
        report = mermaid_reports[case.files["mermaid"]]
        assert report["ok"], (str(case), report.get("error"))
        text = case.files["mermaid"].read_text(encoding="utf-8")
        assert text.splitlines()[3] == "flowchart LR"
        warned = export_warnings(case.flow, "mermaid", text.encode("utf-8"))
        assert report["withinDefaults"] == (not warned), (str(case), report["defaultsError"])
    big = next(case for case in exports if case.name == "chain-500")
    assert not mermaid_reports[big.files["mermaid"]]["withinDefaults"]
    assert "Edge limit exceeded" in mermaid_reports[big.files["mermaid"]]["defaultsError"]


def test_a_subgraph_per_lane_a_node_per_step_a_link_per_edge(exports, mermaid_reports):
    for case in exports:
        report, flow = mermaid_reports[case.files["mermaid"]], case.flow
        node_of = {step.id: f"s{index}" for index, step in enumerate(flow.steps)}
        subgraphs = {subgraph["id"]: subgraph for subgraph in report["subgraphs"]}
        assert sorted(subgraphs) == sorted(f"lane{index}" for index in range(len(flow.lanes))), str(case)
        for index, lane in enumerate(flow.lanes):
            assert shown(subgraphs[f"lane{index}"]["title"]) == lane.title
            assert sorted(subgraphs[f"lane{index}"]["nodes"]) == sorted(node_of[step.id] for step in flow.steps if step.lane == lane.id)
        vertices = {vertex["id"]: vertex for vertex in report["vertices"] if vertex["id"] not in subgraphs}
        assert sorted(vertices) == sorted(node_of.values()), str(case)
        for step in flow.steps:
            assert step.title.strip() in shown(vertices[node_of[step.id]]["text"]), str(case)  # Mermaid trims outer spaces
        links = [(edge["start"], edge["end"]) for edge in report["edges"]]
        assert links == [(node_of[edge.from_step], node_of[edge.to_step]) for edge in flow.edges], str(case)


def test_hand_offs_are_dotted_and_the_bottleneck_has_its_class(exports, mermaid_reports):
    case = next(case for case in exports if case.name == "branching")
    report = mermaid_reports[case.files["mermaid"]]
    strokes = [edge["stroke"] for edge in report["edges"]]
    # order→confirm and check→refund lie on the critical path; all the others are manual hand-offs or rework.
    assert strokes == ["thick", "dotted", "dotted", "thick", "dotted", "dotted", "dotted", "dotted"]
    assert [shown(edge["text"]) for edge in report["edges"]][:3] == ["", "#1\nemail", "#2\nsystem"]
    vertices = {vertex["id"]: vertex for vertex in report["vertices"]}
    assert vertices["s5"]["classes"] == ["manual", "bottleneck"]
    assert vertices["s0"]["classes"] == ["automated", "criticalPath"] and vertices["s0"]["type"] == "subroutine"
    assert vertices["s2"]["type"] == "round"
    assert shown(vertices["s5"]["text"]) == "BOTTLENECK · 100%\nPack\nwait 1 hr · work 6 min"
    assert {"manual", "automated", "criticalPath", "critical", "bottleneck"} <= set(report["classes"])


def test_hostile_labels_stay_text(hostile, mermaid_reports):
    """Quoted, with entity codes for what could end a quote or start a comment, a directive or HTML."""
    text = hostile.files["mermaid"].read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    assert "<script" not in body and "%%{" not in body and "&" not in body
    assert all(line.startswith(("  ", "flowchart")) for line in body.splitlines())
    report = mermaid_reports[hostile.files["mermaid"]]
    assert report["ok"], report.get("error")
    subgraphs = {subgraph["id"] for subgraph in report["subgraphs"]}
    texts = [shown(vertex["text"]) for vertex in report["vertices"] if vertex["id"] not in subgraphs]
    for title in HOSTILE_TEXTS:  # Mermaid trims a label's outer spaces, nothing else
        assert any(title.strip() in text for text in texts), (title, texts)
    assert len(texts) == len(hostile.flow.steps) and len(report["edges"]) == len(hostile.flow.edges)
    assert [shown(subgraph["title"]) for subgraph in report["subgraphs"]] == [lane.title for lane in hostile.flow.lanes]
    labels = [shown(edge["text"]) for edge in report["edges"]]
    for edge in hostile.flow.edges:
        if edge.label:
            assert any(text.endswith(edge.label) for text in labels), edge.label
    front_matter = text.split("---\n")[1]
    assert json.loads(front_matter.removeprefix("title: ")) == title_text(hostile.flow.title)
    assert title_text(hostile.flow.title).startswith('‹script›alert("x")‹/script›‹b›bold?‹/b› %%{init: {"theme": "dark"}}%%')


def test_label_quoting():
    assert label('say "end" %% <b>x</b> & #1') == "say #34;end#34; #37;#37; #60;b#62;x#60;/b#62; #38; #35;1"
    assert label("two\nlines") == "two<br>lines"

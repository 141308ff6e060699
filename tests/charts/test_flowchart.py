"""Flowcharts rendered by Graphviz for real, inspected in their SVG, PDF and PNG output."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from sample_flows import BRANCHING, chain_flow, flow_from
from sopgen.analysis.figures import analyse
from sopgen.analysis.findings import chart_caption, describe
from sopgen.charts.flowchart import flowchart
from sopgen.charts.graphviz_run import render_chart
from sopgen.charts.lifecycle import lifecycle_chart
from sopgen.charts.text import chart_font, wrap
from sopgen.errors import OutputError, ToolMissingError
from sopgen.i18n.display_text import display_width
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'a "quoted" <b>&amp; {x} \\ back'
NASTY_YAML = "'" + NASTY + "'"  # single-quoted YAML keeps the backslash and the quotes as they are


def english() -> Localizer:
    return Localizer.for_locale("en")


def untranslated(locale: str) -> Localizer:
    """Formats and fonts of `locale`, English text (the interface catalog comes later)."""
    return Localizer(locale, gettext.NullTranslations(), gettext.NullTranslations())


# ---------------------------------------------------------------- reading SVG


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2, (self.top + self.bottom) / 2)

    def overlaps(self, other: Box, slack: float = 0.5) -> bool:
        return (
            self.left < other.right - slack
            and other.left < self.right - slack
            and self.top < other.bottom - slack
            and other.top < self.bottom - slack
        )

    def contains(self, point: tuple[float, float], margin: float = 0.0) -> bool:
        x, y = point
        return self.left + margin < x < self.right - margin and self.top + margin < y < self.bottom - margin

    def inside(self, other: Box, slack: float = 0.5) -> bool:
        return (
            self.left >= other.left - slack
            and self.right <= other.right + slack
            and self.top >= other.top - slack
            and self.bottom <= other.bottom + slack
        )


class Chart:
    """An SVG written by Graphviz: groups by id, their classes, texts and outlines."""

    def __init__(self, svg: bytes):
        self.root = ET.fromstring(svg)
        self.groups = {group.get("id"): group for group in self.root.iter(f"{SVG}g") if group.get("id")}

    def classes(self, group_id: str) -> set[str]:
        return set((self.groups[group_id].get("class") or "").split())

    def ids_with_class(self, name: str) -> list[str]:
        return [group_id for group_id in self.groups if name in self.classes(group_id)]

    def texts(self, group_id: str | None = None) -> list[str]:
        where = self.root if group_id is None else self.groups[group_id]
        return ["".join(text.itertext()) for text in where.iter(f"{SVG}text")]

    def text(self, group_id: str | None = None) -> str:
        return " ".join(self.texts(group_id))

    def box(self, group_id: str) -> Box:
        """The outline of a node or cluster (its polygons and paths; for plain nodes, its texts)."""
        group = self.groups[group_id]
        points: list[tuple[float, float]] = []
        for shape in list(group.iter(f"{SVG}polygon")) + list(group.iter(f"{SVG}path")):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("points") or shape.get("d") or "")]
            points.extend(zip(numbers[::2], numbers[1::2]))
        if not points:  # a plain node draws no outline: use its texts' anchor points
            for text in group.iter(f"{SVG}text"):
                points.append((float(text.get("x")), float(text.get("y"))))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return Box(min(xs), min(ys), max(xs), max(ys))

    def title(self, group_id: str) -> str:
        return self.groups[group_id].findtext(f"{SVG}title") or ""

    def node_name(self, group_id: str) -> str:
        return self.title(group_id)

    def path_points(self, group_id: str, samples: int = 12) -> list[tuple[float, float]]:
        """Points along the edge's drawn Bézier curves."""
        points: list[tuple[float, float]] = []
        for path in self.groups[group_id].iter(f"{SVG}path"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d") or "")]
            controls = list(zip(numbers[::2], numbers[1::2]))
            for index in range(0, len(controls) - 3, 3):
                p0, p1, p2, p3 = controls[index : index + 4]
                for step in range(samples + 1):
                    t = step / samples
                    a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
                    points.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
        return points

    def fill_and_stroke(self, group_id: str) -> list[tuple[str | None, str | None]]:
        group = self.groups[group_id]
        return [(shape.get("fill"), shape.get("stroke")) for shape in group.iter() if shape.tag in (f"{SVG}polygon", f"{SVG}path")]


def svg_of(flow, localizer: Localizer | None = None) -> Chart:
    localizer = localizer or english()
    return Chart(render_chart(flowchart(flow, analyse(flow), localizer), "svg"))


@pytest.fixture(scope="module")
def branching_chart():
    flow = flow_from(BRANCHING)
    return flow, analyse(flow), svg_of(flow)


# ---------------------------------------------------------------- what the chart shows


def test_bottleneck_stands_out_with_its_utilization(branching_chart):
    _, analysis, chart = branching_chart
    assert chart.ids_with_class("bottleneck") == ["step-pack"]
    assert "BOTTLENECK · 100%" in chart.text("step-pack")
    fills = chart.fill_and_stroke("step-pack")
    assert ("#ffb3b3", "#b00020") in fills
    assert 'stroke-width="5"' in ET.tostring(chart.groups["step-pack"], encoding="unicode")


def test_every_manual_handoff_is_numbered_with_its_channel(branching_chart):
    _, analysis, chart = branching_chart
    manual = [h for h in analysis.handoffs if h.manual]
    assert len(manual) == 6
    for handoff in manual:
        tag = f"handoff-{handoff.number}"
        assert {"waypoint", "handoff", "manual"} <= chart.classes(tag)
        assert chart.texts(tag)[0] == f"#{handoff.number}"
        channel = {"system": "system", "email": "email"}[handoff.channel]
        assert channel in chart.texts(tag)
        for part in (1, 2):  # the edge runs through its tag: heavy, dashed and orange on both sides
            edge = ET.tostring(chart.groups[f"edge-{handoff.from_step}--{handoff.to_step}-{part}"], encoding="unicode")
            assert 'stroke="#e8590c"' in edge
            assert 'stroke-width="4"' in edge
            assert "stroke-dasharray" in edge
    automatic = [h for h in analysis.handoffs if not h.manual]
    assert [(h.from_step, h.to_step) for h in automatic] == [("order", "confirm")]
    assert [h.number for h in manual] == [1, 2, 3, 4, 5, 6]  # badges from #1, in the order the SOP's text lists them
    assert "handoff-7" not in chart.groups
    assert "e8590c" not in ET.tostring(chart.groups["edge-order--confirm"], encoding="unicode")


def test_rework_is_a_dotted_loop(branching_chart):
    _, _, chart = branching_chart
    edge = ET.tostring(chart.groups["edge-pack--check-2"], encoding="unicode")
    assert "rework" in chart.classes("edge-pack--check-2")
    assert 'stroke-dasharray="1,5"' in edge  # Graphviz's dotted


def test_manual_and_automated_steps_differ_in_shape_not_only_colour(branching_chart):
    _, _, chart = branching_chart
    manual, automated = chart.groups["step-check"], chart.groups["step-confirm"]
    # rounded corners are drawn as a path; the automated box has a double outline (two polygons)
    assert len(list(manual.iter(f"{SVG}path"))) == 1 and not list(manual.iter(f"{SVG}polygon"))
    assert len(list(automated.iter(f"{SVG}polygon"))) == 2 and not list(automated.iter(f"{SVG}path"))


def test_critical_path_wait_and_work_are_shown(branching_chart):
    _, analysis, chart = branching_chart
    assert set(chart.ids_with_class("critical-path")) >= {f"step-{step}" for step in analysis.critical_path}
    assert "critical-path" not in chart.classes("step-pack")
    assert "wait 1 day" in chart.text("step-refund")
    assert "work 10 min" in chart.text("step-refund")
    assert "load 41.7%" in chart.text("step-refund")


def test_legend_and_summary_are_present(branching_chart):
    _, analysis, chart = branching_chart
    legend = " ".join(chart.text(group_id) for group_id in chart.groups if group_id.startswith("legend-"))
    for entry in ("Legend", "Manual step", "Automated step", "Bottleneck", "Manual hand-off", "Critical path", "Rework", "85%"):
        assert entry in legend
    assert chart.box("legend-title").inside(chart.box("legend"), slack=20)
    texts = chart.texts("graph0")
    summary = texts[: texts.index("Customer")]  # the graph label comes before the lanes
    assert summary[:1] == ["Branching flow"]
    assert summary[1:] == ["Lead time", "3.1 days", "Cycle efficiency", "0.3%", "Manual hand-offs", "6", "Bottleneck", "Pack (100%, overloaded)"]


def test_a_future_states_changed_steps_are_outlined_and_named_in_the_legend(branching_chart):
    flow, analysis, plain = branching_chart
    chart = Chart(render_chart(flowchart(flow, analysis, english(), changed=frozenset({"check", "pack"})), "svg"))
    assert sorted(chart.ids_with_class("changed")) == ["step-check", "step-pack"]
    assert ("#ffb3b3", "#2b8a3e") in chart.fill_and_stroke("step-pack")  # the bottleneck's fill, the change's outline
    assert "Changed in the future state" in chart.text("legend-changed")
    assert not plain.ids_with_class("changed") and "legend-changed" not in plain.groups


def test_lanes_are_bands_in_blueprint_order_and_steps_run_left_to_right(branching_chart):
    flow, _, chart = branching_chart
    assert_readable_layout(flow, chart)
    assert [t for t in chart.texts("lane-head-va")] == ["Virtual", "assistant", "person"]
    assert chart.texts("lane-head-shop")[-1] == "system"


def assert_readable_layout(flow, chart: Chart) -> None:
    """Lanes are bands in blueprint order; no two boxes overlap; steps sit in their lane; arrows go round boxes."""
    lanes = [chart.box(f"lane-{lane.id}") for lane in flow.lanes]
    assert [box.top for box in lanes] == sorted(box.top for box in lanes), "lanes out of blueprint order"
    for upper, lower in zip(lanes, lanes[1:]):
        assert not upper.overlaps(lower)
    assert lanes[-1].bottom <= chart.box("legend").top
    nodes = {group_id: chart.box(group_id) for group_id in chart.groups if group_id.startswith(("step-", "handoff-", "label-", "lane-head-"))}
    names = sorted(nodes)
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            assert not nodes[first].overlaps(nodes[second]), f"{first} overlaps {second}"
    lane_box = dict(zip((lane.id for lane in flow.lanes), lanes))
    for step in flow.steps:
        assert nodes[f"step-{step.id}"].inside(lane_box[step.lane]), f"step {step.id} outside its lane"
    for edge in flow.edges:
        if not edge.rework:
            assert nodes[f"step-{edge.from_step}"].centre[0] < nodes[f"step-{edge.to_step}"].centre[0]
    boxes = {chart.node_name(group_id): box for group_id, box in nodes.items() if not group_id.startswith("lane-head-")}
    for group_id in chart.ids_with_class("edge"):
        ends = set(chart.title(group_id).split("->"))
        for point in chart.path_points(group_id):
            for name, box in boxes.items():
                if name not in ends:
                    assert not box.contains(point, margin=2), f"{group_id} runs through {name}"


@pytest.mark.parametrize("locale", ["en", "da", "zh_Hant_TW", "id"])
def test_builtin_flows_lay_out_cleanly(library, demo_profile, locale: str):
    localizer = english() if locale == "en" else untranslated(locale)
    for flow in library.flows:
        localized = Localization(localizer, demo_profile).record(flow)
        assert_readable_layout(localized, svg_of(localized, localizer))


def test_numbers_and_durations_follow_the_locale():
    from babel.numbers import format_percent

    flow = flow_from(BRANCHING)
    chart = svg_of(flow, untranslated("da"))
    summary = chart.texts("graph0")
    assert "3,1 dage" in summary
    assert "0,3 %" in summary  # with a no-break space, as babel writes it
    assert format_percent(1, locale="da") in chart.text("step-pack")
    assert "wait 2 t." in chart.text("step-check")


# ---------------------------------------------------------------- user text


ESCAPES = f"""\
kind: flow
id: escapes
title: {NASTY_YAML}
volume: 3
lanes:
  - {{id: people, title: {NASTY_YAML}, type: person}}
  - {{id: machines, title: Machines, type: system}}
steps:
  - {{id: first, lane: people, title: {NASTY_YAML}, mode: manual}}
  - {{id: second, lane: machines, title: 'ends in a backslash \\', mode: automated}}
  - {{id: third, lane: machines, title: 'x"] ; shape=star [label="oops', mode: automated, wait: 1h}}
edges:
  - {{from: first, to: second, channel: email, label: {NASTY_YAML}}}
  - {{from: second, to: third, label: '\\N \\l \\n'}}
"""


def test_user_text_is_shown_literally():
    flow = flow_from(ESCAPES)
    graph = flowchart(flow, analyse(flow), english())
    chart = Chart(render_chart(graph, "svg"))
    assert chart.text("step-first") == NASTY
    assert chart.text("lane-head-people") == NASTY + " person"
    assert NASTY in chart.text("graph0")
    assert chart.text("handoff-1") == "#1 email " + NASTY
    assert chart.text("step-second") == "ends in a backslash \\"
    assert chart.texts("step-third")[0] == "BOTTLENECK · longest wait"
    assert " ".join(chart.texts("step-third")[1:-1]) == 'x"] ; shape=star [label="oops'
    assert chart.text("label-second--third") == "\\N \\l \\n"
    # Markup in user text stays text: the title's lines all keep the title's weight, "<b>" among them.
    title_lines = [(text.get("font-weight"), "".join(text.itertext())) for text in chart.groups["step-first"].iter(f"{SVG}text")]
    assert {weight for weight, _line in title_lines} == {"bold"}
    assert any("<b>" in line for _weight, line in title_lines)
    assert [group.get("id") for group in chart.root.iter(f"{SVG}g") if "star" in (group.get("class") or "")] == []
    tooltips = [a.get("{http://www.w3.org/1999/xlink}title") for a in chart.groups["step-second"].iter(f"{SVG}a")]
    assert tooltips == ["ends in a backslash \\"]


def test_wrapping_counts_wide_characters_double():
    text = "核對付款、地址與庫存，並把訂單抄到試算表"
    lines = wrap(text, 12)
    assert "".join(lines) == text
    assert all(display_width(line) <= 12 for line in lines)
    assert len(lines) == 4
    assert not any(line.startswith(("、", "，")) for line in lines)  # punctuation stays with the word before
    assert wrap("Copy the address into the shipping tool", 18) == ("Copy the address", "into the shipping", "tool")
    assert wrap("Superlongwordwithoutanyspaces", 10) == ("Superlongw", "ordwithout", "anyspaces")
    assert wrap("LINE 通知顧客", 8) == ("LINE 通", "知顧客")
    assert display_width("LINE 通知") == 9


# ---------------------------------------------------------------- fonts


CHINESE = """\
kind: flow
id: chinese
title: 蝦皮訂單流程
volume: 20
lanes:
  - {id: va, title: 兼職助理, type: person}
  - {id: shop, title: 官方網站, type: system}
steps:
  - {id: check, lane: va, title: 核對付款、地址與庫存，並把訂單抄到試算表, mode: manual, handling: 3m, wait: 4h, staff: 1, hours_per_day: 2}
  - {id: notify, lane: shop, title: 系統寄出通知信, mode: automated}
edges:
  - {from: check, to: notify, channel: spreadsheet, label: 每天下午整理一次的出貨清單}
"""


def test_chart_font_per_locale():
    assert chart_font("zh_Hant_TW") == "Noto Sans CJK TC"
    assert chart_font("da") == chart_font("en") == chart_font("id") == "Arial"


def test_chinese_chart_names_the_cjk_font_and_a_browser_font_stack():
    flow = flow_from(CHINESE)
    graph = flowchart(flow, analyse(flow), untranslated("zh_Hant_TW"))
    assert graph.graph_attr["fontname"].startswith("Noto Sans CJK TC, ")
    chart = Chart(render_chart(graph, "svg"))
    families = {text.get("font-family") for text in chart.root.iter(f"{SVG}text")}
    assert len(families) == 1
    stack = [name.strip() for name in families.pop().split(",")]
    assert stack[0] == "Noto Sans CJK TC"
    assert {"Microsoft JhengHei", "PingFang TC", "sans-serif"} <= set(stack)
    lines = chart.texts("step-check")
    assert lines[0].startswith("BOTTLENECK")
    title = [line for line in lines[1:] if not line.startswith(("wait", "work", "load"))]
    assert "".join(title) == "核對付款、地址與庫存，並把訂單抄到試算表"
    assert len(title) == 3  # 18 columns a line: 9 wide characters


needs_cjk = pytest.mark.skipif(
    shutil.which("fc-match") is None
    or "CJK" not in subprocess.run(["fc-match", "Noto Sans CJK TC"], capture_output=True, text=True).stdout,
    reason="Noto Sans CJK TC is not installed",
)


@needs_cjk
def test_chinese_pdf_embeds_the_cjk_font():
    flow = flow_from(CHINESE)
    pdf = render_chart(flowchart(flow, analyse(flow), untranslated("zh_Hant_TW")), "pdf")
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", pdf))
    assert fonts and all(name.startswith(b"NotoSansCJKtc") for name in fonts)


@pytest.fixture
def latin_only_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fontconfig that knows DejaVu only: no font with Chinese glyphs."""
    dejavu = Path(subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True).stdout).parent
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))


@needs_cjk
def test_png_glyphs_come_from_the_cjk_font(request: pytest.FixtureRequest):
    flow = flow_from(CHINESE)
    graph = flowchart(flow, analyse(flow), untranslated("zh_Hant_TW"))
    with_cjk = render_chart(graph, "png")
    assert with_cjk == render_chart(graph, "png")  # same input, same picture
    request.getfixturevalue("latin_only_fonts")
    boxes = graph.pipe(format="png", neato_no_op=2, quiet=True)  # what Graphviz draws without a CJK font: boxes, exit 0
    assert boxes.startswith(b"\x89PNG") and boxes != with_cjk


@needs_cjk
def test_png_of_chinese_without_a_cjk_font_is_refused(latin_only_fonts: None):
    flow = flow_from(CHINESE)
    graph = flowchart(flow, analyse(flow), untranslated("zh_Hant_TW"))
    for fmt in ("png", "pdf"):
        with pytest.raises(ToolMissingError) as caught:
            render_chart(graph, fmt)
        problem = caught.value.problems[0]
        assert "Chinese" in problem.message
        assert problem.hint is not None and "fonts-noto-cjk" in problem.hint
    assert b"<svg" in render_chart(graph, "svg")  # browsers bring their own fonts
    english_flow = flow_from(BRANCHING)
    assert render_chart(flowchart(english_flow, analyse(english_flow), english()), "png").startswith(b"\x89PNG")


# ---------------------------------------------------------------- running dot


def test_dot_format_needs_no_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    flow = flow_from(BRANCHING)
    graph = flowchart(flow, analyse(flow), english())
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render_chart(graph, "dot") == graph.source.encode("utf-8")
    with pytest.raises(ToolMissingError) as caught:
        render_chart(graph, "svg")
    hint = caught.value.problems[0].hint or ""
    for command in ("apt-get install graphviz", "brew install graphviz", "winget install graphviz"):
        assert command in hint
    assert "--format dot" in hint


def test_dot_source_is_sound():
    flow = flow_from(BRANCHING)
    source = flowchart(flow, analyse(flow), english()).source
    assert source.startswith("digraph") and "// Boxes are placed already: draw with  neato -n2" in source
    assert "newrank=true" in source and "rankdir=LR" in source
    assert re.findall(r"subgraph (cluster_\w+)", source) == ["cluster_lane0", "cluster_lane1", "cluster_lane2", "cluster_lane3", "cluster_legend"]
    statements = re.findall(r"^\t+(\S+) (?:-> (\S+) )?\[", source, re.MULTILINE)
    names = {name for pair in statements for name in pair if name and name not in ("graph", "node", "edge")}
    assert names and all(re.fullmatch(r"(step|via|lane|legend)\w*", name) for name in names), names  # never user text


def test_sixty_steps_stay_readable():
    flow = flow_from(chain_flow(60, 6))
    chart = svg_of(flow)
    assert_readable_layout(flow, chart)
    assert len(chart.ids_with_class("step")) == 60


def test_five_hundred_steps_render(tmp_path: Path):
    flow = flow_from(chain_flow(500, 5))
    graph = flowchart(flow, analyse(flow), english())
    chart = Chart(render_chart(graph, "svg"))
    assert len(chart.ids_with_class("step")) == 500
    assert len(chart.ids_with_class("bottleneck")) == 1


def test_huge_charts_are_refused_before_dot_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    import graphviz

    graph = graphviz.Digraph()
    for index in range(10_001):
        graph.node(f"n{index}", "x")
    monkeypatch.setenv("PATH", str(tmp_path))  # dot is never reached
    with pytest.raises(OutputError) as caught:
        render_chart(graph, "svg")
    assert "10001" in caught.value.problems[0].message
    assert render_chart(graph, "dot").count(b"\n") > 10_000


# ---------------------------------------------------------------- findings and the lifecycle chart


def test_findings_name_handoffs_and_bottleneck_in_words():
    flow = flow_from(BRANCHING)
    sentences = describe(flow, analyse(flow), english())
    assert sentences[0] == "Manual hand-offs between lanes: 6 of 7."
    assert "Hand-off 1 (email): Shop → Virtual assistant, from “Confirm” to “Check”." in sentences
    assert "Hand-off 2 (in the system, but by a person): Virtual assistant → Shop, from “Check” to “Label”." in sentences
    assert "Hand-off 6 (rework, in the system, but by a person): Warehouse → Virtual assistant, from “Pack” back to “Check”." in sentences
    assert not any(sentence.startswith("Hand-off 7 ") for sentence in sentences)
    assert "Bottleneck: Pack (Warehouse), 100% utilized (overloaded)." in sentences
    assert "Lead time 3.1 days; cycle efficiency 0.3%." in sentences
    assert "Critical path: Order → Confirm → Check → Refund → Done." in sentences
    assert chart_caption(flow, english()) == "Branching flow: the order flow as it runs today, 40 orders a day"


def test_findings_use_the_locale_formats():
    flow = flow_from(BRANCHING)
    sentences = describe(flow, analyse(flow), untranslated("da"))
    assert "Lead time 3,1 dage; cycle efficiency 0,3\xa0%." in sentences


def test_lifecycle_chart_lists_sops_per_phase_left_to_right():
    by_phase = {
        "sale": [("SOP-SAL-001", "Order handling"), ("SOP-SAL-002", NASTY)],
        "pre-sale": [("SOP-PRE-001", "Market research")],
        "post-sale": [("SOP-PST-001", "Returns and refunds")],
        "lifecycle": [("SOP-GEN-001", "Writing SOPs"), ("SOP-GEN-002", "Data protection")],
    }
    chart = Chart(render_chart(lifecycle_chart(by_phase, english()), "svg"))
    phases = [chart.box(f"phase-{phase}") for phase in ("pre-sale", "sale", "post-sale")]
    assert [box.left for box in phases] == sorted(box.left for box in phases)
    assert chart.text("phase-head-pre-sale") == "Pre-sale"
    assert chart.text("phase-head-lifecycle") == "Across the lifecycle"
    assert chart.box("phase-lifecycle").top > max(box.bottom for box in phases)
    assert chart.text("sop-SOP-SAL-002") == "SOP-SAL-002 " + NASTY
    for phase, sops in by_phase.items():
        for document_id, _title in sops:
            assert chart.box(f"sop-{document_id}").inside(chart.box(f"phase-{phase}"))


ONE_MANUAL_HANDOFF = """\
kind: flow
id: one-handoff
title: One hand-off
volume: 10
lanes:
  - {id: shop, title: Shop, type: system}
  - {id: va, title: Virtual assistant, type: person}
steps:
  - {id: order, lane: shop, title: Order arrives, mode: automated, handling: 1m}
  - {id: pack, lane: va, title: Pack the order, mode: manual, handling: 5m, staff: 1, hours_per_day: 4}
edges:
  - {from: order, to: pack, channel: email}
"""


@pytest.mark.parametrize(("locale", "one", "many"), [("en", "1 manual hand-off", "manual hand-offs"), ("da", "1 manuel overdragelse", "manuelle overdragelser")])
def test_summary_line_counts_hand_offs_in_the_right_number(locale: str, one: str, many: str):
    from sopgen.analysis.findings import summary_line

    localizer = Localizer.for_locale(locale)
    single = flow_from(ONE_MANUAL_HANDOFF)
    assert one in summary_line(single, analyse(single), localizer)
    several = flow_from(BRANCHING)
    assert f" {many}" in summary_line(several, analyse(several), localizer)

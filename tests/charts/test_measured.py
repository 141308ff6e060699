"""The chart with measured figures beside the designed ones: lines per step, the measured bottleneck, notes."""

from __future__ import annotations

from pathlib import Path

from sample_logs import EXAMPLES, run
from sopgen.analysis.figures import analyse
from sopgen.blueprints.library import resolve_flow
from sopgen.charts.flowchart import flowchart
from sopgen.charts.measured import measured_overlay
from sopgen.i18n.localizer import Localizer
from sopgen.measure.comparison import compare
from sopgen.measure.directly_follows import measure
from sopgen.measure.sources import ReadOptions, read_logs


def _comparison():
    flow = resolve_flow(str(EXAMPLES / "shop-order-flow.yaml"))
    log = read_logs([EXAMPLES / "shopify-orders.csv"], ReadOptions())
    return flow, compare(flow, log, measure(log))


def test_overlay_lines_and_cards_in_english():
    flow, comparison = _comparison()
    overlay = measured_overlay(comparison, flow, Localizer.for_locale("en"))
    assert " ".join(overlay.step_lines["pack"]) == "measured wait: median 1.4 days, p90 2.3 days reached by 75% of cases"
    assert "mail" not in overlay.step_lines
    assert overlay.bottleneck == "pack"
    assert dict(overlay.cards)["In the log, not in the design"] == "cancelled"
    assert dict(overlay.cards)["Measured volume"] == "1.6 per working day"


def test_chart_source_marks_the_measured_bottleneck_and_keeps_the_design():
    flow, comparison = _comparison()
    localizer = Localizer.for_locale("en")
    source = flowchart(flow, analyse(flow), localizer, measured=measured_overlay(comparison, flow, localizer)).source
    assert "MEASURED BOTTLENECK" in source and "measured-bottleneck" in source
    assert "wait 3 hr" in source and "p90 2.3 days" in source
    plain = flowchart(flow, analyse(flow), localizer).source
    assert "MEASURED" not in plain and "measured" not in plain.lower().replace("measured-", "")


def test_measure_out_draws_the_chart_in_danish(tmp_path: Path):
    out = tmp_path / "measured.svg"
    code, _stdout, err = run("measure", EXAMPLES / "shopify-orders.csv", "--flow", EXAMPLES / "shop-order-flow.yaml", "--out", out, "--lang", "da")
    assert code == 0, err
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg and 'class="node step manual critical&#45;path bottleneck measured&#45;bottleneck"' in svg
    assert "MÅLT FLASKEHALS" in svg and "Målt flaskehals" in svg and "målt ventetid: median" in svg


def test_measure_out_without_a_flow_draws_the_discovered_flow(tmp_path: Path):
    out = tmp_path / "measured.dot"
    code, _stdout, err = run("measure", EXAMPLES / "event-log.csv", "--out", out, "--json")
    assert code == 0, err
    source = out.read_text(encoding="utf-8")
    assert source.startswith("digraph") and "reply drafted" in source and "measured work: mean" in source

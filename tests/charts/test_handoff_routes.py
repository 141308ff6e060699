"""Hand-offs on the real returns flow: badges #1..#n in the SOP text's order, each arrow on a route of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sopgen.analysis.figures import analyse
from sopgen.analysis.findings import describe
from sopgen.blueprints.library import resolve_flow
from sopgen.charts.flowchart import flowchart, placed_flow
from sopgen.charts.graphviz_run import render_chart
from sopgen.export.geometry import corners
from sopgen.i18n.localizer import Localizer

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def returns():
    flow = resolve_flow("returns-refunds-flow")
    return flow, analyse(flow)


def test_badges_are_numbered_1_to_n_in_the_order_the_text_lists_them(returns):
    flow, analysis = returns
    localizer = Localizer.for_locale("en")
    svg = ET.fromstring(render_chart(flowchart(flow, analysis, localizer), "svg"))
    badges = sorted(int(group.get("id").removeprefix("handoff-")) for group in svg.iter(f"{SVG}g") if (group.get("id") or "").startswith("handoff-"))
    first_rows = {int(g.get("id").removeprefix("handoff-")): next(t.text for t in g.iter(f"{SVG}text")) for g in svg.iter(f"{SVG}g") if (g.get("id") or "").startswith("handoff-")}
    assert badges == list(range(1, analysis.manual_handoffs + 1))
    assert all(first_rows[number] == f"#{number}" for number in badges)
    listed = [int(match[1]) for sentence in describe(flow, analysis, localizer) if (match := re.match(r"Hand-off (\d+) ", sentence))]
    assert listed == badges


def test_no_two_handoffs_share_their_first_segment(returns):
    flow, analysis = returns
    placed = placed_flow(flow, analysis, Localizer.for_locale("en"))
    starts = {}
    for edge in placed.edges:
        if edge.handoff is None:
            continue
        points = corners(edge.route)
        starts[edge.handoff.number] = (points[0], points[1])
    assert len(starts) == len(analysis.handoffs)
    assert len(set(starts.values())) == len(starts), starts
    # the bottleneck's own hand-offs leave it at distinct heights
    bottleneck = analysis.bottleneck.step
    leaving = [starts[e.handoff.number][0] for e in placed.edges if e.handoff is not None and e.edge.from_step == bottleneck]
    assert len(leaving) >= 3 and len({y for _x, y in leaving}) == len(leaving)


def test_vertical_runs_in_one_gap_do_not_lie_on_top_of_each_other(returns):
    """Arrows turning between the same two columns each turn at an x of their own."""
    flow, analysis = returns
    placed = placed_flow(flow, analysis, Localizer.for_locale("en"))
    runs = []
    for edge in placed.edges:
        points = corners(edge.route)
        runs += [(a[0], min(a[1], b[1]), max(a[1], b[1]), edge.index) for a, b in zip(points, points[1:]) if abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) > 1]
    for x, low, high, index in runs:
        for x2, low2, high2, index2 in runs:
            if index != index2 and abs(x - x2) < 0.5:
                assert high < low2 + 0.5 or high2 < low + 0.5, (index, index2, x)


def test_rework_loops_keep_clear_of_lane_borders(returns):
    flow, analysis = returns
    placed = placed_flow(flow, analysis, Localizer.for_locale("en"))
    borders = [y for lane in placed.lanes for y in (lane.band.top, lane.band.bottom)]
    rework = [edge for edge in placed.edges if edge.edge.rework]
    assert rework
    for edge in rework:
        points = corners(edge.route)
        for a, b in zip(points, points[1:]):
            if abs(a[1] - b[1]) < 0.01:  # along a corridor
                assert min(abs(a[1] - border) for border in borders) >= 10, (a, b)

"""The chart's routes as right-angled polylines, label positions along them, and text XML can hold."""

from __future__ import annotations

import pytest

from sample_flows import BRANCHING, chain_flow, flow_from
from sopgen.analysis.figures import analyse
from sopgen.charts.flowchart import placed_flow
from sopgen.export.geometry import corners, fraction_along, number, xml_text
from sopgen.i18n.localizer import Localizer


def test_an_s_bend_becomes_its_three_straight_pieces():
    route = [(0, 0), (10, 0), (10, 40), (20, 40)]  # a cubic Bézier whose control points are the corners
    assert corners(route) == [(0, 0), (10, 0), (10, 40), (20, 40)]


def test_straight_pieces_and_repeated_points_collapse():
    route = [(0, 0), (10, 0), (20, 0), (30, 0), (30, 0), (30, 0), (30, 0), (40, 0), (50, 0), (60, 0)]
    assert corners(route) == [(0, 0), (60, 0)]


def test_a_slanted_turn_is_squared_along_the_corridor():
    # back along a corridor at y=100, then a turn that ends 10 points further left than it starts
    route = [(200, 100), (150, 100), (100, 100), (50, 100), (22, 100), (12, 40), (40, 40)]
    assert corners(route) == [(200, 100), (12, 100), (12, 40), (40, 40)]


@pytest.mark.parametrize("text", [BRANCHING, chain_flow(60, 6)])
def test_every_route_of_a_real_layout_has_right_angles_and_ends_on_its_boxes(text: str):
    flow = flow_from(text)
    placed = placed_flow(flow, analyse(flow), Localizer.for_locale("en"), 36)
    boxes = {step.step.id: step.box for step in placed.steps}
    for edge in placed.edges:
        points = corners(edge.route)
        assert all(a[0] == pytest.approx(b[0]) or a[1] == pytest.approx(b[1]) for a, b in zip(points, points[1:])), points
        source, target = boxes[edge.edge.from_step], boxes[edge.edge.to_step]
        # on the source's right side and the target's left side, at a port of its own where several share a side
        assert points[0][0] == pytest.approx(source.right) and source.top < points[0][1] < source.bottom
        assert points[-1][0] == pytest.approx(target.left) and target.top < points[-1][1] < target.bottom
    for event in placed.events:
        points = corners(event.route)
        assert all(a[0] == pytest.approx(b[0]) or a[1] == pytest.approx(b[1]) for a, b in zip(points, points[1:]))


def test_an_edge_passes_through_its_label_box():
    flow = flow_from(BRANCHING)
    placed = placed_flow(flow, analyse(flow), Localizer.for_locale("en"))
    for edge in placed.edges:
        if edge.label_box is None:
            continue
        box = edge.label_box
        points = corners(edge.route)
        at = fraction_along(points, box.centre)
        assert 0 < at < 1
        crossing = [(a, b) for a, b in zip(points, points[1:]) if a[1] == pytest.approx(box.centre[1]) == b[1]]
        assert any(min(a[0], b[0]) <= box.left and max(a[0], b[0]) >= box.right for a, b in crossing)


def test_fraction_along():
    assert fraction_along([(0, 0), (10, 0), (10, 10)], (10, 0)) == pytest.approx(0.5)
    assert fraction_along([(0, 0), (10, 0), (10, 10)], (12, 5)) == pytest.approx(0.75)
    assert fraction_along([(0, 0), (0, 0)], (3, 3)) == 0.5


def test_numbers_and_text_for_xml():
    assert [number(value) for value in (0.0, -0.01, 12.0, 12.34, 1234567.89)] == ["0", "0", "12", "12.3", "1234567.9"]
    assert xml_text("a\ufffeb\ttab\nline 訂單 \U0001f600") == "a\ufffdb\ttab\nline 訂單 \U0001f600"

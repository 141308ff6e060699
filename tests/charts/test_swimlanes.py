"""The swimlane layout on its own: columns, bands in lane order, arrows that start and end on box borders."""

from __future__ import annotations

import pytest

from sopgen.charts.swimlanes import ARROW_LENGTH, Connection, Item, columns_of, layout


def test_columns_are_longest_paths():
    items = [Item(name, 0, 10, 10) for name in "abcd"]
    assert columns_of(items, [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]) == {"a": 0, "b": 1, "c": 2, "d": 3}
    with pytest.raises(ValueError):
        columns_of(items, [("a", "b"), ("b", "a")])


def test_lanes_are_bands_in_their_given_order_whatever_the_edges():
    # Edges that would be drawn with fewer crossings if lane 2 came first: the order stays 0, 1, 2.
    items = [Item("a", 2, 80, 30), Item("b", 0, 80, 30), Item("c", 2, 80, 30), Item("d", 1, 80, 30)]
    connections = [Connection("ab", "a", "b"), Connection("bc", "b", "c"), Connection("cd", "c", "d")]
    placed = layout(items, connections, 3, head_width=100)
    bands = placed.bands
    assert bands[0].bottom < bands[1].top and bands[1].bottom < bands[2].top
    for item in items:
        band = bands[item.lane]
        assert band.top < placed.centres[item.name][1] < band.bottom
    xs = [placed.centres[name][0] for name in "abcd"]
    assert xs == sorted(xs)
    assert min(xs) - 40 > 100  # right of the lane heads


def test_arrows_leave_right_sides_and_end_at_left_sides():
    items = [Item("a", 0, 80, 30), Item("b", 1, 60, 30), Item("c", 0, 80, 30)]
    connections = [Connection("ab", "a", "b"), Connection("bc", "b", "c", arrow_length=None), Connection("ca", "c", "a", back=True)]
    placed = layout(items, connections, 2, head_width=100)
    ax, ay = placed.centres["a"]
    bx, by = placed.centres["b"]
    route = placed.routes["ab"]
    assert route.points[0] == (ax + 40, ay)
    assert route.tip == (bx - 30, by)
    assert route.points[-1] == pytest.approx((bx - 30 - ARROW_LENGTH, by))
    assert (len(route.points) - 1) % 3 == 0
    assert placed.routes["bc"].tip is None
    back = placed.routes["ca"]
    assert back.tip == (ax - 40, ay)
    corridor = max(y for _, y in back.points)
    assert corridor > ay + 15  # runs below the boxes of the lane, back to the left
    assert corridor < placed.bands[0].bottom


def test_boxes_sharing_a_column_and_lane_get_rows():
    items = [Item("start", 0, 50, 20), Item("one", 0, 50, 20), Item("two", 0, 50, 40)]
    connections = [Connection("1", "start", "one"), Connection("2", "start", "two")]
    placed = layout(items, connections, 1, head_width=50)
    (x1, y1), (x2, y2) = placed.centres["one"], placed.centres["two"]
    assert x1 == x2
    assert abs(y1 - y2) >= (20 + 40) / 2

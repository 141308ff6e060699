"""What the three exports share: the chart's routes as corner points, its colours and line widths, and text made safe.

Every position comes from sopgen's own swimlane layout (charts.flowchart.placed_flow): the
exports draw what the chart draws, in points, y downwards from the top of the first lane.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from sopgen.charts.swimlanes import Point
from sopgen.charts.theme import THEME, edge_attributes, step_attributes

# Characters XML 1.0 cannot hold at all (blueprints reject control characters; YAML escapes can still make these).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Look(NamedTuple):
    """How a box or line looks in the chart: fill, outline colour, outline width in points, and its dash."""

    fill: str | None
    stroke: str
    width: float
    dash: str | None = None  # None, "dashed" or "dotted"
    double: bool = False  # automated steps have a double outline


def xml_text(text: str) -> str:
    """Text XML can hold: the few characters it cannot are shown as U+FFFD instead of failing the export."""
    return _NOT_XML.sub("\ufffd", text)


def corners(route: Sequence[Point]) -> list[Point]:
    """A route as a polyline through its corners.

    sopgen's routes are made of straight pieces, S-bends and U-turns whose control points sit
    on the corners of a right-angled path; so the polyline through all points, less repeated
    and in-line ones, is that path.
    """
    squared: list[Point] = []
    for point in route:
        if squared and math.dist(squared[-1], point) < 0.05:
            continue
        if squared and abs(squared[-1][0] - point[0]) > 0.05 and abs(squared[-1][1] - point[1]) > 0.05:
            # The turn into a box that an arrow reaches from behind is a little slanted (by the
            # arrowhead's length): run on along the corridor, then turn at a right angle.
            previous = squared[-1]
            runs_on = len(squared) >= 2 and abs(squared[-2][1] - previous[1]) <= 0.05
            squared.append((point[0], previous[1]) if runs_on else (previous[0], point[1]))
        squared.append(point)
    points: list[Point] = []
    for point in squared:
        if points and math.dist(points[-1], point) < 0.05:
            continue
        if len(points) >= 2 and _in_line(points[-2], points[-1], point):
            points[-1] = point
            continue
        points.append(point)
    return points


def _in_line(a: Point, b: Point, c: Point) -> bool:
    """b lies on the straight way from a to c."""
    cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    forward = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
    return abs(cross) < 0.05 * max(math.dist(a, c), 1.0) and forward >= 0


def fraction_along(polyline: Sequence[Point], target: Point) -> float:
    """How far along the polyline (0 … 1) its point nearest to `target` lies."""
    lengths = [math.dist(a, b) for a, b in zip(polyline, polyline[1:])]
    total = sum(lengths)
    if total == 0:
        return 0.5
    best, best_distance, walked = 0.0, math.inf, 0.0
    for (a, b), length in zip(zip(polyline, polyline[1:]), lengths):
        share = 0.0 if length == 0 else max(0.0, min(1.0, ((target[0] - a[0]) * (b[0] - a[0]) + (target[1] - a[1]) * (b[1] - a[1])) / length**2))
        nearest = (a[0] + share * (b[0] - a[0]), a[1] + share * (b[1] - a[1]))
        distance = math.dist(nearest, target)
        if distance < best_distance - 1e-9:
            best, best_distance = (walked + share * length) / total, distance
        walked += length
    return best


def step_look(classes: Sequence[str]) -> Look:
    attributes = step_attributes(classes)
    return Look(attributes["fillcolor"], attributes["color"], float(attributes["penwidth"]), None, attributes.get("peripheries") == "2")


def edge_look(classes: Sequence[str]) -> Look:
    attributes = edge_attributes(classes)
    style = attributes.get("style")
    return Look(None, attributes["color"], float(attributes["penwidth"]), style if style in ("dashed", "dotted") else None)


def lane_fill(lane_type: str) -> str:
    return THEME["system_lane"] if lane_type == "system" else THEME["person_lane"]


def number(value: float) -> str:
    """A coordinate for XML: one decimal at most, never an exponent."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text

"""Where each box and arrow of a swimlane chart goes: columns along the flow, lanes as bands in a fixed order.

Graphviz's dot keeps ranks in order but treats the order of clusters as something to optimise:
to cut crossings it swaps lanes, and no attribute or invisible edge reliably stops it. Its
obstacle-avoiding router (neato) is slow beyond a hundred boxes. So sopgen places boxes and
arrows itself, a layered layout with the lane order fixed, and Graphviz draws them where they
are put (`neato -n2`). Arrows run in the gaps between columns; arrows that skip columns or go
back run along a corridor at the top or bottom of their lane, where no box ever stands.

Coordinates are points, x to the right, y downwards from the top of the first lane.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

COLUMN_GAP = 56.0  # between columns: room for arrows turning between lanes
ROW_GAP = 18.0
LANE_PADDING = 10.0
LANE_GAP = 6.0
TRACK_GAP = 7.0  # between arrows running side by side in a corridor
CORRIDOR_MARGIN = 12.0  # a corridor's first track keeps this far from its lane's border
PORT_GAP = 9.0  # between arrows leaving (or entering) the same side of a box
ARROW_LENGTH = 10.0  # Graphviz draws arrowheads 10 points long (times arrowsize)

Point = tuple[float, float]


class Item(NamedTuple):
    """A box to place: its lane (index in blueprint order) and its size in points."""

    name: str
    lane: int
    width: float
    height: float


class Connection(NamedTuple):
    """An arrow to route from one placed box to another; `back` arrows may point left."""

    name: str
    source: str
    target: str
    arrow_length: float | None = ARROW_LENGTH  # None: no arrowhead
    back: bool = False


class Route(NamedTuple):
    """A cubic Bézier path (1 + 3n points) and, for an arrow, the tip its arrowhead points at."""

    points: tuple[Point, ...]
    tip: Point | None


class Band(NamedTuple):
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


class Layout(NamedTuple):
    centres: Mapping[str, Point]
    sizes: Mapping[str, tuple[float, float]]
    columns: Mapping[str, int]
    bands: tuple[Band, ...]
    flow_left: float
    right: float
    routes: Mapping[str, Route]

    @property
    def bottom(self) -> float:
        return self.bands[-1].bottom if self.bands else 0.0


def columns_of(items: Sequence[Item], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering: each box one column right of its furthest predecessor."""
    position = {item.name: index for index, item in enumerate(items)}
    successors: dict[str, list[str]] = defaultdict(list)
    incoming = dict.fromkeys(position, 0)
    for source, target in edges:
        successors[source].append(target)
        incoming[target] += 1
    column = dict.fromkeys(position, 0)
    ready = [(position[name], name) for name, count in incoming.items() if count == 0]
    heapq.heapify(ready)
    while ready:
        _, name = heapq.heappop(ready)
        for following in successors[name]:
            column[following] = max(column[following], column[name] + 1)
            incoming[following] -= 1
            if incoming[following] == 0:
                heapq.heappush(ready, (position[following], following))
    if any(incoming.values()):
        raise ValueError("the edges given for layering form a loop")
    return column


def layout(
    items: Sequence[Item],
    connections: Sequence[Connection],
    lane_count: int,
    head_width: float,
    head_heights: Sequence[float] = (),
    uniform_width: Iterable[str] = (),
    last: Iterable[str] = (),
) -> Layout:
    """Place `items` in columns (forward connections point right) and in their lanes, then route every connection.

    Items named in `uniform_width` take the full width of their column, so their edges line up;
    items named in `last` (with nothing after them) stand in a column after all others.
    """
    forward = [(c.source, c.target) for c in connections if not c.back]
    column = columns_of(items, forward)
    if pinned := set(last):
        end = max((c for name, c in column.items() if name not in pinned), default=-1) + 1
        column.update(dict.fromkeys(pinned, end))
    by_name = {item.name: item for item in items}
    order = {item.name: index for index, item in enumerate(items)}
    column_count = max(column.values(), default=-1) + 1

    widths = [0.0] * column_count
    for item in items:
        widths[column[item.name]] = max(widths[column[item.name]], item.width)
    flow_left = head_width + COLUMN_GAP / 2
    lefts, x = [], flow_left
    for width in widths:
        lefts.append(x)
        x += width + COLUMN_GAP
    right = x - COLUMN_GAP / 2 if column_count else flow_left + COLUMN_GAP
    stretched = set(uniform_width)
    sizes = {
        item.name: (widths[column[item.name]] if item.name in stretched else item.width, item.height) for item in items
    }
    centre_x = {item.name: lefts[column[item.name]] + widths[column[item.name]] / 2 for item in items}

    rows = _rows(items, forward, column, lane_count, order)
    row_heights = [[0.0] * (max((rows[i.name] for i in items if i.lane == lane), default=0) + 1) for lane in range(lane_count)]
    for item in items:
        row_heights[item.lane][rows[item.name]] = max(row_heights[item.lane][rows[item.name]], item.height)

    tracks = _tracks(connections, by_name, column, lefts, widths)
    bands: list[Band] = []
    centres: dict[str, Point] = {}
    top = 0.0
    corridor_top: dict[int, float] = {}
    corridor_bottom: dict[int, float] = {}
    for lane in range(lane_count):
        above = LANE_PADDING + _corridor_room(_count(tracks, lane, "top"))
        below = LANE_PADDING + _corridor_room(_count(tracks, lane, "bottom"))
        content = sum(row_heights[lane]) + ROW_GAP * (len(row_heights[lane]) - 1)
        head = head_heights[lane] if lane < len(head_heights) else 0.0
        inner = max(content, head)
        bands.append(Band(top, top + above + inner + below))
        corridor_top[lane] = top + CORRIDOR_MARGIN
        corridor_bottom[lane] = top + above + inner + below - CORRIDOR_MARGIN
        y = top + above + (inner - content) / 2
        row_middle = []
        for height in row_heights[lane]:
            row_middle.append(y + height / 2)
            y += height + ROW_GAP
        for item in items:
            if item.lane == lane:
                centres[item.name] = (centre_x[item.name], row_middle[rows[item.name]])
        top = bands[-1].bottom + LANE_GAP

    ports = _ports(connections, centres, sizes)
    turns = _turns(connections, column, lefts, widths, ports, tracks)
    geometry = _Geometry(centres, sizes, column, lefts, widths, corridor_top, corridor_bottom, by_name, ports, turns)
    routes = {c.name: geometry.route(c, tracks.get(c.name)) for c in connections}
    return Layout(centres, sizes, column, tuple(bands), flow_left, right, routes)


def _rows(
    items: Sequence[Item],
    forward: Sequence[tuple[str, str]],
    column: Mapping[str, int],
    lane_count: int,
    order: Mapping[str, int],
) -> dict[str, int]:
    """Row of each item within its lane: where the boxes that lead to it are, as far as possible."""
    predecessors: dict[str, list[str]] = defaultdict(list)
    for source, target in forward:
        predecessors[target].append(source)
    groups: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for item in items:
        groups[(item.lane, column[item.name])].append(item)
    row_count = [1] * lane_count  # the most boxes any column has in the lane
    for (lane, _col), group in groups.items():
        row_count[lane] = max(row_count[lane], len(group))
    position: dict[str, float] = {}  # lane + fraction of the way down it: comparable across lanes
    rows: dict[str, int] = {}
    for lane, col in sorted(groups, key=lambda key: (key[1], key[0])):  # column by column, each lane from the top
        group, count = groups[(lane, col)], row_count[lane]
        wanted = {}
        for item in group:
            placed = [position[p] for p in predecessors.get(item.name, ()) if p in position]
            wanted[item.name] = sum(placed) / len(placed) if placed else lane + 0.5
        ranked = sorted(group, key=lambda item: (wanted[item.name], order[item.name]))
        ideal = [min(max(int((wanted[item.name] - lane) * count), 0), count - 1) for item in ranked]
        for item, row in zip(ranked, _distinct_rows(ideal, count)):
            rows[item.name] = row
            position[item.name] = lane + (row + 0.5) / count
    return rows


def _distinct_rows(ideal: Sequence[int], row_count: int) -> list[int]:
    """Rows as close to the ideal ones as possible, increasing, within 0 … row_count - 1."""
    chosen: list[int] = []
    for index, wanted in enumerate(ideal):
        lowest = chosen[-1] + 1 if chosen else 0
        highest = row_count - (len(ideal) - index)
        chosen.append(min(max(wanted, lowest), highest))
    return chosen


def _needs_corridor(connection: Connection, column: Mapping[str, int]) -> bool:
    return column[connection.target] != column[connection.source] + 1


def _tracks(
    connections: Sequence[Connection],
    by_name: Mapping[str, Item],
    column: Mapping[str, int],
    lefts: Sequence[float],
    widths: Sequence[float],
) -> dict[str, tuple[int, str, int]]:
    """For each arrow that runs along a corridor: (lane, 'top' or 'bottom', track number)."""
    wanted: list[tuple[float, float, str, int, str]] = []
    for connection in connections:
        if not _needs_corridor(connection, column):
            continue
        source, target = by_name[connection.source], by_name[connection.target]
        side = "top" if target.lane < source.lane else "bottom"
        start = lefts[column[source.name]] + widths[column[source.name]]
        end = lefts[column[target.name]]
        wanted.append((min(start, end), max(start, end), connection.name, source.lane, side))
    taken: dict[tuple[int, str], list[list[tuple[float, float]]]] = defaultdict(list)
    assigned: dict[str, tuple[int, str, int]] = {}
    for low, high, name, lane, side in sorted(wanted):
        tracks = taken[(lane, side)]
        for number, spans in enumerate(tracks):
            if all(high < other_low - TRACK_GAP or low > other_high + TRACK_GAP for other_low, other_high in spans):
                spans.append((low, high))
                break
        else:
            number = len(tracks)
            tracks.append([(low, high)])
        assigned[name] = (lane, side, number)
    return assigned


def _corridor_room(track_count: int) -> float:
    """Room a lane's side gives its corridor: tracks clear of the lane's border, boxes clear of the tracks."""
    return CORRIDOR_MARGIN - LANE_PADDING + track_count * TRACK_GAP if track_count else 0.0


def _ports(
    connections: Sequence[Connection], centres: Mapping[str, Point], sizes: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Where each arrow leaves its source's right side and enters its target's left side (y).

    Several arrows out of one box (or into one) are spread over its side, in the order of the
    boxes at their other ends, so that each can be followed from its own start.
    """
    ports = {c.name: (centres[c.source][1], centres[c.target][1]) for c in connections}
    outgoing: dict[str, list[Connection]] = defaultdict(list)
    incoming: dict[str, list[Connection]] = defaultdict(list)
    for connection in connections:
        outgoing[connection.source].append(connection)
        incoming[connection.target].append(connection)
    for end, groups in ((0, outgoing), (1, incoming)):
        for box, group in groups.items():
            if len(group) < 2:
                continue
            other = (lambda c: centres[c.target]) if end == 0 else (lambda c: centres[c.source])
            ranked = sorted(group, key=lambda c: (other(c)[1], other(c)[0]))
            height = sizes[box][1]
            gap = min(PORT_GAP, 0.7 * height / (len(ranked) - 1))
            middle = centres[box][1]
            for index, connection in enumerate(ranked):
                y = middle + (index - (len(ranked) - 1) / 2) * gap
                start, finish = ports[connection.name]
                ports[connection.name] = (y, finish) if end == 0 else (start, y)
    return ports


def _turns(
    connections: Sequence[Connection],
    column: Mapping[str, int],
    lefts: Sequence[float],
    widths: Sequence[float],
    ports: Mapping[str, tuple[float, float]],
    tracks: Mapping[str, tuple[int, str, int]],
) -> dict[tuple[str, int], float]:
    """Where each arrow turns up or down in the gap after a column: arrows sharing a gap turn at x of their own.

    Key: (connection, 0 for the turn after its source, 1 for the turn before its target).
    Arrows going down turn the further left the lower they start, arrows going up the higher
    they start, so that turns in one gap do not cross.
    """
    users: dict[int, list[tuple[tuple[int, float], tuple[str, int]]]] = defaultdict(list)
    for connection in connections:
        start, finish = ports[connection.name]
        source_column, target_column = column[connection.source], column[connection.target]
        if connection.name not in tracks:
            order = (0, -start) if finish >= start else (1, start)
            users[source_column].append((order, (connection.name, 0)))
        else:  # along a corridor: a turn after the source and one before the target
            users[source_column].append(((0, -start), (connection.name, 0)))
            users[target_column - 1].append(((0, -finish), (connection.name, 1)))
    turns: dict[tuple[str, int], float] = {}
    for gap, group in users.items():
        # the gap before the first column is half as wide: the lane heads take the rest
        left, width = (lefts[gap] + widths[gap], COLUMN_GAP) if gap >= 0 else (lefts[0] - COLUMN_GAP / 2, COLUMN_GAP / 2)
        group.sort()
        for index, (_order, key) in enumerate(group):
            turns[key] = left + width * (index + 1) / (len(group) + 1)
    return turns


def _count(tracks: Mapping[str, tuple[int, str, int]], lane: int, side: str) -> int:
    return max((number + 1 for lane_, side_, number in tracks.values() if lane_ == lane and side_ == side), default=0)


class _Geometry(NamedTuple):
    centres: Mapping[str, Point]
    sizes: Mapping[str, tuple[float, float]]
    column: Mapping[str, int]
    lefts: Sequence[float]
    widths: Sequence[float]
    corridor_top: Mapping[int, float]
    corridor_bottom: Mapping[int, float]
    items: Mapping[str, Item]
    ports: Mapping[str, tuple[float, float]]
    turns: Mapping[tuple[str, int], float]

    def route(self, connection: Connection, track: tuple[int, str, int] | None) -> Route:
        """Out of the source's right side, into the target's left side; boxes narrower than their column get a stub."""
        source, target = connection.source, connection.target
        (sx, _), (tx, _) = self.centres[source], self.centres[target]
        sy, ty = self.ports[connection.name]
        tip = (tx - self.sizes[target][0] / 2, ty)
        arrive_x = tip[0] - (connection.arrow_length or 0.0)
        column_right = self.lefts[self.column[source]] + self.widths[self.column[source]]
        column_left = self.lefts[self.column[target]]
        path: list[Point] = [(sx + self.sizes[source][0] / 2, sy)]
        if path[0][0] < column_right - 0.5:
            _line(path, (column_right, sy))
        entry = (min(column_left, arrive_x), ty)
        turn = self.turns.get((connection.name, 0))
        if track is None:
            _s_curve(path, entry, turn)
        else:
            lane, side, number = track
            corridor = self.corridor_top[lane] + number * TRACK_GAP if side == "top" else self.corridor_bottom[lane] - number * TRACK_GAP
            if column_left > column_right:  # forward, skipping columns
                before = self.turns.get((connection.name, 1), column_left - COLUMN_GAP / 2)
                _s_curve(path, (turn if turn is not None else column_right + COLUMN_GAP / 2, corridor), turn)
                _line(path, (before, corridor))
                _s_curve(path, entry, before)
            else:  # back to an earlier column: out, turn, along the corridor, turn, in
                out = turn if turn is not None else column_right + COLUMN_GAP / 2
                back = self.turns.get((connection.name, 1), column_left - COLUMN_GAP / 2)
                _u_turn(path, (column_right, corridor), out - column_right)
                _line(path, (column_left, corridor))
                _u_turn(path, entry, back - column_left)
        if arrive_x > entry[0] + 0.5:
            _line(path, (arrive_x, ty))
        return Route(tuple(path), tip if connection.arrow_length is not None else None)


def _line(path: list[Point], end: Point) -> None:
    (x0, y0), (x1, y1) = path[-1], end
    path.extend([(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3), (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), end])


def _s_curve(path: list[Point], end: Point, turn: float | None = None) -> None:
    """Across, then up or down at `turn` (default: half way), then across to `end`; straight pieces joined by rounded corners."""
    (x0, y0), (x1, y1) = path[-1], end
    middle = (x0 + x1) / 2 if turn is None else turn
    if abs(y1 - y0) < 0.5 or turn is None:
        path.extend([(middle, y0), (middle, y1), end])
        return
    for corner in ((middle, y0), (middle, y1), end):
        if abs(corner[0] - path[-1][0]) + abs(corner[1] - path[-1][1]) > 0.01:
            _line(path, corner)


def _u_turn(path: list[Point], end: Point, bulge: float) -> None:
    (x0, y0), (x1, y1) = path[-1], end
    path.extend([(x0 + bulge, y0), (x1 + bulge, y1), end])

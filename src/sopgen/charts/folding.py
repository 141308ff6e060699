"""A flow chart folded to fit a page: bands of columns with the lanes repeated, connector marks where an edge goes on.

A chart that fits its page at a print size where its smallest text is at least `min_points`
stays whole. A longer one is cut into bands of consecutive columns (band 1 the first steps,
band 2 the next …), each drawn as a chart of its own with every lane, at one scale for all of
them: the smallest that keeps the text readable. An edge from one band to another ends at a
mark "→ A" in its sender's band and starts again at "A →" in its receiver's band.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from sopgen.charts.flowchart import BandPlan, band_extent, flowchart, step_columns
from sopgen.charts.graphviz_run import FIXED_EPOCH, render_chart
from sopgen.charts.swimlanes import COLUMN_GAP
from sopgen.charts.theme import ENGINE, LANE_HEAD_POINTS

if TYPE_CHECKING:
    from sopgen.analysis.figures import FlowAnalysis
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.i18n.localizer import Localizer

MIN_PRINT_POINTS = 6.0  # no text of a printed chart is smaller
PAD = 0.3 * 72  # Graphviz's pad around a chart (theme.GRAPH_ATTRIBUTES), each side
# What a band holds besides its columns: the lane heads, a column of connector marks, Graphviz's pad.
BAND_ALLOWANCE = LANE_HEAD_POINTS + COLUMN_GAP / 2 + 150.0 + 2 * PAD
MAX_ATTEMPTS = 6  # band counts tried when a band comes out too wide or too tall for its page
_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_FONT_SIZE = re.compile(rb'font-size="([\d.]+)"')


class PageBox(NamedTuple):
    """The room a chart's picture may take on its page, in points."""

    width: float
    height: float


class ChartPage(NamedTuple):
    """One picture of a chart: SVG at the size it is drawn (points; 1 point a pixel at 72 dpi), and its DOT source."""

    svg: bytes
    width: float
    height: float
    source: str
    part: int = 1
    parts: int = 1

    @property
    def smallest_font(self) -> float:
        return smallest_font(self.svg)


class FoldedChart(NamedTuple):
    """A chart's pages, in order, and the scale they all print at (print size ÷ drawn size)."""

    pages: tuple[ChartPage, ...]
    scale: float

    def print_size(self, page: ChartPage) -> tuple[float, float]:
        return page.width * self.scale, page.height * self.scale


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height in points of an SVG Graphviz wrote."""
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("not an SVG written by Graphviz: no width and height in points")
    return float(found[1]), float(found[2])


def smallest_font(svg: bytes) -> float:
    """The smallest font size (points, as drawn) of the text in an SVG Graphviz wrote."""
    return min((float(size) for size in _FONT_SIZE.findall(svg)), default=14.0)


def fold_flow(
    flow: FlowBlueprint,
    analysis: FlowAnalysis,
    localizer: Localizer,
    box: PageBox,
    min_points: float = MIN_PRINT_POINTS,
    font: str | None = None,
    changed: frozenset[str] = frozenset(),
    summary: bool = True,
) -> FoldedChart:
    """The flow's chart as pages that each fit `box` with no text under `min_points` when printed.

    The whole chart when it fits (no bigger than drawn); otherwise bands, as few as the width
    allows, of about equal width, all at one scale. Without `summary`, the first band has the
    title but not the key figures (a document says them in words beside the chart).
    """

    def draw(band: BandPlan | None = None) -> ChartPage:
        graph = flowchart(flow, analysis, localizer, font, changed=changed, band=band)
        svg = render_chart(graph, "svg")
        width, height = svg_size(svg)
        return ChartPage(svg, width, height, graph.source, band.part if band else 1, band.parts if band else 1)

    whole = draw()
    least = min_points / whole.smallest_font
    fit = min(1.0, box.width / whole.width, box.height / whole.height)
    if fit >= least or len(flow.steps) < 2:
        return FoldedChart((whole,), fit)
    columns, widths = step_columns(flow, analysis, localizer)
    legend_width = box.width / least - 2 * PAD - 30
    # Sizes are estimated from sopgen's own layout (no Graphviz run) until a partition fits; the
    # title above the lanes is measured once: of the whole chart, and of a band without figures.
    whole_extent = band_extent(flow, analysis, localizer)
    headers = {True: whole.height - 2 * PAD - whole_extent[1]}

    def estimate(plan: BandPlan) -> tuple[float, float]:
        if plan.summary not in headers:
            probe = draw(plan)
            headers[plan.summary] = probe.height - 2 * PAD - band_extent(flow, analysis, localizer, plan)[1]
        width, height = band_extent(flow, analysis, localizer, plan)
        return width + 2 * PAD, height + 2 * PAD + headers[plan.summary]

    def scale_of(sizes: Sequence[tuple[float, float]]) -> float:
        return min(1.0, *(box.width / width for width, _ in sizes), *(box.height / height for _, height in sizes))

    count = len(_split(widths, box.width / least - BAND_ALLOWANCE))
    best: FoldedChart | None = None
    for _attempt in range(MAX_ATTEMPTS):
        while True:  # the fewest bands that fit, by estimate
            plans = [plan._replace(summary=summary and plan.summary, legend=False) for plan in band_plans(flow, columns, _even_split(widths, count))]
            sizes = [estimate(plan) for plan in plans]
            lowest = min(range(len(plans)), key=lambda number: sizes[number][1])  # the legend goes where there is most room
            plans[lowest] = plans[lowest]._replace(legend=True, legend_width=legend_width)
            sizes[lowest] = estimate(plans[lowest])
            if scale_of(sizes) >= least - 1e-6 or count >= len(widths):
                break
            count += 1
        pages = tuple(draw(plan) for plan in plans)
        folded = FoldedChart(pages, scale_of([(page.width, page.height) for page in pages]))  # one scale, the largest at which all fit
        if best is None or folded.scale > best.scale + 1e-6:
            best = folded
        if folded.scale >= least - 1e-6 or count >= len(widths):
            break
        count += 1  # drawn a little bigger than estimated: one band more
    assert best is not None
    return best


def render_page(page: ChartPage, fmt: str, dpi: float | None = None, epoch: int = FIXED_EPOCH) -> bytes:
    """A page drawn as PNG or PDF; `dpi` sets a PNG's resolution (Graphviz's own is 96)."""
    import graphviz

    return render_chart(graphviz.Source(page.source, engine=ENGINE), fmt, epoch, dpi)


def _even_split(widths: Sequence[float], count: int) -> list[range]:
    """At most `count` ranges of consecutive columns, the widest as narrow as it can be."""
    low, high = max(widths), sum(widths)
    for _ in range(30):
        middle = (low + high) / 2
        low, high = (middle, high) if len(_split(widths, middle)) > count else (low, middle)
    return _split(widths, high)


def _split(widths: Sequence[float], limit: float) -> list[range]:
    """Consecutive columns in ranges each no wider than `limit` (a wider column stands alone)."""
    ranges, start, used = [], 0, 0.0
    for column, width in enumerate(widths):
        if column > start and used + width > limit:
            ranges.append(range(start, column))
            start, used = column, 0.0
        used += width
    ranges.append(range(start, len(widths)))
    return ranges


def band_plans(flow: FlowBlueprint, columns: dict[str, int], ranges: Sequence[range]) -> list[BandPlan]:
    """Each band's steps (those whose column is in its range) and connector marks A, B … for edges between bands, in edge order."""
    band_of = {step_id: next(index for index, span in enumerate(ranges) if column in span) for step_id, column in columns.items()}
    outgoing: list[dict[int, tuple[str, int]]] = [{} for _ in ranges]
    incoming: list[dict[int, tuple[str, int]]] = [{} for _ in ranges]
    marks = 0
    for index, edge in enumerate(flow.edges):
        source, target = band_of[edge.from_step], band_of[edge.to_step]
        if source != target:
            letter = connector_mark(marks)
            marks += 1
            outgoing[source][index] = (letter, target + 1)
            incoming[target][index] = (letter, source + 1)
    parts = len(ranges)
    return [
        BandPlan(
            frozenset(step_id for step_id, band in band_of.items() if band == number),
            number + 1,
            parts,
            outgoing[number],
            incoming[number],
            legend=number == parts - 1,
            summary=number == 0,
        )
        for number in range(parts)
    ]


def connector_mark(number: int) -> str:
    """A, B … Z, AA, AB …: the mark of the `number`th (from 0) edge that goes on in another band."""
    mark = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        mark = chr(ord("A") + rest) + mark
    return mark

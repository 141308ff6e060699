"""The chart's key: its title and figures above the lanes, and the legend of sample boxes and arrows below them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sopgen.analysis.figures import CRITICAL_FROM
from sopgen.charts.labels import Row, Table, inches, table
from sopgen.charts.swimlanes import ARROW_LENGTH
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import escape, escaped_lines
from sopgen.charts.theme import (
    BOTTLENECK_STYLE,
    CHANGED_STYLE,
    CRITICAL_PATH_EDGE_STYLE,
    CRITICAL_STYLE,
    MANUAL_HANDOFF_STYLE,
    MEASURED_BOTTLENECK_STYLE,
    REWORK_STYLE,
    STEP_STYLES,
    THEME,
    TITLE_WIDTH,
    Canvas,
    box_size,
)
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    import graphviz


class LegendBox(NamedTuple):
    name: str
    label: Table
    attributes: Mapping[str, str]
    left: float
    size: tuple[float, float]
    row: int = 0


class LegendArrow(NamedTuple):
    name: str
    style: Mapping[str, str]
    start: float
    end: float
    tag: str | None
    row: int = 0


def _straight(pos: Any, start: float, end: float, y: float) -> str:
    return " ".join(pos(start + (end - start) * fraction, y) for fraction in (0, 1 / 3, 2 / 3, 1))


def _sample(text: str) -> Table:
    return table(Row(wrap(text, TITLE_WIDTH), 13, color=THEME["ink"], padding=2))


class Legend(NamedTuple):
    boxes: list[LegendBox]
    arrows: list[LegendArrow]
    height: float
    right: float
    row_height: float = 0.0

    def middle(self, top: float, row: int) -> float:
        """The y of a row's middle, the legend's top at `top`."""
        return top + LEGEND_PADDING - 4 + (row + 0.5) * self.row_height


LEGEND_PADDING = 14.0


def legend_items(localizer: Localizer, measured: bool = False, changed: bool = False, width: float | None = None) -> Legend:
    """Sample boxes and arrows in a row below the lanes, each with its meaning; the measured bottleneck and a future state's changes where shown.

    With `width` (points), the samples go on in a further row where the row would be wider.
    """
    _ = localizer._
    samples: list[tuple[str, Table, Mapping[str, str]]] = [
        ("legend-manual", _sample(_("Manual step")), STEP_STYLES["manual"]),
        ("legend-automated", _sample(_("Automated step")), STEP_STYLES["automated"]),
        ("legend-bottleneck", _sample(_("Bottleneck")), {**STEP_STYLES["manual"], **BOTTLENECK_STYLE}),
        (
            "legend-critical",
            _sample(_("Critical: {percent} or more utilized").format(percent=localizer.percent(CRITICAL_FROM))),
            {**STEP_STYLES["manual"], **CRITICAL_STYLE},
        ),
    ]
    if measured:
        samples.append(("legend-measured-bottleneck", _sample(_("Measured bottleneck")), {**STEP_STYLES["manual"], **MEASURED_BOTTLENECK_STYLE}))
    if changed:
        samples.append(("legend-changed", _sample(_("Changed in the future state")), {**STEP_STYLES["automated"], **CHANGED_STYLE}))
    arrows: list[tuple[str, Mapping[str, str], str]] = [
        ("legend-handoff", MANUAL_HANDOFF_STYLE, _("Manual hand-off: number and channel")),
        ("legend-path", CRITICAL_PATH_EDGE_STYLE, _("Critical path: sets the lead time")),
        ("legend-rework", REWORK_STYLE, _("Rework: a loop back")),
    ]
    # Units that stay together on a row, each laid out from x = 0: its boxes, its arrow, its width.
    units: list[tuple[list[LegendBox], list[LegendArrow], float]] = []
    for name, label, style in samples:
        size = box_size(label)
        units.append(([LegendBox(name, label, {**style, "width": inches(size[0]), "height": inches(size[1])}, 0.0, size)], [], size[0] + 20))
    for name, style, meaning in arrows:
        boxes: list[LegendBox] = []
        x = 0.0
        if name == "legend-handoff":
            tag = Table((Row(("#1",), 15, bold=True, color="white", background=THEME["handoff"], padding=2),), border=1, color=THEME["handoff"], background="white")
            boxes.append(LegendBox(f"{name}-tag", tag, {"shape": "plain"}, 30, tag.size_points()))
            x += 30 + tag.size_points()[0] + 34
        else:
            x += 74
        arrow = LegendArrow(name, style, 0.0, x, f"{name}-tag" if name == "legend-handoff" else None)
        words = table(Row(wrap(meaning, 22), 12, color=THEME["ink"], left=True))
        boxes.append(LegendBox(f"{name}-text", words, {"shape": "plain"}, x + 8, words.size_points()))
        units.append((boxes, [arrow], x + 8 + words.size_points()[0] + 26))
    title = table(Row((_("Legend"),), 16, bold=True, color=THEME["ink"]))
    placed_boxes = [LegendBox("legend-title", title, {"shape": "plain"}, 14.0, title.size_points())]
    placed_arrows: list[LegendArrow] = []
    indent = 14.0 + title.size_points()[0] + 24
    x, row, right = indent, 0, indent
    for boxes, unit_arrows, unit_width in units:
        if width is not None and x > indent and x + unit_width - 20 > width:
            x, row = indent, row + 1
        placed_boxes += [box._replace(left=x + box.left, row=row) for box in boxes]
        placed_arrows += [arrow._replace(start=x + arrow.start, end=x + arrow.end, row=row) for arrow in unit_arrows]
        x += unit_width
        right = max(right, x)
    row_height = max(box.size[1] for box in placed_boxes) + 8
    return Legend(placed_boxes, placed_arrows, (row + 1) * row_height + 2 * LEGEND_PADDING - 8, right, row_height)


def draw_legend(graph: graphviz.Digraph, canvas: Canvas, legend_parts: Legend, top: float, right: float) -> None:
    """The legend as a cluster below the lanes, from `top`, as wide as the chart."""
    boxes, height = legend_parts.boxes, legend_parts.height
    pos = canvas.pos
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="", style="rounded", color=THEME["lane_border"], id="legend", bb=canvas.bb(0, top, right, top + height))
        for box in boxes:
            middle = legend_parts.middle(top, box.row)
            legend.node(box.name.replace("-", "_"), box.label.label(), id=box.name, pos=pos(box.left + box.size[0] / 2, middle), **box.attributes)
        for name, style, start, end, tag, row in legend_parts.arrows:
            middle = legend_parts.middle(top, row)
            node = name.replace("-", "_")
            ends = {"shape": "point", "width": "0.01", "style": "invis"}
            legend.node(f"{node}_from", "", pos=pos(start, middle), **ends)
            legend.node(f"{node}_to", "", pos=pos(end, middle), **ends)
            arrow = ARROW_LENGTH * float(style.get("arrowsize", "0.9"))
            shown = {"class": f"legend {name}"}
            if tag is None:
                legend.edge(f"{node}_from", f"{node}_to", pos=f"e,{pos(end, middle)} {_straight(pos, start, end - arrow, middle)}", **shown, **style)
                continue
            tag_box = next(box for box in boxes if box.name == tag)
            left, right_edge = tag_box.left, tag_box.left + tag_box.size[0]
            plain = {**style, "arrowhead": "none"}
            legend.edge(f"{node}_from", tag.replace("-", "_"), pos=_straight(pos, start, left, middle), **shown, **plain)
            legend.edge(tag.replace("-", "_"), f"{node}_to", pos=f"e,{pos(end, middle)} {_straight(pos, right_edge, end - arrow, middle)}", **shown, **style)


def part_heading(title: str, part: int, parts: int, localizer: Localizer) -> str:
    """The title line of a folded chart's later parts: "… · part 2 of 3"."""
    text = localizer._("{title} · part {part} of {parts}").format(title=title, part=localizer.number(part, 0), parts=localizer.number(parts, 0))
    return f'<<TABLE BORDER="0" CELLPADDING="0"><TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="16" COLOR="{THEME["ink"]}"><B>{escaped_lines(wrap(text, 90))}</B></FONT></TD></TR></TABLE>>'


def chart_summary(title: str, cards: Sequence[tuple[str, str, str]]) -> str:
    """The chart's title and its key figures as boxes in a row (the graph label: Graphviz places it)."""
    cells = "".join(
        f'<TD BGCOLOR="{THEME["summary_fill"]}" BORDER="1" COLOR="#CBD2D9" CELLPADDING="4" VALIGN="TOP">'
        '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="12" COLOR="{THEME["muted"]}">{escape(label)}</FONT></TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="18" COLOR="{color}"><B>{escaped_lines(wrap(value, 34))}</B></FONT></TD></TR>'
        "</TABLE></TD>"
        for label, value, color in cards
    )
    heading = f'<FONT POINT-SIZE="24" COLOR="{THEME["ink"]}"><B>{escaped_lines(wrap(title, 70))}</B></FONT>'
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{heading}</TD></TR>'
        f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="6" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD></TR>'
        "</TABLE>>"
    )

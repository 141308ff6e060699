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


def _straight(pos: Any, start: float, end: float, y: float) -> str:
    return " ".join(pos(start + (end - start) * fraction, y) for fraction in (0, 1 / 3, 2 / 3, 1))


def _sample(text: str) -> Table:
    return table(Row(wrap(text, TITLE_WIDTH), 13, color=THEME["ink"], padding=2))


class Legend(NamedTuple):
    boxes: list[LegendBox]
    arrows: list[tuple[str, Mapping[str, str], float, float, str | None]]
    height: float
    right: float


def legend_items(localizer: Localizer, measured: bool = False, changed: bool = False) -> Legend:
    """Sample boxes and arrows in a row below the lanes, each with its meaning; the measured bottleneck and a future state's changes where shown."""
    _ = localizer._
    legend_arrows: list[tuple[str, Mapping[str, str], float, float, str | None]] = []
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
    boxes: list[LegendBox] = []
    x = 14.0
    title = table(Row((_("Legend"),), 16, bold=True, color=THEME["ink"]))
    boxes.append(LegendBox("legend-title", title, {"shape": "plain"}, x, title.size_points()))
    x += title.size_points()[0] + 24
    for name, label, style in samples:
        size = box_size(label)
        boxes.append(LegendBox(name, label, {**style, "width": inches(size[0]), "height": inches(size[1])}, x, size))
        x += size[0] + 20
    for name, style, meaning in arrows:
        start = x
        if name == "legend-handoff":
            tag = Table((Row(("#1",), 15, bold=True, color="white", background=THEME["handoff"], padding=2),), border=1, color=THEME["handoff"], background="white")
            boxes.append(LegendBox(f"{name}-tag", tag, {"shape": "plain"}, x + 30, tag.size_points()))
            x += 30 + tag.size_points()[0] + 34
        else:
            x += 74
        legend_arrows.append((name, style, start, x, "legend-handoff-tag" if name == "legend-handoff" else None))
        words = table(Row(wrap(meaning, 22), 12, color=THEME["ink"], left=True))
        boxes.append(LegendBox(f"{name}-text", words, {"shape": "plain"}, x + 8, words.size_points()))
        x += 8 + words.size_points()[0] + 26
    height = max(box.size[1] for box in boxes) + 28
    return Legend(boxes, legend_arrows, height, x)

def draw_legend(graph: graphviz.Digraph, canvas: Canvas, legend_parts: Legend, top: float, right: float) -> None:
    """The legend as a cluster below the lanes, from `top`, as wide as the chart."""
    boxes, height = legend_parts.boxes, legend_parts.height
    middle = top + height / 2
    pos = canvas.pos
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="", style="rounded", color=THEME["lane_border"], id="legend", bb=canvas.bb(0, top, right, top + height))
        for box in boxes:
            legend.node(box.name.replace("-", "_"), box.label.label(), id=box.name, pos=pos(box.left + box.size[0] / 2, middle), **box.attributes)
        for name, style, start, end, tag in legend_parts.arrows:
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

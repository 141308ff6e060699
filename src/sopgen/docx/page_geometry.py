"""Where pictures go on a page: the box between the margins, the landscape box a flow chart gets, a picture's size and its smallest printed text."""

from __future__ import annotations

from typing import Any

from docx.image.image import Image
from docx.shared import Cm, Emu

from sopgen.docx.views import ChartPicture

# Room a figure leaves on its page for the heading above it and the caption and findings below.
FIGURE_ROOM = Cm(5)
# Room a folded flow chart's picture leaves on its page: for the heading above the first, the caption below the last.
FOLDED_ROOM = Cm(1.6)
# A wide chart gets a landscape page when that shows it at least this much bigger.
LANDSCAPE_GAIN = 1.3
MIN_PRINT_POINTS = 6.0  # a chart's smallest text on paper, as sopgen.charts.folding keeps it


def landscape_chart_box(section: Any) -> tuple[float, float]:
    """Width and height in points that `Writer.figure` gives a flow chart's pictures in a document that starts with `section`: on a landscape page."""
    width, height = text_box(section)
    if height > width:  # turned as Writer.landscape turns it, the margins staying where they are
        width = Emu(section.page_height - section.left_margin - section.right_margin)
        height = Emu(section.page_width - section.top_margin - section.bottom_margin)
    return Emu(width).pt, Emu(height - FOLDED_ROOM).pt


def text_box(section: Any) -> tuple[Emu, Emu]:
    """Width and height between a section's margins."""
    return (
        Emu(section.page_width - section.left_margin - section.right_margin),
        Emu(section.page_height - section.top_margin - section.bottom_margin),
    )


def picture_size(chart: ChartPicture, max_width: int, max_height: int) -> tuple[Emu, Emu]:
    """The chart's size at 96 dpi (Graphviz's), shrunk to fit; cairo PNGs carry no dpi of their own."""
    image = Image.from_blob(chart.png)  # charts come from render_flowchart as PNG: anything else is a bug
    width_px = chart.width_px or image.px_width
    height_px = chart.height_px or image.px_height
    dpi = image.horz_dpi if image.horz_dpi not in (0, 72) else 96
    width = Emu(int(width_px / dpi * 914400))
    scale = min(1.0, max_width / width, max_height / (width * height_px / width_px))
    width = Emu(int(width * scale))
    return width, Emu(int(width * height_px / width_px))


def printed_font(chart: ChartPicture, width: int) -> float:
    """The size in points its smallest text prints at when the chart is `width` (EMU) wide; without SVG, as if readable."""
    from sopgen.charts.folding import smallest_font, svg_size

    if chart.svg is None:
        return MIN_PRINT_POINTS
    return smallest_font(chart.svg) * Emu(width).pt / svg_size(chart.svg)[0]

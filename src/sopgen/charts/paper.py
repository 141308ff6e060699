"""A flow chart as a PDF of paper pages (landscape A4, A3 or Letter): the folded chart's bands in order, one a page."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from sopgen.charts.folding import FoldedChart, PageBox, fold_flow, render_page
from sopgen.charts.graphviz_run import FIXED_EPOCH, PAPER_SIZES

if TYPE_CHECKING:
    from sopgen.analysis.figures import FlowAnalysis
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.i18n.localizer import Localizer

PAPER_MARGIN = 28.35  # 1 cm all round: inside what printers can print


def paper_box(paper: str) -> PageBox:
    width, height = PAPER_SIZES[paper]
    return PageBox(width - 2 * PAPER_MARGIN, height - 2 * PAPER_MARGIN)


def paper_chart(
    flow: FlowBlueprint,
    analysis: FlowAnalysis,
    localizer: Localizer,
    paper: str,
    epoch: int = FIXED_EPOCH,
    changed: frozenset[str] = frozenset(),
) -> tuple[bytes, FoldedChart]:
    """The PDF, and the folded chart it shows: each band centred at the top of a page of its own, all at one scale."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    folded = fold_flow(flow, analysis, localizer, paper_box(paper), changed=changed)
    width, height = PAPER_SIZES[paper]
    writer = PdfWriter()
    for page in folded.pages:
        drawn = PdfReader(io.BytesIO(render_page(page, "pdf", epoch=epoch))).pages[0]
        sheet = PageObject.create_blank_page(width=width, height=height)
        printed_width, printed_height = folded.print_size(page)
        left, bottom = (width - printed_width) / 2, height - PAPER_MARGIN - printed_height
        sheet.merge_transformed_page(drawn, Transformation().scale(folded.scale).translate(left, bottom))
        writer.add_page(sheet)
    writer.add_metadata({"/Title": flow.title, "/Producer": "sopgen", "/CreationDate": _pdf_date(epoch)})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), folded


def _pdf_date(epoch: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")

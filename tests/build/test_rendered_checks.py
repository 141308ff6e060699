"""The checks of `make verify-docs` on documents, texts and images made here: each finds what it looks for."""

from __future__ import annotations

import io

import pytest

import docx
from sopgen.build import rendered_checks as checks


def _document(rows: list[list[str]]) -> checks.WordDocument:
    document = docx.Document()
    document.add_heading("Roles", 1)
    table = document.add_table(rows=0, cols=2, style="Table Grid")  # a data table: the layout tables have no style
    for texts in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, texts):
            cell.text = text
    document.add_paragraph("The Packer signs off every parcel.")
    data = io.BytesIO()
    document.save(data)
    return checks.WordDocument.read(data.getvalue())


def test_a_row_missing_from_the_pdf_is_found():
    document = _document([["Role", "Held by"], ["Shop owner", "Mette"], ["Virtual assistant", "Rina"], ["Packer", "Budi"]])
    whole = "Roles\nRole Held by\nShop owner Mette\nVirtual assis-\ntant Rina\nPacker Budi\nThe Packer signs off every parcel."
    assert checks.missing_rows(document, whole) == []
    # the label stands in the text below the table too: counting, not finding, tells the row is gone
    lost = whole.replace("Packer Budi\n", "")
    assert checks.missing_rows(document, lost) == ["table 1: row 'Packer' shows 1 of 2 times"]
    assert checks.missing_rows(document, whole.replace("Virtual assis-\ntant Rina\n", "")) == [
        "table 1: row 'Virtual assist' shows 0 of 1 times"
    ]


def test_chart_text_size_at_print_size():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="2814pt" height="900pt" viewBox="0 0 2814 900"><text font-size="14.00">Pack</text><text font-size="10">x</text></svg>'
    # 25 cm wide: 708.66 pt of 2814 pt
    assert checks.svg_smallest_text_pt(svg, 708.66) == pytest.approx(10 * 708.66 / 2814)
    assert checks.svg_smallest_text_pt(svg, 2814) == pytest.approx(10)
    assert checks.svg_smallest_text_pt(b'<svg xmlns="http://www.w3.org/2000/svg" width="100pt"/>', 100) is None


def test_a_page_with_only_header_and_footer_is_blank():
    width, height = 20, 30
    blank = bytes([255] * width * height)
    header_only = bytearray(blank)
    header_only[1 * width + 5] = 0  # ink in the top margin
    written = bytearray(header_only)
    written[15 * width + 5] = 0
    pgm = b"P5\n# pdftoppm\n%d %d\n255\n" % (width, height) + bytes(written)
    assert checks.read_pgm(pgm) == (width, height, bytes(written))
    pages = [(width, height, blank), (width, height, bytes(header_only)), (width, height, bytes(written))]
    # margins of 72 pt at 24 dpi: 24 pixels... here 3 pixels at 3 dpi
    assert checks.blank_pages(pages, top_pt=72, bottom_pt=72, dpi=3) == [1, 2]


def test_the_contents_must_list_the_last_chapter_before_the_first_begins():
    document = _document([["Role", "Held by"]])
    body = document.body
    for text in ("Introduction", "Appendix"):
        paragraph = docx.oxml.parse_xml(
            f'<w:p xmlns:w="{checks.W}"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
        )
        body.append(paragraph)
    filled = ["Contents Roles Introduction Appendix", "Roles", "Introduction ...", "Appendix ..."]
    empty = ["Contents (update the field)", "Roles", "Introduction ...", "Appendix ..."]
    assert checks.contents_shown(document, filled) == []
    assert checks.contents_shown(document, empty) != []

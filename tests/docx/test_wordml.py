"""docx_xml's blocks written as XML text come out exactly as python-docx's own API would write them."""

from __future__ import annotations

import pytest
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips
from lxml import etree

import docx
from sopgen.docx import wordml as docx_xml

TEXTS = ["plain", "  leading", "trailing ", "tab\there", "line\nbreak\r\nend", 'a & <b> "q"', "", "漢字 訂單", "ctl\x0bx\ud800"]


def xml(element) -> bytes:
    return etree.tostring(element)


def added(document, fragment: str):
    (element,) = docx_xml.append_blocks(document.element.body, fragment)
    return element


@pytest.mark.parametrize("text", TEXTS)
def test_runs_match_python_docx(text):
    document = docx.Document()
    expected = document.add_paragraph()
    run = expected.add_run(docx_xml.xml_safe(text))
    run.bold, run.italic, run.font.no_proof = True, True, True
    run.font.color.rgb = RGBColor.from_string("595959")
    run.font.size = Pt(8.5)
    plain = expected.add_run(docx_xml.xml_safe(text))
    written = added(
        document,
        docx_xml.paragraph_xml(
            docx_xml.run_xml(text, bold=True, italic=True, no_proof=True, color="595959", size=Pt(8.5)) + docx_xml.run_xml(text)
        ),
    )
    assert plain._r.rPr is None
    assert xml(written) == xml(expected._p)


def test_language_tags_as_tag_runs_writes_them():
    document = docx.Document()
    document.add_paragraph().add_run("訂單").bold = True
    language = docx_xml.RunLanguage("en-US", "zh-TW", "Noto Sans CJK TC")
    written = added(document, docx_xml.paragraph_xml(docx_xml.run_xml("訂單", bold=True, language=language)))
    docx_xml.tag_runs(document, language.latin, language.east_asian, language.east_asian_font)
    first = document.element.body[0]
    assert xml(written) == xml(first)
    assert written.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "Noto Sans CJK TC"


def test_paragraph_properties_match_python_docx():
    document = docx.Document()
    expected = document.add_paragraph("Step", style="List Number")
    expected.paragraph_format.keep_with_next = True
    expected.paragraph_format.page_break_before = True
    numbering = expected._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 1
    numbering.get_or_add_numId().val = 7
    expected.paragraph_format.space_after = Pt(2)
    expected.paragraph_format.space_before = Pt(3)
    expected.paragraph_format.left_indent = Twips(1021)
    expected.paragraph_format.first_line_indent = Twips(-596)
    expected.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    written = added(
        document,
        docx_xml.paragraph_xml(
            docx_xml.run_xml("Step"),
            style_id=expected.style.style_id,
            keep_with_next=True,
            page_break_before=True,
            numbering=(7, 1),
            space_after=Pt(2),
            space_before=Pt(3),
            indent=(1021, 596),
            centered=True,
        ),
    )
    assert xml(written) == xml(expected._p)


def test_tables_match_python_docx_with_merged_and_shaded_cells():
    """A table kept on one page: rows that can't split, each kept with the next, and no repeated header row."""
    document = docx.Document()
    widths = [Cm(3), Cm(4), Cm(5)]
    expected = document.add_table(rows=0, cols=3)
    expected._tbl.tblPr.style = "TableGrid"
    expected.alignment = WD_TABLE_ALIGNMENT.LEFT
    expected.autofit = False
    for texts in (["Head", "Name", "Date"], ["Label", "spans two", ""]):
        row = expected.add_row()
        row._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:cantSplit"))
        for cell, text in zip(row.cells, texts):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            if text in ("Head", "Label"):
                run.bold = True
            paragraph.paragraph_format.keep_with_next = text in ("Head", "Name", "Date") or None
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.paragraph_format.space_before = Pt(2)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    expected.rows[1].height = Cm(0.95)
    for column, width in zip(expected.columns, widths):
        column.width = width
    for row in expected.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    shading = docx.oxml.parse_xml(f'<w:shd {docx.oxml.ns.nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>')
    expected.rows[0].cells[0]._tc.tcPr.find(qn("w:vAlign")).addprevious(shading)
    merged = expected.rows[1].cells[1].merge(expected.rows[1].cells[2])
    for extra in merged.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)

    def cell(text: str, bold: bool = False) -> str:
        run = docx_xml.run_xml(text, bold=bold)
        return docx_xml.paragraph_xml(run, space_after=Pt(2), space_before=Pt(2))

    rows = [
        docx_xml.TableRow(
            (docx_xml.TableCell(cell("Head", True), fill="F2F2F2"), docx_xml.TableCell(cell("Name")), docx_xml.TableCell(cell("Date"))),
            header=True,
        ),
        docx_xml.TableRow((docx_xml.TableCell(cell("Label", True)), docx_xml.TableCell(cell("spans two"), span=2)), height=Cm(0.95)),
    ]
    written = added(document, docx_xml.table_xml("TableGrid", widths, rows))
    assert xml(written) == xml(expected._tbl)


def test_blocks_go_before_the_final_section_properties():
    document = docx.Document()
    docx_xml.append_blocks(document.element.body, docx_xml.paragraph_xml(docx_xml.run_xml("one")) + docx_xml.paragraph_xml())
    body = document.element.body
    assert [child.tag for child in body] == [qn("w:p"), qn("w:p"), qn("w:sectPr")]
    assert document.paragraphs[0].text == "one" and b"xmlns" not in xml(body[0]).split(b">", 1)[1]

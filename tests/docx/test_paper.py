"""Documents that work on paper and in every viewer, read from the .docx XML (no LibreOffice needed).

No table both keeps its rows whole and repeats its header (LibreOffice 7.4 drops rows of such
tables), the handbook's contents are filled, no empty paragraph stands before a page break,
long Danish label words carry soft hyphens and label columns fit their longest word.
"""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from tests.docx.test_render import TIMESTAMP

from sopgen.build import rendered_checks as checks
from sopgen.build.sop_views import sop_view
from sopgen.docx import text_fit
from sopgen.docx.handbook import render_handbook
from sopgen.docx.package import document_bytes
from sopgen.docx.sop import render_sop
from sopgen.docx.views import DocxOptions, HandbookView
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization


def _word(document) -> checks.WordDocument:
    return checks.WordDocument.read(document_bytes(document, TIMESTAMP))


@pytest.fixture(scope="module")
def danish_handbook(library, demo_profile) -> checks.WordDocument:
    localization = Localization(Localizer.for_locale("da"), demo_profile)
    views = tuple(view for view in (sop_view(sop, library, localization) for sop in library.sops) if view is not None)
    return _word(render_handbook(HandbookView(views[0].localizer, demo_profile, views, views[0].effective, None), DocxOptions()))


@pytest.fixture(scope="module")
def danish_order(library, demo_profile) -> checks.WordDocument:
    view = sop_view(library.sop("order-processing"), library, Localization(Localizer.for_locale("da"), demo_profile))
    return _word(render_sop(view, DocxOptions()))


def _row_properties(table) -> list[set[str]]:
    return [{child.tag for child in (row.find(qn("w:trPr")) if row.find(qn("w:trPr")) is not None else [])} for row in table.iter(qn("w:tr"))]


def test_no_table_keeps_rows_whole_and_repeats_its_header(danish_handbook, danish_order):
    for document in (danish_handbook, danish_order):
        for table in document.tables():
            rows = _row_properties(table)
            whole = any(qn("w:cantSplit") in row for row in rows)
            repeated = any(qn("w:tblHeader") in row for row in rows)
            assert not (whole and repeated)


def test_short_tables_stay_on_one_page_and_long_ones_repeat_their_header(danish_handbook, danish_order):
    roles = danish_order.tables()[3]  # document control, approval, revision history, roles
    assert all(qn("w:cantSplit") in row for row in _row_properties(roles))
    kept = [
        all(paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for paragraph in row.iter(qn("w:p")))
        for row in roles.iter(qn("w:tr"))
    ]
    assert all(kept[:-1]) and not kept[-1], "every row but the last stays with the next"
    register = max(danish_handbook.tables(), key=lambda table: len(table.findall(qn("w:tr"))))
    assert qn("w:tblHeader") in _row_properties(register)[0]


def test_the_handbook_contents_are_filled_with_links_to_the_headings(danish_handbook):
    assert checks.has_contents(danish_handbook)
    assert checks.toc_problems(danish_handbook) == []
    entries = [link for link in danish_handbook.body.iter(qn("w:hyperlink"))]
    chapters = checks.heading_texts(danish_handbook, ("Heading1", "Heading2"))
    assert [checks.element_text(entry).strip() for entry in entries] == chapters
    assert "LibreOffice" not in danish_handbook.text()


def test_no_empty_paragraph_or_break_before_a_page_break(danish_handbook, danish_order):
    for document in (danish_handbook, danish_order):
        body = list(document.body)
        for before, paragraph in zip(body, body[1:]):
            assert not any(br.get(qn("w:type")) == "page" for br in paragraph.iter(qn("w:br"))), "no page-break paragraphs"
            if paragraph.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None:
                continue
            assert before.tag != qn("w:p") or before.find(qn("w:r")) is not None or before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
            empty = before.tag == qn("w:p") and not checks.element_text(before).strip() and before.find(f".//{qn('w:drawing')}") is None
            assert not empty, "an empty paragraph before a page break leaves a blank page when the page above is full"


def test_long_danish_label_words_carry_soft_hyphens(danish_order):
    control = danish_order.tables()[0]
    labels = [cell for row in control.iter(qn("w:tr")) for cell in row.findall(qn("w:tc"))]
    effective = next(cell for cell in labels if checks.element_text(cell).strip() == "Ikrafttrædelsesdato")
    assert len(list(effective.iter(qn("w:softHyphen")))) >= 2
    assert b'w:autoHyphenation w:val="true"' in danish_order.parts["word/settings.xml"]
    assert any(lang.get(qn("w:val")) == "da-DK" for lang in effective.iter(qn("w:lang")))


def test_label_columns_fit_their_longest_word(danish_order):
    control = danish_order.tables()[0]
    first_column = int(control.find(f"{qn('w:tblGrid')}/{qn('w:gridCol')}").get(qn("w:w"))) / 20
    needed = text_fit.widest_piece_pt("Ikrafttrædelsesdato", text_fit_size(), bold=True) + text_fit.CELL_PADDING_PT
    assert first_column >= needed


def text_fit_size() -> float:
    from sopgen.docx.writer import CELL_TEXT_PT

    return CELL_TEXT_PT


def test_hyphenation_and_width_estimates():
    assert text_fit.hyphenated("Regnskabssystem", "da").count(text_fit.SOFT_HYPHEN) >= 2
    assert text_fit.hyphenated("Penanggungjawab", "id").count(text_fit.SOFT_HYPHEN) >= 2
    assert text_fit.hyphenated("訂單處理流程", "zh_Hant_TW") == "訂單處理流程"
    # short Han phrases stay whole, long runs break between characters
    assert text_fit.unbreakable_pieces("倉儲與包裝人員 在內部聊天與任務標題中使用") == ["倉儲與包裝人員", *"在內部聊天與任務標題中使用"]
    assert text_fit.text_width_pt("訂單", 10) == 20
    assert text_fit.fitted_widths([0.2, 0.3, 0.2, 0.3], [0.27, 0.1, 0.1, 0.1]) == pytest.approx([0.27, 0.27375, 0.1825, 0.27375])

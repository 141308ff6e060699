"""A filled table of contents in a bilingual edition: each entry "first / second", one field, links to the headings."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from sopgen.docx.bilingual import paired_document
from sopgen.docx.views import DocxOptions
from sopgen.docx.writer import new_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADINGS = {"da-DK": ("Formål", "Omfang"), "id-ID": ("Tujuan", "Ruang lingkup")}


def _run(text: str, language: str) -> str:
    return f'<w:r><w:rPr><w:lang w:val="{language}"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(code: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def _document(language: str):
    """A document as a filled contents leaves it: entries (toc 1) linking to bookmarked headings, one TOC field round them."""
    document = new_document(DocxOptions(), "DK")
    document.styles.element.append(
        parse_xml(f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>')
    )
    heading_style = document.styles["Heading 1"].style_id
    titles = HEADINGS[language]
    blocks = []
    for index, title in enumerate(titles):
        begin = _field('TOC \\o "1-2" \\h \\z \\u') if index == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(titles) - 1 else ""
        page = _field("PAGEREF _Toc%d \\h" % (index + 1))
        blocks.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin}<w:hyperlink w:anchor="_Toc{index + 1}">{_run(title, language)}'
            f'<w:r><w:tab/></w:r>{page}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>{end}</w:p>'
        )
    for index, title in enumerate(titles):
        blocks.append(
            f'<w:p><w:pPr><w:pStyle w:val="{heading_style}"/></w:pPr><w:bookmarkStart w:id="{index + 1}" w:name="_Toc{index + 1}"/>'
            f'{_run(title, language)}<w:bookmarkEnd w:id="{index + 1}"/></w:p>'
        )
    body = document.element.body
    for block in blocks:
        body.find(qn("w:sectPr")).addprevious(parse_xml(f'<w:body {nsdecls("w")}>{block}</w:body>')[0])
    return document


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{W}t"))


def test_contents_entries_hold_both_languages_in_one_field_linked_to_the_headings():
    document = paired_document(_document("da-DK"), _document("id-ID"))
    body = document.element.body
    entries = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC1']") is not None]
    assert [_text(entry) for entry in entries] == ["Formål / Tujuan", "Omfang / Ruang lingkup"]
    # the Indonesian title sits before the tab, inside the link, so the dot leader and page number follow it
    link = entries[0].find(f"{W}hyperlink")
    runs = [run for run in link.findall(f"{W}r")]
    tab = next(index for index, run in enumerate(runs) if run.find(f"{W}tab") is not None)
    assert "".join(_text(run) for run in runs[:tab]) == "Formål / Tujuan"
    # one TOC field, whole: as many field ends as beginnings, one TOC instruction
    kinds = [node.get(f"{W}fldCharType") for node in body.iter(f"{W}fldChar")]
    assert kinds.count("begin") == kinds.count("end") == 3
    assert sum("TOC" in (node.text or "") for node in body.iter(f"{W}instrText")) == 1
    # every link leads to a bookmark, and no bookmark name is there twice
    names = [node.get(f"{W}name") for node in body.iter(f"{W}bookmarkStart")]
    assert sorted(names) == ["_Toc1", "_Toc2"]
    assert {link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")} <= set(names)
    headings = [_text(p) for p in body.iter(f"{W}p") if p.find(f"{W}bookmarkStart") is not None]
    assert headings == ["Formål / Tujuan", "Omfang / Ruang lingkup"]


def _plain(blocks: list[tuple[str | None, str, str]]):
    """A document of paragraphs (style id or None, text, language)."""
    document = new_document(DocxOptions(), "DK")
    final = document.element.body.find(qn("w:sectPr"))
    for style, text, language in blocks:
        properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        runs = _run(text, language) if text else ""
        final.addprevious(parse_xml(f'<w:body {nsdecls("w")}><w:p>{properties}{runs}</w:p></w:body>')[0])
    return document


def test_a_text_only_one_language_has_keeps_its_place_beside_the_other():
    heading = new_document(DocxOptions(), "DK").styles["Heading 1"].style_id
    first = _plain([(heading, "Formål", "da-DK"), (None, "Første", "da-DK"), (None, "", "da-DK")])
    second = _plain([(heading, "", "id-ID"), (None, "", "id-ID"), (None, "Ketiga", "id-ID")])
    body = paired_document(first, second).element.body
    assert _text(body.find(f"{W}p")) == "Formål"  # no separator before nothing
    rows = body.find(f"{W}tbl").findall(f"{W}tr")
    assert [[_text(cell) for cell in row.findall(f"{W}tc")] for row in rows] == [["Første", ""], ["", "Ketiga"]]


def test_renderings_whose_blocks_differ_in_style_are_refused():
    import pytest

    from sopgen.docx.bilingual import ShapeMismatch

    heading = new_document(DocxOptions(), "DK").styles["Heading 1"].style_id
    with pytest.raises(ShapeMismatch, match="block 1 differs"):
        paired_document(_plain([(heading, "Formål", "da-DK")]), _plain([(None, "Tujuan", "id-ID")]))

"""Document settings and fields: PAGE, NUMPAGES, a filled TOC with its bookmarks, SEQ, updating fields on open, hyphenation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from sopgen.docx.wordml.names import insert_setting, xml_safe


def update_fields_on_open(document: Document) -> None:
    """Ask Word to refresh fields (the table of contents) when the document is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        insert_setting(settings, parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (`PAGE`, `NUMPAGES`, `TOC \\o "1-3"`, …) with `placeholder` as its shown result."""
    begin = paragraph.add_run()
    begin._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    code = paragraph.add_run()
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"/>')
    instr.text = f" {instruction} "
    code._r.append(instr)
    separate = paragraph.add_run()
    separate._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run(xml_safe(placeholder))
    end = paragraph.add_run()
    end._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def field_instructions(element: Any) -> list[str]:
    """The instructions of the complex fields under an element, stripped (`PAGE`, `TOC \\o "1-3" …`)."""
    return [instr.text.strip() for instr in element.iter(qn("w:instrText")) if instr.text]


def bookmark(paragraph: Any, bookmark_id: int, name: str) -> None:
    """Put the paragraph's content (after its properties) inside a bookmark `name`."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a table of contents: its style id, its text as runs (from run_xml) and the bookmark it links to."""

    style_id: str
    runs: str
    bookmark: str


_FIELD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def contents_xml(instruction: str, entries: list[ContentsEntry], right_tab_twips: int) -> str:
    """Paragraphs of a filled TOC field: each entry links to its bookmark, a dot leader runs to its page number.

    The page numbers are PAGEREF fields with no shown result, for Word (and LibreOffice) to fill in;
    the field stays whole, so that Word's "Update field" rebuilds it.
    """
    def field(code: str, shown: str = "") -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{shown}{_FIELD_END}'
        )

    page_reference = "PAGEREF {} \\h"
    paragraphs = []
    for index, entry in enumerate(entries):
        begin = field(instruction).removesuffix(_FIELD_END) if index == 0 else ""
        end = _FIELD_END if index == len(entries) - 1 else ""
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="{escape(entry.style_id)}"/><w:tabs>'
            f'<w:tab w:val="right" w:leader="dot" w:pos="{right_tab_twips}"/></w:tabs></w:pPr>{begin}'
            f'<w:hyperlink w:anchor="{escape(entry.bookmark)}" w:history="1">{entry.runs}<w:r><w:tab/></w:r>'
            f"{field(page_reference.format(entry.bookmark))}</w:hyperlink>{end}</w:p>"
        )
    return "".join(paragraphs)


def contents_style_xml(style_id: str, name: str, based_on: str, indent_twips: int, right_tab_twips: int) -> str:
    """A TOC paragraph style (`toc 1`, `toc 2`) as Word defines it, for documents that lack one."""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{escape(style_id)}"><w:name w:val="{escape(name)}"/>'
        f'<w:basedOn w:val="{escape(based_on)}"/><w:next w:val="{escape(based_on)}"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
        f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{right_tab_twips}"/></w:tabs>'
        f'<w:spacing w:after="60"/><w:ind w:left="{indent_twips}"/></w:pPr></w:style>'
    )


def hyphenate_automatically(document: Document) -> None:
    """Let Word and LibreOffice hyphenate every paragraph in a language they have a dictionary for."""
    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        insert_setting(settings, parse_xml(f'<w:autoHyphenation {nsdecls("w")} w:val="true"/>'))

"""Document settings and fields: PAGE, NUMPAGES, TOC, SEQ, and updating fields on open."""

from __future__ import annotations

from typing import Any

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

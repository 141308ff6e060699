"""Borders, headers and footers copied between sections, and a template's body cleared."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph


def border(paragraph: Paragraph, side: str, color: str = "8EA9DB") -> None:
    """A thin rule above or below a paragraph (`side` is "top" or "bottom")."""
    properties = paragraph._p.get_or_add_pPr()
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="4" w:space="4" w:color="{color}"/></w:pBdr>'
    )
    followers = {qn(f"w:{name}") for name in (
        "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
        "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
    for existing in properties:
        if existing.tag in followers:
            existing.addprevious(borders)
            return
    properties.append(borders)


_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def story_snapshot(story: Any) -> list[Any]:
    """Copies of a header's or footer's blocks that show something (text, a logo, a table)."""
    return [
        copy.deepcopy(block)
        for block in story._element
        if block.tag == qn("w:tbl") or "".join(block.itertext()).strip() or block.xpath(".//w:drawing | .//w:pict")
    ]


def copy_story(blocks: Iterable[Any], source_part: Any, story: Any) -> None:
    """Put copies of `blocks` (from `source_part`) into a fresh header or footer, relinking pictures."""
    target_part = story.part
    element = story._element
    for child in list(element):
        element.remove(child)
    for block in blocks:
        clone = copy.deepcopy(block)
        for node in clone.iter():
            for attribute, value in list(node.attrib.items()):
                if not attribute.startswith(f"{{{_RELATIONSHIP_NS}}}") or value not in source_part.rels:
                    continue
                relationship = source_part.rels[value]
                if relationship.is_external:
                    node.set(attribute, target_part.relate_to(relationship.target_ref, relationship.reltype, is_external=True))
                else:
                    node.set(attribute, target_part.relate_to(relationship.target_part, relationship.reltype))
        element.append(clone)


def clear_body(document: Document) -> None:
    """Remove a template's content but keep its final section properties (page set-up, headers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

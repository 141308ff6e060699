"""Numbered and bulleted lists, and numbered lists that restart for every SOP."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

PROCEDURE_LIST_NAME = "sopgen procedure"
PROCEDURE_LEVELS = 9
BULLET_LIST_NAME = "sopgen bullets"


def ensure_numbering_part(document: Document) -> Any:
    """The numbering part's `w:numbering` element; created when a template has none."""
    part = document.part
    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        numbering_part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING, element, part.package)
        part.relate_to(numbering_part, RELATIONSHIP_TYPE.NUMBERING)
        return element


def _abstract_list(document: Document, name: str, levels: list[str]) -> int:
    """The id of the abstract list called `name`, added once per document from `levels` (w:lvl XML)."""
    numbering = ensure_numbering_part(document)
    for abstract in numbering.findall(qn("w:abstractNum")):
        found = abstract.find(qn("w:name"))
        if found is not None and found.get(qn("w:val")) == name:
            return int(abstract.get(qn("w:abstractNumId")))
    taken = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(taken, default=-1) + 1
    kind = "multilevel" if len(levels) > 1 else "singleLevel"
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{0x50A90000 + abstract_id:08X}"/><w:multiLevelType w:val="{kind}"/>'
        f'<w:name w:val="{name}"/>{"".join(levels)}</w:abstractNum>'
    )
    existing = numbering.findall(qn("w:abstractNum")) or numbering.findall(qn("w:numPicBullet"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return abstract_id


def _level(level: int, number_format: str, text: str, left: int, hanging: int) -> str:
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def procedure_numbering(document: Document, indents: tuple[tuple[int, int], ...]) -> int:
    """The abstract id of a multilevel decimal list (1., 1.1., 1.1.1.), added once per document.

    `indents` gives (left, hanging) in twips per level; deeper levels repeat the last.
    """
    levels = [
        _level(level, "decimal", ".".join(f"%{n}" for n in range(1, level + 2)) + ".", *indents[min(level, len(indents) - 1)])
        for level in range(PROCEDURE_LEVELS)
    ]
    return _abstract_list(document, PROCEDURE_LIST_NAME, levels)


def bullet_list(document: Document, indent: tuple[int, int]) -> int:
    """The numId of a plain bullet list (one per document: bullets need no restart)."""
    numbering = ensure_numbering_part(document)
    abstract_id = _abstract_list(document, BULLET_LIST_NAME, [_level(0, "bullet", "\u2022", *indent)])
    for num in numbering.findall(qn("w:num")):
        if int(num.find(qn("w:abstractNumId")).get(qn("w:val"))) == abstract_id:
            return int(num.numId)
    return int(numbering.add_num(abstract_id).numId)


def restarted_list(document: Document, abstract_id: int) -> int:
    """A new `w:num` over the abstract list whose every level starts again at 1; returns its numId."""
    numbering = ensure_numbering_part(document)
    num = numbering.add_num(abstract_id)
    for level in range(PROCEDURE_LEVELS):
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
    return int(num.numId)

"""What a bilingual edition takes over from its second rendering besides the body: list numbers,
relationships, headers and footers, core properties and the East Asian font."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml

from sopgen.docx import wordml as docx_xml

VAL = qn("w:val")
R_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CHINESE = "zh-TW"


class NumberingCopier:
    """Lists of the second rendering get lists of their own in the first document.

    Each is a copy of its list definition under a new id, so the second language's procedure
    counts 1, 2, 3 beside the first's: list instances that share a definition share their
    counters in LibreOffice, even where each restarts.
    """

    def __init__(self, first: Document, second: Document):
        self.target = docx_xml.ensure_numbering_part(first)
        source = docx_xml.ensure_numbering_part(second)
        self.source_nums = {num.get(qn("w:numId")): num for num in source.findall(qn("w:num"))}
        self.source_abstracts = {abstract.get(qn("w:abstractNumId")): abstract for abstract in source.findall(qn("w:abstractNum"))}
        self.mapped: dict[str, str] = {}
        self.abstracts: dict[str, str] = {}

    def renumber(self, element: Any) -> None:
        for reference in element.iter(qn("w:numId")):
            old = reference.get(VAL)
            if old in (None, "0"):
                continue
            if old not in self.mapped:
                self.mapped[old] = self._copy(old)
            reference.set(VAL, self.mapped[old])

    def _copy(self, num_id: str) -> str:
        taken = [int(num.get(qn("w:numId"))) for num in self.target.findall(qn("w:num"))]
        new_id = str(max(taken, default=0) + 1)
        num = copy.deepcopy(self.source_nums[num_id])
        num.set(qn("w:numId"), new_id)
        abstract = num.find(qn("w:abstractNumId"))
        abstract.set(VAL, self._abstract_copy(abstract.get(VAL)))
        cleanup = self.target.find(qn("w:numIdMacAtCleanup"))
        cleanup.addprevious(num) if cleanup is not None else self.target.append(num)
        return new_id

    def _abstract_copy(self, abstract_id: str) -> str:
        if abstract_id not in self.abstracts:
            existing = self.target.findall(qn("w:abstractNum"))
            new_id = max((int(abstract.get(qn("w:abstractNumId"))) for abstract in existing), default=-1) + 1
            abstract = copy.deepcopy(self.source_abstracts[abstract_id])
            abstract.set(qn("w:abstractNumId"), str(new_id))
            nsid = abstract.find(qn("w:nsid"))
            if nsid is not None:
                nsid.set(VAL, f"{0x5B1E0000 + new_id:08X}")  # a list's identity in Word: unique per list
            if existing:
                existing[-1].addnext(abstract)
            else:
                self.target.insert(0, abstract)
            self.abstracts[abstract_id] = str(new_id)
        return self.abstracts[abstract_id]


def carry_relationships(element: Any, source_part: Any, target_part: Any) -> None:
    """Relationship ids in `element` (pictures, links) made valid in `target_part`."""
    for node in element.iter():
        for attribute, value in list(node.attrib.items()):
            if not attribute.startswith("{" + R_NAMESPACE + "}"):
                continue
            relationship = source_part.rels[value]
            if relationship.is_external:
                new_id = target_part.relate_to(relationship.target_ref, relationship.reltype, is_external=True)
            elif relationship.reltype == IMAGE:
                new_id, _image = target_part.get_or_add_image(io.BytesIO(relationship.target_part.blob))
            else:
                raise ValueError(f"cannot carry a {relationship.reltype} relationship into the bilingual document")
            node.set(attribute, new_id)


def pair_furniture(
    first: Document, second: Document, join: Callable[[Any, Any, Any], None], carry: Callable[[Any, Any, Any], Any]
) -> None:
    """Each header and footer line in both languages: left part "first / second", then the tab, then the right part likewise."""
    if len(first.sections) != len(second.sections):
        raise ValueError(f"the renderings have {len(first.sections)} and {len(second.sections)} sections")
    for one, other in zip(first.sections, second.sections):
        for name in ("header", "footer", "first_page_header", "first_page_footer", "even_page_header", "even_page_footer"):
            story_one, story_other = getattr(one, name), getattr(other, name)
            if story_one.is_linked_to_previous or story_other.is_linked_to_previous:
                continue
            paragraphs = story_one._element.findall(qn("w:p")), story_other._element.findall(qn("w:p"))
            for paragraph_one, paragraph_other in zip(*paragraphs):
                if _text(paragraph_one) == _text(paragraph_other):
                    continue
                carried = carry(copy.deepcopy(paragraph_other), story_other.part, story_one.part)
                _pair_at_tab(paragraph_one, carried, join)


def _pair_at_tab(one: Any, other: Any, join: Callable[[Any, Any, Any], None]) -> None:
    """Left of the tab and right of it, each "first / second"; a line without a tab as a whole."""
    left_one, right_one = _split_at_tab(one)
    left_other, right_other = _split_at_tab(other)
    properties = one.find(qn("w:pPr"))
    for child in list(one):
        if child is not properties:
            one.remove(child)
    for own, others, tab in ((left_one, left_other, True), (right_one, right_other, False)):
        own_holder, other_holder = _holder(own), _holder(others)
        if _text(own_holder) != _text(other_holder) and _text(other_holder).strip():
            join(own_holder, other_holder, own_holder)
        one.extend(list(own_holder))
        if tab and right_one is not None:
            one.append(parse_xml(f'<w:r {nsdecls("w")}><w:tab/></w:r>'))


def _holder(children: list[Any] | None) -> Any:
    holder = parse_xml(f'<w:p {nsdecls("w")}/>')
    holder.extend(children or [])
    return holder


def _split_at_tab(paragraph: Any) -> tuple[list[Any], list[Any] | None]:
    """The paragraph's content before the first tab run and after it (None: it has no tab)."""
    content = [child for child in paragraph if child.tag != qn("w:pPr")]
    for index, child in enumerate(content):
        if child.tag == qn("w:r") and child.find(qn("w:tab")) is not None and not _text(child):
            return content[:index], content[index + 1:]
    return content, None


def _text(element: Any) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def pair_properties(first: Document, second: Document, separator: str, east_asian_font: str | None) -> None:
    """Title, subject and keywords in both languages; styles ready for the pair's Chinese, if it has one."""
    one, other = first.core_properties, second.core_properties
    for name in ("title", "subject", "category", "comments"):
        mine, theirs = getattr(one, name) or "", getattr(other, name) or ""
        if theirs and theirs != mine:
            joined = f"{mine}{separator}{theirs}" if mine else theirs
            setattr(one, name, joined if len(joined) <= 255 else joined[:254] + "…")
    if east_asian_font:
        docx_xml.set_fonts(first, east_asian_font)
        theme_language = first.settings.element.find(qn("w:themeFontLang"))
        if theme_language is not None:
            theme_language.set(qn("w:eastAsia"), CHINESE)

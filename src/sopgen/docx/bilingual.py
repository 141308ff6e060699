"""A bilingual edition: one document rendered in two languages, paired block by block into one.

Both renderings come from the same code, so their bodies have the same blocks in the same order;
pairing them never guesses: a difference in shape raises ShapeMismatch. What each pair becomes:

- a heading, title, subtitle or caption: one paragraph, "first / second", still in its style, so
  contents, navigation and cross-references keep working;
- an entry of a filled table of contents: "first / second" before its tab, inside its link to
  the (first language's) bookmarked heading, the page number once;
- a table: the same table, each cell holding the first language and below it, in grey, the
  second (a cell both languages write alike, such as a name or an ID, only once);
- body text, list items and procedure steps: a row of a borderless two-column table, the first
  language on the left and the second on the right, so each step stands beside its translation;
- a picture, a section or page break, an empty paragraph or a contents field Word fills: once.

Every run keeps the language tag (and East Asian font) its own rendering gave it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from sopgen.docx import wordml as docx_xml
from sopgen.docx.bilingual_parts import NumberingCopier, carry_relationships, pair_furniture, pair_properties
from sopgen.docx.template import MUTED

SEPARATOR = " / "
P, TBL, TR, TC, R, T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r"), qn("w:t")
HYPERLINK = qn("w:hyperlink")
PPR, TCPR, TRPR, SECTPR, RPR = qn("w:pPr"), qn("w:tcPr"), qn("w:trPr"), qn("w:sectPr"), qn("w:rPr")
VAL = qn("w:val")
COLUMN_GAP = 284  # twips between the two languages' columns (0.5 cm)
# Styles whose paragraphs become one paragraph in both languages rather than two columns.
_JOINED_STYLES = re.compile(r"^(title|subtitle|heading \d|toc heading|caption)$", re.IGNORECASE)
_CONTENTS_STYLES = re.compile(r"^toc \d$", re.IGNORECASE)  # the entries of a filled table of contents
_PICTURES = (qn("w:drawing"), qn("w:pict"), qn("w:object"))
_BOOKMARKS = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))


class ShapeMismatch(ValueError):
    """The two renderings of a document differ in their blocks: pairing them would mix up the languages."""


def paired_document(first: Document, second: Document, east_asian_font: str | None = None) -> Document:
    """`first` with `second` paired into it (see the module docstring); `first` is changed and returned.

    `east_asian_font`: the font of the pair's Chinese, set on the styles too when the first
    language is not the Chinese one.
    """
    blocks = _blocks(first), _blocks(second)
    if len(blocks[0]) != len(blocks[1]):
        raise ShapeMismatch(f"the renderings have {len(blocks[0])} and {len(blocks[1])} blocks")
    pairing = _Pairing(first, second)
    body = first.element.body
    final = body.find(SECTPR)
    widths = _text_widths(blocks[0], final)
    result: list[Any] = []
    side_by_side: list[tuple[Any, Any]] = []
    for index, (one, other) in enumerate(zip(*blocks)):
        # a text only one language has (an empty translation) still gets its place beside the other
        has_text = bool(text_of(one).strip() or text_of(other).strip())
        kind = _kind(one, pairing.joined_styles, pairing.contents_styles, has_text)
        _check_same_kind(index, one, other, kind, pairing, has_text)
        if kind == "columns":
            side_by_side.append((one, other))
            continue
        if side_by_side:
            result.append(pairing.columns(side_by_side, widths[index - 1]))
            side_by_side = []
        if kind == "joined":
            result.append(pairing.joined(one, other))
        elif kind == "contents":
            result.append(pairing.contents_entry(one, other))
        elif kind == "table":
            result.append(pairing.table(one, other))
        else:
            result.append(one)
    if side_by_side:
        result.append(pairing.columns(side_by_side, widths[-1]))
    for child in list(body):
        if child is not final:
            body.remove(child)
    for block in result:
        final.addprevious(block) if final is not None else body.append(block)
    pair_furniture(first, second, _joined_runs, pairing.carry)
    pair_properties(first, second, SEPARATOR, east_asian_font)
    return first


def _blocks(document: Document) -> list[Any]:
    return [child for child in document.element.body if child.tag in (P, TBL)]


def text_of(element: Any) -> str:
    return "".join(node.text or "" for node in element.iter(T))


def text_of_all(elements: Sequence[Any]) -> str:
    return "".join(text_of(element) for element in elements)


def _style_id(paragraph: Any) -> str | None:
    style = paragraph.find(f"{PPR}/{qn('w:pStyle')}")
    return style.get(VAL) if style is not None else None


def _kind(block: Any, joined_styles: frozenset[str], contents_styles: frozenset[str], has_text: bool) -> str:
    """How a block is paired: "table", "joined", "contents", "columns" or "once"; `has_text`: either language has text in it."""
    if block.tag == TBL:
        return "table"
    if block.find(f"{PPR}/{SECTPR}") is not None or any(next(block.iter(tag), None) is not None for tag in _PICTURES):
        return "once"
    if _style_id(block) in contents_styles:
        return "contents" if has_text else "once"
    if "TOC" in " ".join(docx_xml.field_instructions(block)).split():
        return "once"  # a contents field fills itself from the (paired) headings
    if _style_id(block) in joined_styles:
        return "joined" if has_text else "once"
    return "columns" if has_text else "once"


def _check_same_kind(index: int, one: Any, other: Any, kind: str, pairing: _Pairing, has_text: bool) -> None:
    other_kind = _kind(other, pairing.joined_styles, pairing.contents_styles, has_text)
    if one.tag != other.tag or _style_id(one) != _style_id(other) or kind != other_kind:
        raise ShapeMismatch(
            f"block {index + 1} differs: {text_of(one)[:60]!r} ({_describe(one)}) against {text_of(other)[:60]!r} ({_describe(other)})"
        )
    if one.tag == TBL:
        rows = one.findall(TR), other.findall(TR)
        cells = [len(row.findall(TC)) for row in rows[0]], [len(row.findall(TC)) for row in rows[1]]
        if cells[0] != cells[1]:
            raise ShapeMismatch(f"the tables of block {index + 1} have cells {cells[0]} and {cells[1]} by row: {text_of(one)[:60]!r}")


def _describe(block: Any) -> str:
    return "table" if block.tag == TBL else f"paragraph in style {_style_id(block)}"


def _text_widths(blocks: Sequence[Any], final: Any) -> list[int]:
    """Each block's text width in twips: the width of the section it belongs to (the next section break's)."""
    widths: list[int] = []
    pending = 0
    for block in blocks:
        pending += 1
        section = block.find(f"{PPR}/{SECTPR}") if block.tag == P else None
        if section is not None:
            widths += [_section_width(section)] * pending
            pending = 0
    return widths + [_section_width(final)] * pending


def _section_width(section: Any) -> int:
    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if size is None or margins is None:
        return 9638  # A4 with 2 cm margins
    return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"), 0)) - int(margins.get(qn("w:right"), 0))


def _joined_runs(one: Any, other: Any, target: Any) -> None:
    """Append `other`'s runs to paragraph `one` after a separator, leaving out the runs both start with (an ID)."""
    runs_one = [child for child in one if child.tag == R]
    runs_other = [child for child in other if child.tag not in (PPR, *_BOOKMARKS)]
    shared = 0
    while (
        shared < min(len(runs_one), len(runs_other))
        and runs_other[shared].tag == R
        and text_of(runs_one[shared]) == text_of(runs_other[shared])
    ):
        shared += 1
    rest = [copy.deepcopy(child) for child in runs_other[shared:]]
    if not text_of_all(rest).strip(" ·"):
        return
    if not text_of_all(runs_one).strip():
        target.extend(rest)  # only the second language has this text
        return
    if shared and rest:
        first_text = next(rest[0].iter(T), None)
        if first_text is not None and first_text.text:
            first_text.text = first_text.text.lstrip(" ·")
    separator = _separator_like(runs_other[shared] if shared < len(runs_other) and runs_other[shared].tag == R else runs_one[-1])
    target.extend([separator, *rest])


def _separator_like(run: Any) -> Any:
    """A run of " / " that looks like `run` (bold in a bold heading)."""
    separator = copy.deepcopy(run)
    for child in list(separator):
        if child.tag != RPR:
            separator.remove(child)
    separator.append(parse_xml(f'<w:t {nsdecls("w")} xml:space="preserve">{SEPARATOR}</w:t>'))
    return separator


def _before_tab(entry: Any) -> tuple[list[Any], Any]:
    """A contents entry's runs of text before its tab (the title), and the tab's run (None: no tab)."""
    title = []
    for child in entry:
        if child.tag != R:
            continue
        if child.find(qn("w:tab")) is not None:
            return title, child
        if text_of(child):
            title.append(child)
    return title, None


class _Pairing:
    """Pairs blocks of the second rendering into the first document: numbering and relationships carried over."""

    def __init__(self, first: Document, second: Document):
        self.first, self.second = first, second
        self.numbering = NumberingCopier(first, second)
        styles = first.styles.element.findall(qn("w:style"))
        self.joined_styles = frozenset(
            style.get(qn("w:styleId")) for style in styles if _JOINED_STYLES.match(docx_xml.style_name(style) or "")
        )
        self.contents_styles = frozenset(
            style.get(qn("w:styleId")) for style in styles if _CONTENTS_STYLES.match(docx_xml.style_name(style) or "")
        )

    def carry(self, element: Any, source_part: Any, target_part: Any) -> Any:
        """`element` of the second rendering made fit for the first document: its own list numbers, links, pictures."""
        for bookmark in [node for tag in _BOOKMARKS for node in element.iter(tag)]:
            bookmark.getparent().remove(bookmark)  # the first language's headings hold the bookmarks
        for instruction in element.iter(qn("w:instrText")):
            if instruction.text and instruction.text.strip().startswith("SEQ ") and "\\c" not in instruction.text:
                # the same figure: repeat its number instead of counting it again
                instruction.text = instruction.text.replace("SEQ Figure", "SEQ Figure \\c", 1)
        self.numbering.renumber(element)
        carry_relationships(element, source_part, target_part)
        return element

    def _second(self, element: Any) -> Any:
        return self.carry(copy.deepcopy(element), self.second.part, self.first.part)

    def joined(self, one: Any, other: Any) -> Any:
        _joined_runs(one, self._second(other), one)
        return one

    def contents_entry(self, one: Any, other: Any) -> Any:
        """A contents entry "first / second", still linked to the (first language's) heading, its page number once."""
        other = self._second(other)
        entry_one, entry_other = (paragraph.find(HYPERLINK) if paragraph.find(HYPERLINK) is not None else paragraph for paragraph in (one, other))
        title_one, tab_one = _before_tab(entry_one)
        title_other, _tab = _before_tab(entry_other)
        if text_of_all(title_one) == text_of_all(title_other) or not text_of_all(title_other).strip():
            return one
        for run in [_separator_like(title_other[0]), *title_other]:
            tab_one.addprevious(run) if tab_one is not None else entry_one.append(run)
        return one

    def table(self, one: Any, other: Any) -> Any:
        for row_one, row_other in zip(one.findall(TR), other.findall(TR)):
            for cell_one, cell_other in zip(row_one.findall(TC), row_other.findall(TC)):
                if text_of(cell_one).strip() == text_of(cell_other).strip():
                    continue
                for block in self._second(cell_other):
                    if block.tag == TCPR:
                        continue
                    for run in block.iter(R):
                        _mute(run)
                    cell_one.append(block)
        return one

    def columns(self, pairs: Sequence[tuple[Any, Any]], width: int) -> Any:
        """A borderless table with the first language's blocks on the left, the second's on the right.

        A row (a paragraph and its translation) is not split across pages, so a step is never read
        beside the end of its translation; it has no header row, which LibreOffice would need to
        drop rows (PITFALLS.md), and a row taller than a page still breaks.
        """
        left = (width - COLUMN_GAP) // 2
        right = width - left
        rows = "".join(
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{left}"/><w:tcMar><w:right w:w="{COLUMN_GAP}" w:type="dxa"/></w:tcMar></w:tcPr></w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{right}"/></w:tcPr></w:tc></w:tr>'
            for _ in pairs
        )
        borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        table = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:type="dxa" w:w="{width}"/><w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>{rows}</w:tbl>'
        )
        for row, (one, other) in zip(table.findall(TR), pairs):
            cells = row.findall(TC)
            cells[0].append(one)
            cells[1].append(self._second(other))
        return table


def _mute(run: Any) -> None:
    """The second language in a shared cell: grey, unless the run has a colour of its own."""
    properties = run.find(RPR)
    if properties is None:
        properties = parse_xml(f'<w:rPr {nsdecls("w")}/>')
        run.insert(0, properties)
    if properties.find(qn("w:color")) is not None:
        return
    color = parse_xml(f'<w:color {nsdecls("w")} w:val="{MUTED}"/>')
    # w:color comes before size, highlight, ... and the language tag in the schema's order
    later = [qn(f"w:{name}") for name in ("spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
                                           "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
                                           "specVanish", "oMath")]
    following = next((child for child in properties if child.tag in later), None)
    following.addprevious(color) if following is not None else properties.append(color)


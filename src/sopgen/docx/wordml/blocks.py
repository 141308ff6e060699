"""Runs, paragraphs and tables written as XML text, parsed once per block."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu

from sopgen.docx.wordml.names import xml_safe
from sopgen.docx.wordml.styles_and_fonts import RunLanguage

#
# python-docx builds every element one child at a time and checks the schema's order of
# siblings on each insertion, which makes a table of a few dozen cells cost milliseconds.
# These functions write the same elements, in the order and with the attributes python-docx
# would give them, as XML text that lxml parses in one go.

_RUN_SPECIALS = re.compile("([\t\r\n\u00ad])")
SOFT_HYPHEN = "\u00ad"


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (
        _text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    )


def _run_content(text: str) -> str:
    """Text as python-docx's `Run.text` writes it: a tab is `w:tab`, a line break `w:br`, the rest `w:t`.

    A soft hyphen (U+00AD) becomes `w:softHyphen`, which Word shows only where it breaks the line.
    """
    pieces = _RUN_SPECIALS.split(text) if _RUN_SPECIALS.search(text) else (text,)
    content = []
    for piece in pieces:
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece == SOFT_HYPHEN:
            content.append("<w:softHyphen/>")  # where Word and LibreOffice may break the word with a hyphen
        elif piece in ("\n", "\r"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{_text(piece)}</w:t>")
    return "".join(content)


def run_xml(
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    no_proof: bool = False,
    color: str | None = None,
    size: int | None = None,
    language: RunLanguage | None = None,
) -> str:
    """A `w:r` with `text` (made XML-safe); `color` is RGB hex, `size` a python-docx Length.

    With `language`, the run is tagged as tag_runs would tag it.
    """
    properties = ""
    if language is not None and language.east_asian_font:
        properties += f'<w:rFonts w:eastAsia="{_attribute(language.east_asian_font)}"/>'
    if bold:
        properties += "<w:b/>"
    if italic:
        properties += "<w:i/>"
    if no_proof:
        properties += "<w:noProof/>"
    if color is not None:
        properties += f'<w:color w:val="{_attribute(color)}"/>'
    if size is not None:
        properties += f'<w:sz w:val="{int(Emu(size).pt * 2)}"/>'
    if language is not None:
        east_asian = f' w:eastAsia="{_attribute(language.east_asian)}"' if language.east_asian else ""
        properties += f'<w:lang w:val="{_attribute(language.latin)}"{east_asian}/>'
    run_properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{run_properties}{_run_content(xml_safe(text))}</w:r>"


def paragraph_xml(
    runs: str = "",
    *,
    style_id: str | None = None,
    keep_with_next: bool = False,
    page_break_before: bool = False,
    numbering: tuple[int, int] | None = None,
    space_after: int | None = None,
    space_before: int | None = None,
    indent: tuple[int, int] | None = None,
    centered: bool = False,
) -> str:
    """A `w:p` holding `runs` (from run_xml); `numbering` is (numId, level), `indent` (left, hanging) in twips.

    Spacings are python-docx Lengths.
    """
    properties = ""
    if style_id is not None:
        properties += f'<w:pStyle w:val="{_attribute(style_id)}"/>'
    if keep_with_next:
        properties += "<w:keepNext/>"
    if page_break_before:
        properties += "<w:pageBreakBefore/>"
    if numbering is not None:
        properties += f'<w:numPr><w:ilvl w:val="{numbering[1]}"/><w:numId w:val="{numbering[0]}"/></w:numPr>'
    if space_after is not None or space_before is not None:
        after = f' w:after="{Emu(space_after).twips}"' if space_after is not None else ""
        before = f' w:before="{Emu(space_before).twips}"' if space_before is not None else ""
        properties += f"<w:spacing{after}{before}/>"
    if indent is not None:
        properties += f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>'
    if centered:
        properties += '<w:jc w:val="center"/>'
    paragraph_properties = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    return f"<w:p>{paragraph_properties}{runs}</w:p>"


@dataclass(frozen=True)
class TableCell:
    """One cell of `table_xml`: its paragraphs (from paragraph_xml), shading and the grid columns it spans."""

    paragraphs: str
    fill: str | None = None
    span: int = 1


@dataclass(frozen=True)
class TableRow:
    """A table row; a header row heads the table (and repeats on every page of a table that may break); `height` is a Length.

    `keep_with_next` keeps the row on the same page as the next one (keep-with-next on its paragraphs).
    """

    cells: tuple[TableCell, ...]
    header: bool = False
    height: int | None = None
    keep_with_next: bool = False


_PARAGRAPH_START = re.compile(r'<w:p>(?:<w:pPr>(<w:pStyle w:val="[^"]*"/>)?(<w:keepNext/>)?)?')


def _kept_with_next(paragraphs: str) -> str:
    """The paragraphs with `w:keepNext` (after a `w:pStyle`, as the schema orders them)."""

    def keep(match: re.Match[str]) -> str:
        if match.group(2):
            return match.group(0)
        if match.group(0) == "<w:p>":
            return "<w:p><w:pPr><w:keepNext/></w:pPr>"
        return f"<w:p><w:pPr>{match.group(1) or ''}<w:keepNext/>"

    return _PARAGRAPH_START.sub(keep, paragraphs)


def table_xml(style_id: str, column_widths: Iterable[int], rows: Iterable[TableRow], *, fits_on_a_page: bool = True) -> str:
    """A left-aligned `w:tbl` of fixed layout in table style `style_id`; widths are Lengths, cells top-aligned.

    A table that fits on a page is kept whole: no row splits (`w:cantSplit`) and every row but the
    last is kept with the next. A longer table repeats its header rows (`w:tblHeader`) on each page
    and lets rows split. The two are never combined: LibreOffice (7.4) drops rows of a table whose
    rows can't split when it repeats a header row.
    """
    twips = [Emu(width).twips for width in column_widths]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{_attribute(style_id)}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    rows = list(rows)
    for index, row in enumerate(rows):
        cant_split = "<w:cantSplit/>" if fits_on_a_page else ""
        height = f'<w:trHeight w:val="{Emu(row.height).twips}"/>' if row.height is not None else ""
        header = "<w:tblHeader/>" if row.header and not fits_on_a_page else ""
        kept = index < len(rows) - 1 and (fits_on_a_page or row.keep_with_next or row.header)
        parts.append(f"<w:tr><w:trPr>{cant_split}{height}{header}</w:trPr>")
        column = 0
        for cell in row.cells:
            width = sum(twips[column:column + cell.span])
            column += cell.span
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{_attribute(cell.fill)}"/>' if cell.fill else ""
            paragraphs = _kept_with_next(cell.paragraphs) if kept else cell.paragraphs
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{span}{shading}<w:vAlign w:val="top"/></w:tcPr>'
                f"{paragraphs}</w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


_W_DECLARATION = nsdecls("w")
_SECTION_PROPERTIES = qn("w:sectPr")


def append_blocks(container: Any, xml: str) -> list[Any]:
    """Parse blocks (paragraphs, tables) and add them at the end of a body or cell, before a body's final sectPr."""
    holder = parse_xml(f"<w:body {_W_DECLARATION}>{xml}</w:body>")
    blocks = list(holder)
    last = container[-1] if len(container) else None
    if last is not None and last.tag == _SECTION_PROPERTIES:
        for block in blocks:
            last.addprevious(block)
    else:
        container.extend(blocks)
    return blocks


def replace_with_blocks(element: Any, xml: str) -> list[Any]:
    """Parse blocks and put them where `element` is, in its place."""
    blocks = list(parse_xml(f"<w:body {_W_DECLARATION}>{xml}</w:body>"))
    for block in blocks:
        element.addprevious(block)
    element.getparent().remove(element)
    return blocks

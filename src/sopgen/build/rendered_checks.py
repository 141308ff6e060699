"""What a rendered document must show: its .docx read back, compared with the PDF's text and page images.

Pure functions over bytes and text, so that tests run them on documents and PDFs they make
themselves; build/verify_docs.py runs LibreOffice and poppler and feeds them in.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from sopgen.docx import text_fit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
EMU_PER_PT = 12700
FIRST_LINE_TEXT_PT = 10.5  # table text in the house style
INKED = 200  # grey levels at or under this are ink
LABEL_WIDTH = 14  # columns: a first line's worth in the narrowest cells, and the part of a row left when it splits
MIN_CHART_TEXT_PT = 6.0
# Hyphens, soft hyphens and spaces differ between a run's text and the PDF's lines; they are left out.
_IGNORED = re.compile(r"[\s\u00ad\u2010\u2011\u2012\u2013\u2014\-]+")
_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z%]*)\s*$")
_SVG_UNITS_PT = {"": 0.75, "px": 0.75, "pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0}
_FONT_SIZE = re.compile(r"font-size\s*[:=]\s*\"?\s*([0-9.]+)\s*(px|pt)?")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def normalized(text: str) -> str:
    """Text as compared: NFKC (PDF ligatures back to letters), without spaces, hyphens or soft hyphens."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text))


def element_text(element: etree._Element) -> str:
    """The text a reader sees in a paragraph, cell or body: field codes left out, a soft hyphen as nothing."""
    pieces = []
    for node in element.iter(w("t"), w("tab"), w("br"), w("noBreakHyphen"), w("p")):
        if node.tag == w("t"):
            pieces.append(node.text or "")
        elif node.tag == w("noBreakHyphen"):
            pieces.append("-")
        else:
            pieces.append(" ")
    return "".join(pieces)


@dataclass(frozen=True)
class WordDocument:
    """The parts of a .docx the checks read."""

    body: etree._Element
    parts: dict[str, bytes]

    @classmethod
    def read(cls, data: bytes) -> WordDocument:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        root = etree.fromstring(parts["word/document.xml"])
        return cls(root.find(w("body")), parts)

    def tables(self) -> list[etree._Element]:
        """The data tables: those with a table style. The bilingual edition's column layout (a
        paragraph beside its translation) has none; its rows never repeat as a header, the
        combination LibreOffice loses rows in, and its two columns interleave in the PDF's text."""
        return [table for table in self.body.iter(w("tbl")) if table.find(f"{w('tblPr')}/{w('tblStyle')}") is not None]

    def text(self) -> str:
        return element_text(self.body)


def table_row_labels(table: etree._Element) -> list[str]:
    """Each row's label: the start of the first paragraph with text in its first cell.

    A cell's first line is enough to know the row is there: lines further down may be laid out
    beside the next column's in the PDF's text, or on the next page when a row splits. The first
    line is estimated from the cell's width (text_fit), and kept to LABEL_WIDTH columns.
    """
    labels = []
    for row in table.iterchildren(w("tr")):
        cell = row.find(w("tc"))
        paragraphs = [element_text(paragraph).strip() for paragraph in cell.iter(w("p"))] if cell is not None else []
        first = _leading(next((text for text in paragraphs if text), ""), LABEL_WIDTH)
        width = cell.find(f"{w('tcPr')}/{w('tcW')}") if cell is not None else None
        if width is not None and (width.get(w("type")) in (None, "dxa")) and first:
            first = _first_line(first, int(width.get(w("w"), "0")) / 20 - text_fit.CELL_PADDING_PT)
        labels.append(first)
    return labels


def _first_line(text: str, width_pt: float) -> str:
    """The words of `text` that surely fit a line `width_pt` wide (bold, with room to spare); at least the first."""
    words = text.split(" ")
    line = words[0]
    for word in words[1:]:
        longer = f"{line} {word}"
        if text_fit.text_width_pt(longer, FIRST_LINE_TEXT_PT, bold=True) > width_pt * 0.8:
            break
        line = longer
    return line


def _leading(text: str, width: int) -> str:
    """The start of `text` up to `width` columns, a wide (CJK) character counting two."""
    taken = 0
    for index, character in enumerate(text):
        taken += 2 if unicodedata.east_asian_width(character) in "WF" else 1
        if taken > width:
            return text[:index]
    return text


def missing_rows(document: WordDocument, pdf_body_text: str) -> list[str]:
    """Table rows whose label shows fewer times in the PDF's body text than in the document's.

    Counted over the whole text: a row's label may also stand in a heading, a step or a chart
    drawn as SVG (whose text LibreOffice writes into the PDF too). Repeated
    header rows only add to the PDF's count. `pdf_body_text` is without headers and footers
    (body_page_texts), which would count once a page and split text that runs over a page.
    """
    body = normalized(document.text())
    shown = normalized(pdf_body_text)
    charts = normalized(" ".join(svg_texts(document)))
    missing = []
    for number, table in enumerate(document.tables(), 1):
        for label in dict.fromkeys(table_row_labels(table)):
            key = normalized(label)
            expected = body.count(key) + charts.count(key)
            if key and shown.count(key) < expected:
                missing.append(f"table {number}: row {label!r} shows {shown.count(key)} of {expected} times")
    return missing


def body_page_texts(bbox_xhtml: bytes, top_pt: float, bottom_pt: float) -> list[str]:
    """Each page's words between the top and bottom margins, from `pdftotext -bbox`, in its reading order."""
    root = etree.fromstring(bbox_xhtml, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        height = float(page.get("height", "0"))
        words = [
            word.text or ""
            for word in page.iter("{http://www.w3.org/1999/xhtml}word")
            if top_pt <= (float(word.get("yMin", "0")) + float(word.get("yMax", "0"))) / 2 <= height - bottom_pt
        ]
        pages.append(" ".join(words))
    return pages


def toc_problems(document: WordDocument) -> list[str]:
    """A TOC field must hold its entries (with links to bookmarks that exist), not a placeholder."""
    problems = []
    bookmarks = {mark.get(w("name")) for mark in document.body.iter(w("bookmarkStart"))}
    for paragraph in document.body.iter(w("p")):
        instructions = "".join(node.text or "" for node in paragraph.iter(w("instrText")))
        if not instructions.strip().startswith("TOC"):
            continue
        links = [link.get(w("anchor")) for link in _following_until_field_end(paragraph) if link.tag == w("hyperlink")]
        if not links:
            problems.append("contents: the table of contents has no entries")
        dangling = [anchor for anchor in links if anchor not in bookmarks]
        if dangling:
            problems.append(f"contents: entries link to missing bookmarks {dangling[:3]}")
    return problems


def _following_until_field_end(start: etree._Element) -> Iterator[etree._Element]:
    """Elements from the paragraph that begins a field up to the paragraph where it ends."""
    depth = 0
    paragraph = start
    while paragraph is not None:
        for node in paragraph.iter():
            yield node
            if node.tag == w("fldChar"):
                kind = node.get(w("fldCharType"))
                depth += {"begin": 1, "end": -1}.get(kind, 0)
                if depth == 0 and kind == "end":
                    return
        paragraph = paragraph.getnext()


def heading_texts(document: WordDocument, style_ids: Iterable[str] = ("Heading1",)) -> list[str]:
    wanted = set(style_ids)
    texts = []
    for paragraph in document.body.iterchildren(w("p")):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        if style is not None and style.get(w("val")) in wanted:
            texts.append(element_text(paragraph).strip())
    return texts


def contents_shown(document: WordDocument, page_texts: list[str]) -> list[str]:
    """The contents list the last chapter before the first chapter begins.

    The first page naming the first chapter holds the contents; the last chapter's name must
    follow before the first chapter's own heading.
    """
    headings = [text for text in heading_texts(document) if text]
    if len(headings) < 2:
        return []
    first, last = normalized(headings[0]), normalized(headings[-1])
    pages = [normalized(text) for text in page_texts]
    start = next((index for index, page in enumerate(pages) if first in page), None)
    if start is not None:
        text = "".join(pages[start:])
        chapter = text.find(first, text.find(first) + len(first))
        if -1 < text.find(last) < chapter:
            return []
    return [f"contents: {headings[-1]!r} is not listed before {headings[0]!r} begins"]


def blank_pages(page_images: list[tuple[int, int, bytes]], top_pt: float, bottom_pt: float, dpi: float) -> list[int]:
    """Pages (from 1) with nothing inked between the top and bottom margins.

    `page_images` are (width, height, 8-bit grey pixels) rendered at `dpi`; a page holding only
    its header and footer is blank.
    """
    blank = []
    for number, (width, height, pixels) in enumerate(page_images, 1):
        top, bottom = int(top_pt / 72 * dpi), height - int(bottom_pt / 72 * dpi)
        if min(pixels[top * width: bottom * width], default=255) > INKED:
            blank.append(number)
    return blank


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """A binary PGM (P5, 8-bit) as pdftoppm -gray writes it: width, height, pixels."""
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, position)
        if match is None:
            raise ValueError("not a PGM image")
        fields.append(match.group(2))
        position = match.end()
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise ValueError("not an 8-bit binary PGM image")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[position + 1: position + 1 + width * height]
    return width, height, pixels


def margins_pt(document: WordDocument) -> tuple[float, float]:
    """The smallest top and bottom margins of the document's sections, in points: where headers and footers end."""
    tops, bottoms = [], []
    for section in document.body.iter(w("sectPr")):
        margins = section.find(w("pgMar"))
        if margins is not None:
            tops.append(abs(float(margins.get(w("top")))) / 20)
            bottoms.append(abs(float(margins.get(w("bottom")))) / 20)
    return min(tops, default=56.0), min(bottoms, default=56.0)


@dataclass(frozen=True)
class ChartText:
    """One embedded chart: its picture's name, the smallest text at print size (None without an SVG)."""

    name: str
    smallest_pt: float | None


def chart_text_sizes(document: WordDocument) -> list[ChartText]:
    """For every picture: the smallest SVG font size times the scale it prints at (extent width / SVG width)."""
    relations = _relations(document.parts.get("word/_rels/document.xml.rels", b""))
    charts = []
    for extent_owner in document.body.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
        extent = extent_owner.find(f"{{{WP}}}extent")
        svg_blip = next(extent_owner.iter(f"{{{ASVG}}}svgBlip"), None)
        picture = next(extent_owner.iter(f"{{{A}}}blip"), None)
        if extent is None or picture is None:
            continue
        name = relations.get(picture.get(f"{{{R}}}embed"), "?")
        if svg_blip is None:
            charts.append(ChartText(name, None))
            continue
        target = relations.get(svg_blip.get(f"{{{R}}}embed"), "")
        svg = document.parts.get(target)
        smallest = svg_smallest_text_pt(svg, int(extent.get("cx")) / EMU_PER_PT) if svg else None
        charts.append(ChartText(target or name, smallest))
    return charts


def svg_smallest_text_pt(svg: bytes, printed_width_pt: float) -> float | None:
    """The smallest font size in the SVG at the width it prints at, in points; None when it has no text."""
    root = etree.fromstring(svg)
    width = _svg_width_pt(root)
    if width is None or width <= 0:
        return None
    # A font size is in user units; the viewBox maps them onto the SVG's width.
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    user_unit_pt = width / float(view_box[2]) if len(view_box) == 4 and float(view_box[2]) > 0 else 0.75
    sizes = []
    for element in root.iter():
        for source in (element.get("font-size"), element.get("style")):
            if not source:
                continue
            match = _FONT_SIZE.search(source if "font-size" in source else f"font-size={source}")
            if match:
                # in user units; a size in pt is 4/3 of them, as CSS counts
                sizes.append(float(match.group(1)) * (4 / 3 if match.group(2) == "pt" else 1.0))
    if not sizes:
        return None
    return min(sizes) * user_unit_pt * printed_width_pt / width


def _svg_width_pt(root: etree._Element) -> float | None:
    match = _SVG_LENGTH.match(root.get("width") or "")
    if match and match.group(2) in _SVG_UNITS_PT:
        return float(match.group(1)) * _SVG_UNITS_PT[match.group(2)]
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    return float(view_box[2]) * 0.75 if len(view_box) == 4 else None


def _relations(xml: bytes) -> dict[str, str]:
    if not xml:
        return {}
    targets = {}
    for relation in etree.fromstring(xml).iter(f"{{{PACKAGE_RELS}}}Relationship"):
        target = relation.get("Target", "")
        targets[relation.get("Id")] = target if target.startswith("/") is False and "://" in target else _part_name(target)
    return targets


def _part_name(target: str) -> str:
    path = PurePosixPath("word") / target if not target.startswith("/") else PurePosixPath(target.lstrip("/"))
    parts: list[str] = []
    for piece in path.parts:
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def has_contents(document: WordDocument) -> bool:
    """Whether the document has a TOC field."""
    return any((node.text or "").strip().startswith("TOC") for node in document.body.iter(w("instrText")))


def svg_texts(document: WordDocument) -> list[str]:
    """The text of every SVG picture in the document."""
    texts = []
    for name, content in document.parts.items():
        if name.endswith(".svg"):
            root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
            texts.append(" ".join("".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")))
    return texts

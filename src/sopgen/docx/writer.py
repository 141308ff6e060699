"""Adding content to a Word document: paragraphs, headings, lists, tables and figures, in the house style."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Emu, Length, Pt
from docx.text.paragraph import Paragraph

from sopgen.docx import text_fit
from sopgen.docx import wordml as docx_xml
from sopgen.docx.page_geometry import FIGURE_ROOM, FOLDED_ROOM, LANDSCAPE_GAIN, MIN_PRINT_POINTS, picture_size, printed_font, text_box
from sopgen.docx.template import (
    builtin_document,
    load_template,
    required_styles,
)
from sopgen.docx.views import ChartPicture, DocxOptions
from sopgen.docx.wordml.pictures import add_svg_picture
from sopgen.i18n.localizer import Localizer

HEADER_FILL = "D9E2F3"
LABEL_FILL = "F2F2F2"
DO_FILL = "E2EFDA"
DONT_FILL = "FBE4D5"
EMPTY = "—"

TABLE_STYLE = "Table Grid"
# (left, hanging) indents in twips of the procedure's levels 1., 1.1., 1.1.1.
PROCEDURE_INDENTS = ((425, 425), (1021, 596), (1701, 680))
BULLET_INDENT = (284, 284)
EAST_ASIAN_LOCALES = {"zh_Hant_TW": "zh-TW"}
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values
# Table text as the house style sets it (Normal, 10.5 pt at 1.15 lines), for estimating how much fits.
CELL_TEXT_PT = 10.5
CELL_LINE_PT = 10.5 * 1.15 * 1.22
CELL_PARAGRAPH_SPACING_PT = 4
# A table estimated at no more than this share of a page is kept on one page.
KEEP_WHOLE_SHARE = 0.4
_PARAGRAPH, _PARAGRAPH_PROPERTIES, _RUN, _TABLE = qn("w:p"), qn("w:pPr"), qn("w:r"), qn("w:tbl")
_SECTION_PROPERTIES = qn("w:sectPr")
_TAGS = re.compile(r"<[^>]+>")


def new_document(options: DocxOptions, country: str) -> Document:
    return load_template(options.template) if options.template else builtin_document(country)




class Writer:
    """Adds XML-safe, localized content to one document; knows its lists, figures and text width.

    Paragraphs and tables are written as XML text (docx_xml) rather than one python-docx call per
    property: a handbook has thousands of them.
    """

    def __init__(self, document: Document, localizer: Localizer, options: DocxOptions):
        self.document = document
        self.localizer = localizer
        self._ = localizer._
        self.procedure_list = docx_xml.procedure_numbering(document, PROCEDURE_INDENTS)
        self.bullet_list = docx_xml.bullet_list(document, BULLET_INDENT)
        self.figures = 0
        self.styles = required_styles(document)
        self.style_ids = {name: style.style_id for name, style in self.styles.items()}
        # Runs are tagged as they are written; finish tags the few that python-docx adds.
        self.language = run_language(localizer, options)
        # Chinese has no italics: Word slants the glyphs, which reads as a mistake.
        self.italics = localizer.locale not in EAST_ASIAN_LOCALES
        self._body = document.element.body
        self._text_box = text_box(self.last_section)
        # Long words in narrow cells carry soft hyphens; the rest of the text is hyphenated by Word itself.
        docx_xml.hyphenate_automatically(document)

    @property
    def last_section(self) -> DocxSection:
        """The section content is added to (python-docx's `sections[-1]` searches the whole body)."""
        return DocxSection(self._body.get_or_add_sectPr(), self.document.part)

    @property
    def text_width(self) -> Emu:
        return self._text_box[0]

    # -- pages

    def turns_page_for(self, chart: ChartPicture) -> bool:
        """Whether a chart shows clearly bigger on a landscape page than on the current one."""
        if self.last_section.orientation == WD_ORIENT.LANDSCAPE:
            return False
        width, height = self._text_box
        if chart.pages is not None:  # a flow chart runs left to right: it goes on landscape pages, folded to fit them
            return height > width
        upright = picture_size(chart, width, height - FOLDED_ROOM)[0]
        turned = picture_size(chart, height, width - FOLDED_ROOM)[0]
        return turned >= upright * LANDSCAPE_GAIN or (turned > upright and printed_font(chart, upright) < MIN_PRINT_POINTS)

    @contextmanager
    def landscape(self) -> Iterator[None]:
        """Content on landscape pages of its own; the page set-up before it returns afterwards."""
        upright = self.last_section
        width, height = upright.page_width, upright.page_height
        turned = self._section_break()
        turned.orientation = WD_ORIENT.LANDSCAPE
        turned.page_width, turned.page_height = height, width
        self._text_box = text_box(turned)
        yield
        back = self._section_break()
        back.orientation = WD_ORIENT.PORTRAIT
        back.page_width, back.page_height = width, height
        self._text_box = text_box(back)

    def _section_break(self) -> DocxSection:
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # only a cover page looks different
        # The break lives in an empty paragraph; keep it from pushing a full page onto a blank one.
        holder = Paragraph(self._body[-2], self.document)
        holder.paragraph_format.space_before = Pt(0)
        holder.paragraph_format.space_after = Pt(0)
        holder.paragraph_format.line_spacing = Pt(1)
        return section

    # -- paragraphs

    def run(self, text: str, **look: Any) -> str:
        """A run of `text` in the document's language; `look` as docx_xml.run_xml takes it."""
        return docx_xml.run_xml(text, language=self.language, **look)

    def runs(self, text: str) -> str:
        """A run of `text`, or none for no text, as python-docx's `add_paragraph` makes it."""
        return self.run(text) if docx_xml.xml_safe(text) else ""

    def id_run(self, document_id: str) -> str:
        return self.run(document_id, no_proof=True)

    def add(self, xml: str) -> list[Any]:
        """Blocks written by docx_xml, added at the end of the body."""
        return docx_xml.append_blocks(self._body, xml)

    def paragraph_xml(self, runs: str = "", style: str | None = None, **look: Any) -> str:
        style_id = self.style_ids[style] if style is not None else None
        return docx_xml.paragraph_xml(runs, style_id=style_id, **look)

    def paragraph(self, text: str = "", style: str | None = None, **look: Any) -> Paragraph:
        """A new paragraph at the end of the body; `look` as docx_xml.paragraph_xml takes it."""
        return self.paragraph_of_runs(self.runs(text), style, **look)

    def paragraph_of_runs(self, runs: str, style: str | None = None, **look: Any) -> Paragraph:
        """A new paragraph of `runs` (from `run`) at the end of the body."""
        (element,) = self.add(self.paragraph_xml(runs, style, **look))
        return Paragraph(element, self.document)

    def lead_in(self, text: str) -> Paragraph:
        """A sentence that introduces the list below it, kept on the same page as the list."""
        return self.paragraph(text, keep_with_next=True)

    def heading(self, text: str, level: int, page_break: bool = False, runs: str = "") -> Paragraph:
        """A heading of `text` (or of `runs`), on a new page with `page_break`."""
        return self.paragraph_of_runs(runs or self.runs(text), f"Heading {level}", page_break_before=page_break and self.new_page())

    def new_page(self) -> bool:
        """Make ready for a block that starts a page; False when a section break has started one already.

        The empty paragraph after a table goes: were the table to fill its page, that paragraph
        would fill the next one on its own, and the page break after it would leave that page blank.
        """
        body = self._body
        last = body[-2] if len(body) > 1 and body[-1].tag == _SECTION_PROPERTIES else (body[-1] if len(body) else None)
        if last is None:
            return True
        if last.tag == _PARAGRAPH:
            if last.find(f"{_PARAGRAPH_PROPERTIES}/{_SECTION_PROPERTIES}") is not None:
                return False
            previous = last.getprevious()
            if last.find(_RUN) is None and previous is not None and previous.tag == _TABLE:
                body.remove(last)
        return True

    def bullet_xml(self, runs: str) -> str:
        return self.paragraph_xml(runs, "List Bullet", numbering=(self.bullet_list, 0), indent=BULLET_INDENT)

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.add("".join(self.bullet_xml(self.runs(item)) for item in items))

    def note(self, text: str) -> Paragraph:
        """A small aside (legends, instructions); italic except in scripts that have no italics."""
        runs = self.run(text, italic=self.italics, size=Pt(8.5)) if docx_xml.xml_safe(text) else ""
        return self.paragraph_of_runs(runs)

    def numbered_xml(self, num_id: int, level: int, runs: str) -> str:
        """A procedure step's paragraph, numbered at `level` of the list `num_id`."""
        indent = PROCEDURE_INDENTS[min(level, len(PROCEDURE_INDENTS) - 1)]
        style = "List Number" if level == 0 else "List Number 2"
        return self.paragraph_xml(runs, style, numbering=(num_id, level), indent=indent)

    def text_with_fields(self, paragraph: Paragraph, template: str, fields: dict[str, tuple[str, str] | str]) -> None:
        """`template` with each `{name}` replaced by a field (instruction, shown result) or by plain text.

        A translated template keeps its placeholders, so the fields land where the language puts them.
        """
        rest = template
        while rest:
            positions = [(rest.find("{" + name + "}"), name) for name in fields if "{" + name + "}" in rest]
            if not positions:
                paragraph.add_run(docx_xml.xml_safe(rest))
                break
            start, name = min(positions)
            if start:
                paragraph.add_run(docx_xml.xml_safe(rest[:start]))
            value = fields[name]
            if isinstance(value, str):
                paragraph.add_run(docx_xml.xml_safe(value))
            else:
                docx_xml.add_field(paragraph, *value)
            rest = rest[start + len(name) + 2:]

    # -- tables

    def table(
        self,
        rows: Sequence[Sequence[str | Cell]],
        widths: Sequence[float],
        header: Sequence[str | Cell] | None = None,
        label_column: bool = False,
        row_height: Length | None = None,
    ) -> None:
        """A Table Grid table; `widths` are fractions of the text width, widened where a column's longest word needs it.

        A header cell is bold on the header colour, a label column bold on the label colour;
        `row_height` is the least height of the rows below the header. A table short enough is
        kept on one page; a longer one repeats its header row on each page (docx_xml.table_xml).
        A row that only labels the rows below it (one cell across the table) stays with them.
        """
        grid = ([[_cell_of(value) for value in header]] if header is not None else []) + [
            [_cell_of(value) for value in values] for values in rows
        ]

        def look(row_index: int, index: int) -> tuple[bool, str | None]:
            if header is not None and row_index == 0:
                return True, HEADER_FILL
            return (True, LABEL_FILL) if label_column and index == 0 else (False, None)

        row_looks = [[look(row_index, index) for index in range(len(cells))] for row_index, cells in enumerate(grid)]
        shares = self._fitted_shares(grid, row_looks, widths)
        columns = [Emu(int(self.text_width * share)) for share in shares]
        table_rows = []
        for row_index, cells in enumerate(grid):
            is_header = header is not None and row_index == 0
            built = tuple(self._cell(cell, bold=bold, fill=fill) for cell, (bold, fill) in zip(cells, row_looks[row_index], strict=True))
            labels_rows_below = len(cells) == 1 and cells[0].span == len(widths) > 1
            table_rows.append(
                docx_xml.TableRow(built, header=is_header, height=None if is_header else row_height, keep_with_next=labels_rows_below)
            )
        fits = self._table_height_pt(grid, row_looks, columns, row_height) <= Emu(self._text_box[1]).pt * KEEP_WHOLE_SHARE
        self.add(
            docx_xml.table_xml(self.style_ids[TABLE_STYLE], columns, table_rows, fits_on_a_page=fits)
            + docx_xml.paragraph_xml(space_after=Pt(2))
        )

    def _fitted_shares(self, grid: list[list[Cell]], looks: list[list[tuple[bool, str | None]]], widths: Sequence[float]) -> list[float]:
        """Column shares wide enough for each column's longest word (or short Chinese phrase), where the others have room."""
        width_pt = Emu(self.text_width).pt
        needs = [0.0] * len(widths)
        for cells, row_looks in zip(grid, looks, strict=True):
            column = 0
            for cell, (bold, _fill) in zip(cells, row_looks, strict=True):
                if cell.span == 1 and cell.paragraphs is None and column < len(needs):
                    widest = text_fit.widest_piece_pt(cell.text, CELL_TEXT_PT, bold or cell.bold)
                    # a tenth more than the estimate: LibreOffice and Word set bold a little wider than the average
                    needs[column] = max(needs[column], (widest * 1.1 + text_fit.CELL_PADDING_PT + 2) / width_pt)
                column += cell.span
        return text_fit.fitted_widths(widths, needs)

    def _table_height_pt(
        self, grid: list[list[Cell]], looks: list[list[tuple[bool, str | None]]], columns: Sequence[int], row_height: Length | None
    ) -> float:
        """The table's estimated height: each row as tall as its tallest cell (text_fit's estimate)."""
        total = 0.0
        for cells, row_looks in zip(grid, looks, strict=True):
            column, tallest = 0, Emu(row_height).pt if row_height is not None else 0.0
            for cell, (bold, _fill) in zip(cells, row_looks, strict=True):
                width_pt = Emu(sum(columns[column:column + cell.span])).pt
                column += cell.span
                paragraphs = _paragraph_texts(cell.paragraphs) if cell.paragraphs is not None else [cell.text]
                lines = sum(text_fit.estimated_lines(text, width_pt, CELL_TEXT_PT, bold or cell.bold) for text in paragraphs)
                tallest = max(tallest, lines * CELL_LINE_PT + len(paragraphs) * CELL_PARAGRAPH_SPACING_PT)
            total += tallest
        return total

    def _cell(self, cell: Cell, bold: bool, fill: str | None) -> docx_xml.TableCell:
        """The cell as docx_xml writes it; `bold` and `fill` are the row's or column's look, the cell's own wins.

        Long words get soft hyphens, so that a narrow column breaks them at a syllable, with a hyphen.
        """
        if cell.paragraphs is not None:
            paragraphs = cell.paragraphs
        else:
            text = cell.text if cell.no_proof else text_fit.hyphenated(cell.text, self.localizer.locale)
            run = self.run(text, bold=cell.bold or bold, no_proof=cell.no_proof)
            paragraphs = docx_xml.paragraph_xml(run, space_after=Pt(2), space_before=Pt(2), centered=cell.centered)
        return docx_xml.TableCell(paragraphs, fill=cell.fill or fill, span=cell.span)

    # -- pictures

    def figure(self, chart: ChartPicture) -> None:
        """The chart as pictures that fit the page (a folded flow chart: one a band), then its caption once.

        A flow chart's pictures are as big as its smallest text allows (see sopgen.charts.folding);
        another chart is no wider than the text and no taller than most of a page.
        """
        box_width, box_height = self._text_box
        if chart.pages is not None:
            pictures = chart.pages(Emu(box_width).pt, Emu(box_height - FOLDED_ROOM).pt).pictures
            for index, picture in enumerate(pictures):
                paragraph = self.paragraph(keep_with_next=index == len(pictures) - 1, centered=True, space_after=Pt(0))
                paragraph.paragraph_format.line_spacing = 1.0  # a multiple of 1.15 would make the picture's line taller than the picture
                add_svg_picture(paragraph.add_run(), picture.svg, picture.png, Pt(picture.width), Pt(picture.height))
        else:
            width, height = picture_size(chart, box_width, box_height - FIGURE_ROOM)
            if printed_font(chart, width) < MIN_PRINT_POINTS:  # a tall chart takes a page of its own, bar its caption
                width, height = picture_size(chart, box_width, box_height - FOLDED_ROOM)
            paragraph = self.paragraph(keep_with_next=True, centered=True)
            paragraph.paragraph_format.line_spacing = 1.0
            if chart.svg is not None:
                add_svg_picture(paragraph.add_run(), chart.svg, chart.png, width, height)
            else:
                paragraph.add_run().add_picture(io.BytesIO(chart.png), width=width, height=height)
        self.figures += 1
        caption = self.paragraph(style="Caption", centered=True)
        self.text_with_fields(
            caption,
            self._("Figure {number}: {caption}"),
            {"number": ("SEQ Figure \\* ARABIC", str(self.figures)), "caption": chart.caption},
        )


@dataclass(frozen=True)
class Cell:
    """A table cell's text and look; `paragraphs` (from Writer's *_xml methods) replace the text; `span` counts grid columns."""

    text: str = ""
    bold: bool = False
    no_proof: bool = False
    centered: bool = False
    fill: str | None = None
    span: int = 1
    paragraphs: str | None = None


def _paragraph_texts(xml: str) -> list[str]:
    """The texts of the paragraphs written as XML (for estimates: entities left as they are)."""
    return [_TAGS.sub("", paragraph) for paragraph in xml.split("</w:p>") if "<w:p" in paragraph] or [""]


def _cell_of(value: str | Cell) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


def run_language(localizer: Localizer, options: DocxOptions) -> docx_xml.RunLanguage:
    """The language tags of the document's runs; Chinese text is tagged and set in the East Asian font."""
    east_asian_language = EAST_ASIAN_LOCALES.get(localizer.locale)
    return docx_xml.RunLanguage(
        latin="en-US" if east_asian_language else localizer.word_language,
        east_asian=east_asian_language,
        east_asian_font=options.east_asian_font if east_asian_language else None,
    )

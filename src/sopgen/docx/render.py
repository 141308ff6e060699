"""SOP documents and the combined handbook as python-docx Documents (never saved here)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.image import Image
from docx.section import Section as DocxSection
from docx.shared import Cm, Emu, Length, Pt
from docx.text.paragraph import Paragraph

from sopgen.docx import wordml as docx_xml
from sopgen.docx.template import MUTED, builtin_document, load_template, required_styles, style_of
from sopgen.i18n.localizer import Localizer
from sopgen.blueprints.model import Step, plain_texts
from sopgen.docx.views import ChartPicture, DocxOptions, HandbookView, SopView
from sopgen.blueprints.vocabulary import PHASES, N_

# ---------------------------------------------------------------- the look of content

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
# Room a figure leaves on its page for the heading above it and the caption and findings below.
FIGURE_ROOM = Cm(5)
# A wide chart gets a landscape page when that shows it at least this much bigger.
LANDSCAPE_GAIN = 1.3
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core property values

# The RACI matrix: blueprints name who does a step (Responsible). Who answers for the result
# (Accountable) is the SOP's owning role: the e-commerce manager runs daily operations and keeps
# the SOPs current, the shop owner owns everything else; failing both, the SOP's first role.
# Blueprints do not say who is consulted or informed, so the matrix leaves C and I to the owner.
ACCOUNTABLE_PREFERENCE = ("ecommerce-manager", "shop-owner")


def _new_document(options: DocxOptions, country: str) -> Document:
    return load_template(options.template) if options.template else builtin_document(country)


# ---------------------------------------------------------------- writing


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
        # Runs are tagged as they are written; _finish tags the few that python-docx adds.
        self.language = run_language(localizer, options)
        # Chinese has no italics: Word slants the glyphs, which reads as a mistake.
        self.italics = localizer.locale not in EAST_ASIAN_LOCALES
        self._body = document.element.body
        self._text_box = text_box(self.last_section)

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
        upright = picture_size(chart, width, height - FIGURE_ROOM)[0]
        turned = picture_size(chart, height, width - FIGURE_ROOM)[0]
        return turned >= upright * LANDSCAPE_GAIN

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
        """A heading of `text` (or of `runs`)."""
        return self.paragraph_of_runs(runs or self.runs(text), f"Heading {level}", page_break_before=page_break)

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
        """A Table Grid table; `widths` are fractions of the text width; a header row repeats on every page.

        A header cell is bold on the header colour, a label column bold on the label colour;
        `row_height` is the least height of the rows below the header.
        """
        table_rows = []
        if header is not None:
            cells = tuple(self._cell(_cell_of(value), bold=True, fill=HEADER_FILL) for value in header)
            table_rows.append(docx_xml.TableRow(cells, header=True))
        for values in rows:
            cells = tuple(
                self._cell(_cell_of(value), bold=True, fill=LABEL_FILL)
                if label_column and index == 0
                else self._cell(_cell_of(value), bold=False, fill=None)
                for index, value in enumerate(values)
            )
            table_rows.append(docx_xml.TableRow(cells, height=row_height))
        columns = [Emu(int(self.text_width * fraction)) for fraction in widths]
        self.add(
            docx_xml.table_xml(self.style_ids[TABLE_STYLE], columns, table_rows)
            + docx_xml.paragraph_xml(space_after=Pt(2))
        )

    def _cell(self, cell: Cell, bold: bool, fill: str | None) -> docx_xml.TableCell:
        """The cell as docx_xml writes it; `bold` and `fill` are the row's or column's look, the cell's own wins."""
        if cell.paragraphs is not None:
            paragraphs = cell.paragraphs
        else:
            run = self.run(cell.text, bold=cell.bold or bold, no_proof=cell.no_proof)
            paragraphs = docx_xml.paragraph_xml(run, space_after=Pt(2), space_before=Pt(2), centered=cell.centered)
        return docx_xml.TableCell(paragraphs, fill=cell.fill or fill, span=cell.span)

    # -- pictures

    def figure(self, chart: ChartPicture) -> None:
        """The chart as a picture no wider than the text and no taller than most of a page, then its caption."""
        box_width, box_height = self._text_box
        width, height = picture_size(chart, box_width, box_height - FIGURE_ROOM)
        paragraph = self.paragraph(keep_with_next=True, centered=True)
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


def _cell_of(value: str | Cell) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


def text_box(section: Any) -> tuple[Emu, Emu]:
    """Width and height between a section's margins."""
    return (
        Emu(section.page_width - section.left_margin - section.right_margin),
        Emu(section.page_height - section.top_margin - section.bottom_margin),
    )


def picture_size(chart: ChartPicture, max_width: int, max_height: int) -> tuple[Emu, Emu]:
    """The chart's size at 96 dpi (Graphviz's), shrunk to fit; cairo PNGs carry no dpi of their own."""
    image = Image.from_blob(chart.png)  # charts come from render_flowchart as PNG: anything else is a bug
    width_px = chart.width_px or image.px_width
    height_px = chart.height_px or image.px_height
    dpi = image.horz_dpi if image.horz_dpi not in (0, 72) else 96
    width = Emu(int(width_px / dpi * 914400))
    scale = min(1.0, max_width / width, max_height / (width * height_px / width_px))
    width = Emu(int(width * scale))
    return width, Emu(int(width * height_px / width_px))


# ---------------------------------------------------------------- one SOP


@dataclass(frozen=True)
class Section:
    heading: str  # English, marked for extraction; translated when written
    write: Callable[[Writer, SopView, int], None]
    present: Callable[[SopView], bool] = lambda view: True
    on_landscape: Callable[[Writer, SopView], bool] = lambda writer, view: False
    # Written after a landscape page has turned back, so that words are not squeezed onto it.
    then: Callable[[Writer, SopView, int], None] | None = None


def render_sop(view: SopView, options: DocxOptions) -> Document:
    """One SOP as a Word document: document control, then the sections in their fixed order."""
    document = _new_document(options, view.profile.shop.country)
    writer = Writer(document, view.localizer, options)
    writer.paragraph(view.sop.title, "Title", keep_with_next=True)
    where = writer.run(f"  ·  {view.phase_title}  ·  {view.profile.shop.name}")
    writer.paragraph_of_runs(writer.id_run(view.document_id) + where, "Subtitle")
    write_sop_body(writer, view, base_level=1)
    _header_footer(writer, view.profile.shop.name, view.document_id, view.sop.version)
    _core_properties(
        document,
        title=view.sop.title,
        subject=f"{view.document_id} · {view.phase_title}",
        author=_owner(view),
        keywords=[view.document_id, view.phase_title, view.profile.shop.name, writer._("standard operating procedure")],
        comments=view.sop.purpose,
        category=view.phase_title,
        language=view.localizer.word_language,
        date=view.effective,
    )
    _finish(document, view.localizer, options)
    return document


def write_sop_body(writer: Writer, view: SopView, base_level: int) -> None:
    """The SOP's sections at heading level `base_level` (their parts one level deeper)."""
    for section in SOP_SECTIONS:
        if not section.present(view):
            continue
        with writer.landscape() if section.on_landscape(writer, view) else nullcontext():
            writer.heading(writer._(section.heading), base_level)
            section.write(writer, view, base_level + 1)
        if section.then is not None:
            section.then(writer, view, base_level + 1)


def _document_control(writer: Writer, view: SopView, level: int) -> None:
    _, date = writer._, writer.localizer.date
    cadence = view.localizer.cadence(view.sop.review_every.count, view.sop.review_every.unit)

    def label(text: str) -> Cell:
        return Cell(text, bold=True, fill=LABEL_FILL)

    writer.table(
        [
            [label(_("Document ID")), Cell(view.document_id, no_proof=True), label(_("Version")), view.sop.version],
            [label(_("Title")), Cell(view.sop.title, span=3)],
            [label(_("Owner")), _owner(view), label(_("Approver")), _approver(view)],
            [label(_("Effective date")), date(view.effective), label(_("Next review")), date(view.next_review)],
            [label(_("Status")), _status(view), label(_("Review cycle")), cadence],
        ],
        widths=(0.2, 0.3, 0.2, 0.3),
    )

    writer.heading(_("Approval"), level)
    writer.table(
        [
            [_("Prepared by"), _owner(view, blank=""), "", ""],
            [_("Reviewed by"), _reviewer(view), "", ""],
            [_("Approved by"), _approver(view, blank=""), "", ""],
        ],
        widths=(0.2, 0.3, 0.2, 0.3),
        header=["", _("Name"), _("Date"), _("Signature")],
        label_column=True,
        row_height=Cm(0.95),
    )

    writer.heading(_("Revision history"), level)
    first_issue = view.sop.version.rstrip(".0") in ("", "1")
    writer.table(
        [[view.sop.version, date(view.effective), _("First issue") if first_issue else _("Revised"), _owner(view)]],
        widths=(0.12, 0.25, 0.38, 0.25),
        header=[_("Version"), _("Date"), _("Description of change"), _("Author")],
    )


def _purpose(writer: Writer, view: SopView, level: int) -> None:
    writer.paragraph(view.sop.purpose)


def _scope(writer: Writer, view: SopView, level: int) -> None:
    writer.paragraph(view.sop.scope)


def _roles(writer: Writer, view: SopView, level: int) -> None:
    _ = writer._
    team = view.profile.team
    writer.table(
        [
            [view.role_titles.get(role, role), view.role_descriptions.get(role, ""), team.get(role, EMPTY)]
            for role in sop_roles(view)
        ],
        widths=(0.24, 0.54, 0.22),
        header=[_("Role"), _("Responsibilities"), _("Held by")],
        label_column=False,
    )
    matrix = raci_matrix(view)
    if not matrix:
        return
    writer.heading(_("RACI matrix"), level)
    roles = [role for role in sop_roles(view) if any(letters.get(role) for _label, letters in matrix)]
    role_share = min(0.16, 0.6 / len(roles))
    writer.table(
        [[label, *(Cell(letters.get(role, ""), bold=True, centered=True) for role in roles)] for label, letters in matrix],
        widths=(1 - role_share * len(roles),) + (role_share,) * len(roles),
        header=[_("Step")] + [Cell(view.role_titles.get(role, role), centered=True) for role in roles],
    )
    writer.note(_("R = responsible: does the step. A = accountable: answers for the result and signs it off."))


def _tools(writer: Writer, view: SopView, level: int) -> None:
    _ = writer._
    writer.table(
        [[_capitalized(job), Cell(tool or EMPTY, no_proof=True)] for job, tool in view.tools],
        widths=(0.4, 0.6),
        header=[_("Purpose"), _("Tool used in this shop")],
    )


def _procedure(writer: Writer, view: SopView, level: int) -> None:
    num_id = docx_xml.restarted_list(writer.document, writer.procedure_list)

    paragraphs: list[str] = []

    def write(steps: Sequence[Step], depth: int, parent_role: str | None) -> None:
        for step in steps:
            runs = writer.run(step.title, bold=True)
            if step.role and step.role != parent_role:
                role = f"  –  {view.role_titles.get(step.role, step.role)}"
                runs += writer.run(role, italic=writer.italics, color=MUTED)
            if step.text:
                runs += writer.run("\n") + writer.run(step.text)
            paragraphs.append(writer.numbered_xml(num_id, depth, runs))
            write(step.steps, depth + 1, step.role or parent_role)

    write(view.sop.steps, 0, None)
    writer.add("".join(paragraphs))


def _dos_and_donts(writer: Writer, view: SopView, level: int) -> None:
    _ = writer._

    def column(items: Sequence[str]) -> Cell:
        if not items:
            # An empty run before the dash: kept so that documents stay the same bytes as before.
            empty = writer.run("") + writer.run(EMPTY)
            return Cell(paragraphs=docx_xml.paragraph_xml(empty, space_after=Pt(2), space_before=Pt(2)))
        return Cell(paragraphs="".join(writer.bullet_xml(writer.runs(item)) for item in items))

    writer.table(
        [[column(plain_texts(view.sop.dos)), column(plain_texts(view.sop.donts))]],
        widths=(0.5, 0.5),
        header=[Cell(_("Do"), fill=DO_FILL), Cell(_("Don't"), fill=DONT_FILL)],
    )


def _kpis(writer: Writer, view: SopView, level: int) -> None:
    _ = writer._
    writer.table(
        [[kpi.name, kpi.target] for kpi in view.sop.kpis],
        widths=(0.65, 0.35),
        header=[_("Indicator"), _("Target")],
    )


def _flowchart(writer: Writer, view: SopView, level: int) -> None:
    assert view.chart is not None
    writer.figure(view.chart)


def _findings(writer: Writer, view: SopView, level: int) -> None:
    assert view.chart is not None
    if view.chart.findings:
        writer.heading(writer._("What the flowchart shows"), level)
        writer.bullets(view.chart.findings)


def _records_and_review(writer: Writer, view: SopView, level: int) -> None:
    _ = writer._
    if view.sop.records:
        writer.lead_in(_("Keep these records:"))
        writer.bullets(plain_texts(view.sop.records))
    cadence = view.localizer.cadence(view.sop.review_every.count, view.sop.review_every.unit)
    writer.paragraph(
        _("The owner reviews this procedure {cadence}. The next review is due on {date}.").format(
            cadence=cadence, date=writer.localizer.date(view.next_review)
        )
    )
    writer.paragraph(
        _("Record every change in the revision history and tell everyone who works with this procedure.")
    )


SOP_SECTIONS: tuple[Section, ...] = (
    Section(N_("Document control"), _document_control),
    Section(N_("Purpose"), _purpose),
    Section(N_("Scope"), _scope),
    Section(N_("Roles and responsibilities"), _roles),
    Section(N_("Tools"), _tools, lambda view: bool(view.tools)),
    Section(N_("Procedure"), _procedure),
    Section(N_("Do's and don'ts"), _dos_and_donts, lambda view: bool(view.sop.dos or view.sop.donts)),
    Section(N_("Key performance indicators"), _kpis, lambda view: bool(view.sop.kpis)),
    Section(
        N_("Flowchart"),
        _flowchart,
        lambda view: view.chart is not None,
        on_landscape=lambda writer, view: view.chart is not None and writer.turns_page_for(view.chart),
        then=_findings,
    ),
    Section(N_("Records and review"), _records_and_review),
)


# ---------------------------------------------------------------- roles, RACI and document control data


def numbered_steps(steps: Sequence[Step], prefix: str = "") -> Iterator[tuple[str, Step]]:
    """(number as the document shows it, step) for every step and sub-step, in document order."""
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        yield number, step
        yield from numbered_steps(step.steps, number + ".")


def sop_roles(view: SopView) -> list[str]:
    """The SOP's roles, then those only its steps name, each once."""
    named = [step.role for _number, step in numbered_steps(view.sop.steps) if step.role]
    return list(dict.fromkeys([*view.sop.roles, *named]))


def accountable_role(view: SopView) -> str:
    roles = sop_roles(view)
    return next((role for role in ACCOUNTABLE_PREFERENCE if role in roles), view.sop.roles[0])


def raci_matrix(view: SopView) -> list[tuple[str, dict[str, str]]]:
    """Rows of (step number and title, role -> letters) for the steps that name a role."""
    _ = view.localizer._
    responsible, accountable = _("R"), _("A")
    owner = accountable_role(view)
    rows = []
    for number, step in numbered_steps(view.sop.steps):
        if not step.role:
            continue
        letters = {owner: accountable}
        letters[step.role] = f"{responsible}/{accountable}" if step.role == owner else responsible
        rows.append((f"{number}  {step.title}", letters))
    return rows


def _owner(view: SopView, blank: str = EMPTY) -> str:
    return view.profile.document.owner or view.profile.team.get(accountable_role(view)) or blank


def _approver(view: SopView, blank: str = EMPTY) -> str:
    return view.profile.document.approver or view.profile.team.get("shop-owner") or blank


def _reviewer(view: SopView) -> str:
    """The holder of the accountable role, unless that person already prepares or approves."""
    holder = view.profile.team.get(accountable_role(view), "")
    return "" if holder in (_owner(view, ""), _approver(view, "")) else holder


def _status(view: SopView) -> str:
    return view.localizer._("Approved") if view.profile.document.approver else view.localizer._("Draft")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- the handbook


def render_handbook(view: HandbookView, options: DocxOptions) -> Document:
    """Every SOP in one document: cover, contents, the lifecycle introduction, the SOPs by phase, the message templates."""
    document = _new_document(options, view.profile.shop.country)
    writer = Writer(document, view.localizer, options)
    _ = writer._
    shop = view.profile.shop.name
    handbook_title = _("Standard operating procedures")

    document.sections[0].different_first_page_header_footer = True  # no header on the cover
    _cover(writer, view, handbook_title)
    writer.paragraph(_("Contents"), "TOC Heading")
    toc = writer.paragraph()
    docx_xml.add_field(
        toc,
        'TOC \\o "1-2" \\h \\z \\u',
        _("The table of contents is filled in when the document is opened in Word (answer Yes when Word asks to update fields)."),
    )
    writer.note(_("In LibreOffice, choose Tools > Update > Update All to fill in the table of contents."))
    docx_xml.update_fields_on_open(document)

    writer.heading(_("Introduction"), 1, page_break=True)
    _introduction(writer, view)

    for phase, sops in by_phase(view.sops):
        writer.heading(_(PHASES[phase]), 1, page_break=True)
        writer.paragraph(_(PHASE_INTRODUCTIONS[phase]))
        for index, sop in enumerate(sops):
            runs = writer.id_run(sop.document_id) + writer.run("  " + sop.sop.title)
            writer.heading("", 2, page_break=index > 0, runs=runs)
            write_sop_body(writer, sop, base_level=3)
    if view.messages is not None:
        from sopgen.docx.messages import write_message_appendix

        write_message_appendix(writer, view.messages)

    _header_footer(writer, shop, None, None, right=handbook_title)
    _core_properties(
        document,
        title=f"{shop} – {handbook_title}",
        subject=handbook_title,
        author=view.profile.document.owner or shop,
        keywords=[shop, handbook_title, _("standard operating procedure")],
        comments="",
        category=handbook_title,
        language=view.localizer.word_language,
        date=view.effective,
    )
    _finish(document, view.localizer, options)
    return document


PHASE_INTRODUCTIONS = {
    "pre-sale": N_(
        "Everything that happens before a customer can buy: market research, products and their "
        "content, prices, sales channels, suppliers and stock."
    ),
    "sale": N_(
        "From the order to the parcel: order processing, payment, shipping, customer service and the "
        "marketing that brings the orders in."
    ),
    "post-sale": N_(
        "What happens after delivery: tracking, complaints, returns and refunds, reviews, loyalty, and "
        "the evaluation of sales and of the procedures themselves."
    ),
    "lifecycle": N_(
        "Procedures that apply in every phase, such as data protection, training new colleagues, and "
        "writing and reviewing SOPs."
    ),
}


def by_phase(sops: Sequence[SopView]) -> list[tuple[str, list[SopView]]]:
    """The SOPs grouped by lifecycle phase in lifecycle order, each group ordered by document ID."""
    return [
        (phase, sorted((sop for sop in sops if sop.sop.phase == phase), key=lambda sop: sop.document_id))
        for phase in PHASES
        if any(sop.sop.phase == phase for sop in sops)
    ]


def _cover(writer: Writer, view: HandbookView, handbook_title: str) -> None:
    _ = writer._
    writer.paragraph(space_before=Cm(5))
    writer.paragraph(view.profile.shop.name, "Title")
    writer.paragraph(handbook_title, "Subtitle")
    owner = view.profile.document.owner or EMPTY
    approver = view.profile.document.approver or view.profile.team.get("shop-owner") or EMPTY
    writer.table(
        [
            [_("Effective date"), writer.localizer.date(view.effective)],
            [_("Document owner"), owner],
            [_("Approved by"), approver],
            [_("Procedures"), writer.localizer.number(len(view.sops), 0)],
        ],
        widths=(0.3, 0.45),
        label_column=True,
    )
    writer.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _introduction(writer: Writer, view: HandbookView) -> None:
    _ = writer._
    writer.paragraph(
        _(
            "This handbook collects the standard operating procedures (SOPs) of {shop}. Each SOP says "
            "who does what, with which tools, and how well it must be done, so that every order is "
            "handled the same way whoever is at work."
        ).format(shop=view.profile.shop.name)
    )
    if view.lifecycle_chart is not None:
        with writer.landscape() if writer.turns_page_for(view.lifecycle_chart) else nullcontext():
            writer.figure(view.lifecycle_chart)
        writer.bullets(view.lifecycle_chart.findings)
    writer.lead_in(_("The procedures follow the life of an order, from before the sale to after delivery:"))
    groups = by_phase(view.sops)
    writer.add(
        "".join(
            writer.bullet_xml(
                writer.run(_(PHASES[phase]), bold=True) + writer.run(" – " + _(PHASE_INTRODUCTIONS[phase]))
            )
            for phase, _sops in groups
        )
    )
    writer.heading(_("Register of procedures"), 2)
    date = writer.localizer.date
    rows: list[list[str | Cell]] = []
    for phase, sops in groups:
        rows.append([Cell(_(PHASES[phase]), bold=True, fill=LABEL_FILL, span=4)])
        rows.extend(
            [Cell(sop.document_id, no_proof=True), sop.sop.title, sop.sop.version, date(sop.next_review)] for sop in sops
        )
    writer.table(
        rows,
        widths=(0.18, 0.5, 0.1, 0.22),
        header=[_("Document ID"), _("Title"), _("Version"), _("Next review")],
    )


# ---------------------------------------------------------------- header, footer, properties, language


def _header_footer(writer: Writer, left: str, document_id: str | None, version: str | None, right: str = "") -> None:
    """Every section's header and footer: the template's own content (a logo), then ours.

    Sections after the first get their own copy, so that the right-aligned text sits at the right
    margin of landscape pages too.
    """
    sections = writer.document.sections
    first = sections[0]
    template_header, template_footer = docx_xml.story_snapshot(first.header), docx_xml.story_snapshot(first.footer)
    numbered_already = "PAGE" in docx_xml.field_instructions(first.footer._element)
    for index, section in enumerate(sections):
        if index:
            for story, blocks, source in ((section.header, template_header, first.header), (section.footer, template_footer, first.footer)):
                story.is_linked_to_previous = False
                docx_xml.copy_story(blocks, source.part, story)
        width = text_box(section)[0]
        header = _fresh_paragraph(section.header, writer, "Header", width)
        header.add_run(docx_xml.xml_safe(left))
        header.add_run("\t")
        if document_id is not None:
            header.add_run(docx_xml.xml_safe(document_id)).font.no_proof = True
            header.add_run(docx_xml.xml_safe("  ·  " + writer._("Version {version}").format(version=version)))
        else:
            header.add_run(docx_xml.xml_safe(right))
        docx_xml.border(header, "bottom")
        if numbered_already:
            continue  # the company template numbers its pages already
        footer = _fresh_paragraph(section.footer, writer, "Footer", width)
        footer.add_run(docx_xml.xml_safe(writer._("Printed copies are uncontrolled.")))
        footer.add_run("\t")
        writer.text_with_fields(
            footer, writer._("Page {page} of {pages}"), {"page": ("PAGE", "1"), "pages": ("NUMPAGES", "1")}
        )
        docx_xml.border(footer, "top")


def _fresh_paragraph(story: Any, writer: Writer, style_name: str, width: int) -> Paragraph:
    """An empty paragraph of `story` to write in: its blank first one, or a new one after a template's content."""
    paragraphs = story.paragraphs
    shows_something = bool(docx_xml.story_snapshot(story))
    paragraph = paragraphs[0] if paragraphs and not shows_something else story.add_paragraph()
    style = writer.styles[style_name]
    paragraph._p.style = style.style_id
    stops = paragraph.paragraph_format.tab_stops
    for inherited in style.paragraph_format.tab_stops:
        stops.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def _core_properties(
    document: Document,
    *,
    title: str,
    subject: str,
    author: str,
    keywords: Sequence[str],
    comments: str,
    category: str,
    language: str,
    date: dt.date,
) -> None:
    properties = document.core_properties

    def safe(text: str) -> str:
        clean = docx_xml.xml_safe(text)
        return clean if len(clean) <= CORE_PROPERTY_LIMIT else clean[: CORE_PROPERTY_LIMIT - 1] + "…"

    properties.title = safe(title)
    properties.subject = safe(subject)
    properties.author = safe(author)
    properties.last_modified_by = safe(author)
    properties.keywords = safe("; ".join(keywords))
    properties.comments = safe(comments)
    properties.category = safe(category)
    properties.language = language
    properties.revision = 1
    moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
    properties.created = moment
    properties.modified = moment


def run_language(localizer: Localizer, options: DocxOptions) -> docx_xml.RunLanguage:
    """The language tags of the document's runs; Chinese text is tagged and set in the East Asian font."""
    east_asian_language = EAST_ASIAN_LOCALES.get(localizer.locale)
    return docx_xml.RunLanguage(
        latin="en-US" if east_asian_language else localizer.word_language,
        east_asian=east_asian_language,
        east_asian_font=options.east_asian_font if east_asian_language else None,
    )


def _finish(document: Document, localizer: Localizer, options: DocxOptions) -> None:
    """Language tags and fonts on styles and every run: Word's spell-checker and CJK glyphs depend on them."""
    language = run_language(localizer, options)
    if language.east_asian:
        style_of(document, "Caption").font.italic = False
    docx_xml.set_fonts(document, language.east_asian_font)
    docx_xml.set_language(document, language.latin, language.east_asian)
    docx_xml.tag_runs(document, language.latin, language.east_asian, language.east_asian_font)

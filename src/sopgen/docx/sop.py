"""One SOP as a Word document: document control, then the sections in their fixed order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from docx.document import Document
from docx.shared import Cm, Pt

from sopgen.blueprints.sop_model import Step, plain_texts
from sopgen.docx import wordml as docx_xml
from sopgen.docx.document_control import (
    approval_date,
    approver,
    capitalized,
    owner,
    raci_matrix,
    reviewer,
    revisions,
    sop_roles,
    status,
)
from sopgen.docx.page_furniture import core_properties, finish, header_footer
from sopgen.docx.template import (
    MUTED,
)
from sopgen.docx.views import DocxOptions, SopView
from sopgen.docx.writer import (
    DO_FILL,
    DONT_FILL,
    EMPTY,
    LABEL_FILL,
    Cell,
    Writer,
    new_document,
)
from sopgen.i18n.interface import N_


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
    document = new_document(options, view.profile.shop.country)
    writer = Writer(document, view.localizer, options)
    writer.paragraph(view.sop.title, "Title", keep_with_next=True)
    where = writer.run(f"  ·  {view.phase_title}  ·  {view.profile.shop.name}")
    writer.paragraph_of_runs(writer.id_run(view.document_id) + where, "Subtitle")
    write_sop_body(writer, view, base_level=1)
    header_footer(writer, view.profile.shop.name, view.document_id, view.sop.version)
    core_properties(
        document,
        title=view.sop.title,
        subject=f"{view.document_id} · {view.phase_title}",
        author=owner(view),
        keywords=[view.document_id, view.phase_title, view.profile.shop.name, writer._("standard operating procedure")],
        comments=view.sop.purpose,
        category=view.phase_title,
        language=view.localizer.word_language,
        date=view.effective,
    )
    finish(document, view.localizer, options)
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
            [label(_("Owner")), owner(view), label(_("Approver")), approver(view)],
            [label(_("Effective date")), date(view.effective), label(_("Next review")), date(view.next_review)],
            [label(_("Status")), status(view), label(_("Review cycle")), cadence],
        ],
        widths=(0.2, 0.3, 0.2, 0.3),
    )

    writer.heading(_("Approval"), level)
    writer.table(
        [
            [_("Prepared by"), owner(view, blank=""), "", ""],
            [_("Reviewed by"), reviewer(view), "", ""],
            [_("Approved by"), approver(view, blank=""), approval_date(view), ""],
        ],
        widths=(0.2, 0.3, 0.2, 0.3),
        header=["", _("Name"), _("Date"), _("Signature")],
        label_column=True,
        row_height=Cm(0.95),
    )

    writer.heading(_("Revision history"), level)
    writer.table(
        [[row.version, date(row.date), row.description, row.author] for row in revisions(view)],
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
        [[capitalized(job), Cell(tool or EMPTY, no_proof=True)] for job, tool in view.tools],
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
    # kept with the closing sentence, which would otherwise stand alone on the last page
    writer.paragraph(
        _("The owner reviews this procedure {cadence}. The next review is due on {date}.").format(
            cadence=cadence, date=writer.localizer.date(view.next_review)
        ),
        keep_with_next=True,
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

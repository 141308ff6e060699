"""The handbook: cover, contents, the lifecycle introduction, then every SOP by phase."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from sopgen.blueprints.vocabulary import PHASES
from sopgen.docx import wordml as docx_xml
from sopgen.docx.document_control import status
from sopgen.docx.page_furniture import core_properties, finish, header_footer
from sopgen.docx.sop import write_sop_body
from sopgen.docx.views import DocxOptions, HandbookView, SopView
from sopgen.docx.writer import EMPTY, LABEL_FILL, Cell, Writer, new_document
from sopgen.i18n.interface import N_


def render_handbook(view: HandbookView, options: DocxOptions) -> Document:
    """Every SOP in one document: cover, contents, the lifecycle introduction, the SOPs by phase, the message templates."""
    document = new_document(options, view.profile.shop.country)
    writer = Writer(document, view.localizer, options)
    _ = writer._
    shop = view.profile.shop.name
    handbook_title = _("Standard operating procedures")

    document.sections[0].different_first_page_header_footer = True  # no header on the cover
    _cover(writer, view, handbook_title)
    writer.paragraph(_("Contents"), "TOC Heading", page_break_before=writer.new_page())
    contents = writer.paragraph()  # where the contents go once the headings are written
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

    fill_contents(writer, contents._p)
    header_footer(writer, shop, None, None, right=handbook_title)
    core_properties(
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
    finish(document, view.localizer, options)
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


CONTENTS_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
CONTENTS_STYLES = {1: ("TOC1", "toc 1", 0), 2: ("TOC2", "toc 2", 220)}  # id, name, left indent in twips


def fill_contents(writer: Writer, placeholder: Any) -> None:
    """The contents as Word's TOC field would list them, in place of `placeholder`: every heading 1 and 2 after it.

    Each heading gets a bookmark the entry links to; page numbers are left for Word and
    LibreOffice to fill in (fields), the entries are there for every viewer.
    """
    levels = {writer.style_ids[f"Heading {level}"]: level for level in CONTENTS_STYLES}
    right_tab = Emu(writer.text_width).twips
    style_ids = _contents_styles(writer, right_tab)
    entries = []
    paragraph = placeholder.getnext()
    while paragraph is not None:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if paragraph.tag == qn("w:p") else None
        level = levels.get(style.get(qn("w:val"))) if style is not None else None
        text = "".join(node.text or "" for node in paragraph.iter(qn("w:t"))) if level else ""
        if text.strip():
            name = f"_Toc{len(entries) + 1:08d}"
            docx_xml.bookmark(paragraph, len(entries) + 1, name)
            entries.append(docx_xml.ContentsEntry(style_ids[level], writer.run(text), name))
        paragraph = paragraph.getnext()
    if entries:
        docx_xml.replace_with_blocks(placeholder, docx_xml.contents_xml(CONTENTS_FIELD, entries, right_tab))


def _contents_styles(writer: Writer, right_tab: int) -> dict[int, str]:
    """The style id of `toc 1` and `toc 2`, added as Word defines them where the template has none."""
    known = docx_xml.styles_by_name(writer.document)
    styles = writer.document.styles.element
    found = {}
    for level, (style_id, name, indent) in CONTENTS_STYLES.items():
        if name in known:
            found[level] = known[name].get(qn("w:styleId"))
            continue
        styles.append(parse_xml(docx_xml.contents_style_xml(style_id, name, writer.style_ids["Normal"], indent, right_tab)))
        found[level] = style_id
    return found


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
            [_("Status"), status(view)],
            [_("Procedures"), writer.localizer.number(len(view.sops), 0)],
        ],
        widths=(0.3, 0.45),
        label_column=True,
    )


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

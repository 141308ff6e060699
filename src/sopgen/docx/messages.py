"""Customer message templates in Word: a document of their own, and the appendix of the handbook."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.document import Document
from docx.shared import Pt

from sopgen.blueprints.vocabulary import MESSAGE_CHANNELS
from sopgen.docx.page_furniture import core_properties, finish, header_footer
from sopgen.docx.views import DocxOptions, MessageEntry, MessagesView
from sopgen.docx.writer import LABEL_FILL, Cell, Writer, new_document
from sopgen.i18n.interface import N_

TITLE = N_("Customer message templates")
# Fill-in markers stand out, so that none is sent to a customer by mistake.
MARKER_COLOR = "C00000"
BODY_FILL = "F7F9FC"


def render_messages(view: MessagesView, options: DocxOptions) -> Document:
    """The templates as a document of their own, the one the team copies from."""
    document = new_document(options, view.profile.shop.country)
    writer = Writer(document, view.localizer, options)
    _ = writer._
    shop = view.profile.shop.name
    title = _(TITLE)
    writer.paragraph(title, "Title", keep_with_next=True)
    writer.paragraph(shop, "Subtitle")
    _how_to_use(writer, view)
    write_messages(writer, view, level=1)
    header_footer(writer, shop, None, None, right=title)
    core_properties(
        document,
        title=f"{shop} – {title}",
        subject=title,
        author=view.profile.document.owner or shop,
        keywords=[shop, title],
        comments="",
        category=title,
        language=view.localizer.word_language,
        date=view.effective,
    )
    finish(document, view.localizer, options)
    return document


def write_message_appendix(writer: Writer, view: MessagesView) -> None:
    """The templates as the handbook's last chapter, after the procedures that send them."""
    writer.heading(writer._("Appendix: customer message templates"), 1, page_break=True)
    _how_to_use(writer, view)
    write_messages(writer, view, level=2)


def _how_to_use(writer: Writer, view: MessagesView) -> None:
    _ = writer._
    writer.paragraph(
        _(
            "These are the messages to customers that the procedures refer to. Copy the one that fits, "
            "and send an email from the shop's customer service address and a chat message in the chat "
            "where the customer wrote to you."
        )
    )
    example = view.markers.get("order.number", "")
    writer.lead_in(_("Before you send a message:"))
    writer.bullets(
        [
            _("Replace every text in square brackets, such as {example}, with the order's own details.").format(example=example),
            _("Delete every sentence that does not fit the case, and add what the customer asked about."),
            _("Read the message once more as the customer will read it, then send it and note it on the order."),
        ]
    )


def write_messages(writer: Writer, view: MessagesView, level: int) -> None:
    """Each group under a heading at `level`, each message one level deeper."""
    markers = _marker_pattern(tuple(view.markers.values()))
    for group in view.groups:
        writer.heading(group.title, level)
        if group.description:
            writer.paragraph(group.description)
        for entry in group.entries:
            _message(writer, entry, level + 1, markers)


def _message(writer: Writer, entry: MessageEntry, level: int, markers: re.Pattern[str] | None) -> None:
    _ = writer._
    message = entry.message
    writer.heading(message.title, level).paragraph_format.keep_with_next = True

    def label(text: str) -> Cell:
        return Cell(text, bold=True, fill=LABEL_FILL)

    rows: list[list[str | Cell]] = [[label(_("Channel")), _(MESSAGE_CHANNELS[message.channel])]]
    if entry.used_in:
        rows.append([label(_("Used in")), "; ".join(f"{document_id} {title}" for document_id, title in entry.used_in)])
    if message.subject is not None:
        rows.append([label(_("Subject")), Cell(paragraphs=writer.paragraph_xml(_marked_runs(writer, message.subject, markers)))])
    writer.table(rows, widths=(0.2, 0.8))
    paragraphs = [part.strip("\n") for part in re.split(r"\n\s*\n", message.body.strip())]
    body = "".join(writer.paragraph_xml(_marked_runs(writer, part, markers), space_after=Pt(6)) for part in paragraphs if part)
    writer.table([[Cell(paragraphs=body, fill=BODY_FILL)]], widths=(1.0,))


def _marker_pattern(markers: Sequence[str]) -> re.Pattern[str] | None:
    if not markers:
        return None
    longest_first = sorted(set(markers), key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(marker) for marker in longest_first) + ")")


def _marked_runs(writer: Writer, text: str, markers: re.Pattern[str] | None) -> str:
    """Runs of `text`, each fill-in marker bold and coloured."""
    pieces = markers.split(text) if markers is not None else [text]
    runs = []
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        runs.append(writer.run(piece, bold=True, color=MARKER_COLOR) if index % 2 else writer.run(piece))
    return "".join(runs)

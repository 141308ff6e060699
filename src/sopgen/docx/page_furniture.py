"""Headers, footers, core properties and language tags: what every page and the file itself carry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.text.paragraph import Paragraph

from sopgen.docx import wordml as docx_xml
from sopgen.docx.page_geometry import text_box
from sopgen.docx.template import (
    style_of,
)
from sopgen.docx.views import DocxOptions
from sopgen.docx.writer import CORE_PROPERTY_LIMIT, Writer, run_language
from sopgen.i18n.localizer import Localizer


def header_footer(writer: Writer, left: str, document_id: str | None, version: str | None, right: str = "") -> None:
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


def core_properties(
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


def finish(document: Document, localizer: Localizer, options: DocxOptions) -> None:
    """Language tags and fonts on styles and every run: Word's spell-checker and CJK glyphs depend on them."""
    language = run_language(localizer, options)
    if language.east_asian:
        style_of(document, "Caption").font.italic = False
    docx_xml.set_fonts(document, language.east_asian_font)
    docx_xml.set_language(document, language.latin, language.east_asian)
    docx_xml.tag_runs(document, language.latin, language.east_asian, language.east_asian_font)

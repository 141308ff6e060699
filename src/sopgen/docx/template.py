"""The documents SOPs are written into: the built-in house style, or a company's own Word template."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor, Twips

import docx
from sopgen.docx import wordml as docx_xml
from sopgen.errors import Problem, Source, TemplateError
from sopgen.i18n.interface import _
from sopgen.knowledge.countries import paper

# The house style of the built-in template; a company template keeps its own.
BODY_FONT = "Calibri"
HEADING_FONT = "Calibri"
ACCENT = "1F3864"
SECOND_ACCENT = "2F5496"
MUTED = "595959"
HOUSE_STYLES: dict[str, dict[str, Any]] = {
    "Normal": {"size": 10.5, "space_after": 6, "line_spacing": 1.15},
    "Title": {"size": 24, "color": ACCENT, "space_after": 4, "font": HEADING_FONT},
    "Subtitle": {"size": 12, "color": MUTED, "italic": False, "space_after": 14, "font": HEADING_FONT},
    "Heading 1": {"size": 15, "color": ACCENT, "bold": True, "space_before": 20, "space_after": 6, "font": HEADING_FONT},
    "Heading 2": {"size": 12.5, "color": SECOND_ACCENT, "bold": True, "space_before": 14, "space_after": 4, "font": HEADING_FONT},
    "Heading 3": {"size": 11.5, "color": SECOND_ACCENT, "bold": True, "space_before": 12, "space_after": 4, "font": HEADING_FONT},
    "Heading 4": {"size": 10.5, "color": SECOND_ACCENT, "bold": True, "italic": False, "space_before": 10, "space_after": 3, "font": HEADING_FONT},
    "TOC Heading": {"size": 15, "color": ACCENT, "bold": True, "space_before": 0, "space_after": 12, "font": HEADING_FONT},
    "Caption": {"size": 9, "color": MUTED, "italic": True, "bold": False, "space_after": 8},
    "Header": {"size": 8.5, "color": MUTED},
    "Footer": {"size": 8.5, "color": MUTED},
    "List Number": {"space_after": 6},
    "List Number 2": {"space_after": 4},
    "List Bullet": {"space_after": 3},
}
# Paper by the shop's country: Letter where it is the norm, A4 elsewhere.
PAPER = {"A4": (Cm(21.0), Cm(29.7)), "Letter": (Twips(12240), Twips(15840))}
PAGE_SETUP = {
    "top_margin": Cm(2.3),
    "bottom_margin": Cm(2.0),
    "left_margin": Cm(2.2),
    "right_margin": Cm(2.2),
    "header_distance": Cm(1.1),
    "footer_distance": Cm(1.0),
}

# Styles the renderer uses; a user's template lacking one gets the built-in definition (as Word does).
REQUIRED_STYLES: dict[str, str] = {
    "Normal": "paragraph",
    "Title": "paragraph",
    "Subtitle": "paragraph",
    "Heading 1": "paragraph",
    "Heading 2": "paragraph",
    "Heading 3": "paragraph",
    "Heading 4": "paragraph",
    "TOC Heading": "paragraph",
    "List Number": "paragraph",
    "List Number 2": "paragraph",
    "List Bullet": "paragraph",
    "Caption": "paragraph",
    "Header": "paragraph",
    "Footer": "paragraph",
    "Table Grid": "table",
}


def builtin_document(country: str = "DK") -> Document:
    """python-docx's default template in the house style: explicit fonts, A4 or Letter, no leftovers."""
    return docx.Document(io.BytesIO(_house_style_package(paper(country))))


@functools.lru_cache(maxsize=None)
def _house_style_package(paper: str) -> bytes:
    """The styled template as a saved package, made once per process: opening it costs a third of styling it anew."""
    document = docx.Document()
    _drop_part(document, "stylesWithEffects")  # Word 2010's copy of the styles would contradict ours
    _drop_unused_table_styles(document)
    # python-docx's own template brings a preview picture of an empty page and a bibliography store
    document.part.package.rels.pop(_relationship_id(document.part.package, "thumbnail"))
    _drop_part(document, "customXml")
    docx_xml.set_fonts(document, east_asian=None, latin=BODY_FONT)
    for name, look in HOUSE_STYLES.items():
        _apply_look(style_of(document, name), look)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAPER[paper]
    for name, length in PAGE_SETUP.items():
        setattr(section, name, length)
    docx_xml.clear_body(document)
    package = io.BytesIO()
    document.save(package)
    return package.getvalue()


def _apply_look(style: Any, look: dict[str, Any]) -> None:
    font, paragraph = style.font, getattr(style, "paragraph_format", None)
    if "font" in look or style.name == "Normal":
        docx_xml.set_latin_font(style.element, look.get("font", BODY_FONT))
    if "size" in look:
        font.size = Pt(look["size"])
    if "color" in look:
        font.color.rgb = RGBColor.from_string(look["color"])
    for flag in ("bold", "italic"):
        if flag in look:
            setattr(font, flag, look[flag])
    if paragraph is not None:
        for spacing in ("space_before", "space_after"):
            if spacing in look:
                setattr(paragraph, spacing, Pt(look[spacing]))
        if "line_spacing" in look:
            paragraph.line_spacing = look["line_spacing"]


def _drop_unused_table_styles(document: Document) -> None:
    """Keep the table styles sopgen uses, drop python-docx's other 100-odd: they are nine tenths of
    styles.xml, read and written again for every document. Word still offers its built-in table
    styles from its own definitions (the latent styles stay)."""
    root = document.styles.element
    kept = {"normal table", *(name.lower() for name, kind in REQUIRED_STYLES.items() if kind == "table")}
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and docx_xml.style_name(style).lower() not in kept:
            root.remove(style)


def _relationship_id(source: Any, relationship_suffix: str) -> str:
    return next(r_id for r_id, relationship in source.rels.items() if relationship.reltype.endswith("/" + relationship_suffix))


def _drop_part(document: Document, relationship_suffix: str) -> None:
    for r_id, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith("/" + relationship_suffix):
            document.part.drop_rel(r_id)


def load_template(path: Path) -> Document:
    """A company's own .docx as the base: its styles, header logo and page set-up; its body cleared."""
    from docx.opc.exceptions import PackageNotFoundError

    source = Source(str(path))
    if not path.exists():
        raise TemplateError.single(source, _("no such template file"), _("give the path of a Word document (.docx)"))
    if path.suffix.lower() in (".dotx", ".dotm"):
        raise TemplateError.single(
            source,
            _("is a Word template (.dotx), not a Word document"),
            _("open it in Word and save it as a Word document (.docx), then pass that file"),
        )
    data = template_bytes(path)
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as error:
        if "content type" not in str(error):
            raise TemplateError.single(
                source, _("is not a Word document"), _("use a .docx file saved by Word or LibreOffice")
            ) from None
        # python-docx refuses a package whose main part is a template or a macro-enabled document.
        message = (
            _("is a Word template (.dotx), not a Word document")
            if "template" in str(error)
            else _("is not a plain Word document (.docx)")
        )
        hint = _("open it in Word and save it as a Word document (.docx), then pass that file")
        raise TemplateError.single(source, message, hint) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        raise TemplateError.single(
            source, _("is not a Word document"), _("use a .docx file saved by Word or LibreOffice")
        ) from None
    _check_styles(document, source)
    docx_xml.import_styles(document, builtin_document(), REQUIRED_STYLES)
    docx_xml.clear_body(document)
    return document


MAX_TEMPLATE_BYTES = 20 * 1_048_576
MAX_UNPACKED_BYTES = 100 * 1_048_576  # all parts together, as the zip's directory declares them
MAX_PACKING_RATIO = 200  # Word's XML packs 5 to 20 times; a part that claims far more is a zip bomb


def template_bytes(path: Path) -> bytes:
    """The template file, refused before anything is unpacked when it is too big, or would unpack to too much."""
    from sopgen.input_files import read_bounded

    source = Source(str(path))
    data = read_bounded(path, MAX_TEMPLATE_BYTES, str(path), TemplateError, hint=_("use a .docx file saved by Word or LibreOffice"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TemplateError.single(source, _("is not a Word document"), _("use a .docx file saved by Word or LibreOffice")) from None
    unpacked = sum(entry.file_size for entry in entries)
    packed_too_tight = [entry for entry in entries if entry.file_size > 1_048_576 and entry.file_size > MAX_PACKING_RATIO * max(entry.compress_size, 1)]
    if unpacked > MAX_UNPACKED_BYTES or packed_too_tight:
        raise TemplateError.single(
            source,
            _("would unpack to {size} MB; Word templates are limited to {limit} MB, at most {ratio} times their packed size").format(
                size=unpacked // 1_048_576, limit=MAX_UNPACKED_BYTES // 1_048_576, ratio=MAX_PACKING_RATIO
            ),
            _("use a .docx file saved by Word or LibreOffice"),
        )
    return data


def _check_styles(document: Document, source: Source) -> None:
    problems = []
    for name, kind in REQUIRED_STYLES.items():
        style = docx_xml.find_style(document, name)
        found = style.get(qn("w:type")) if style is not None else kind  # a missing one is added later
        if found != kind:
            problems.append(
                Problem(
                    source,
                    _("the style '{style}' is a {found} style; sopgen needs a {expected} style of that name").format(
                        style=name, found=_style_kind(found), expected=_style_kind(kind)
                    ),
                    _("rename or delete the style '{style}' in the template").format(style=name),
                )
            )
    if problems:
        raise TemplateError(problems)


def _style_kind(kind: str) -> str:
    kinds = {"paragraph": _("paragraph"), "character": _("character"), "table": _("table"), "numbering": _("list")}
    return kinds.get(kind, kind)


def required_styles(document: Document) -> dict[str, Any]:
    """The python-docx style of every name in REQUIRED_STYLES, found in one pass over the styles."""
    from docx.styles.style import StyleFactory

    styles = docx_xml.styles_by_name(document)
    found = {}
    for name in REQUIRED_STYLES:
        if name.lower() not in styles:
            raise KeyError(name)  # a bug: builtin_document and load_template provide every required style
        found[name] = StyleFactory(styles[name.lower()])
    return found


def style_of(document: Document, name: str) -> Any:
    """The python-docx style called `name`, found the way Word and LibreOffice both spell it."""
    from docx.styles.style import StyleFactory

    element = docx_xml.find_style(document, name)
    if element is None:
        raise KeyError(name)  # a bug: builtin_document and load_template provide every required style
    return StyleFactory(element)

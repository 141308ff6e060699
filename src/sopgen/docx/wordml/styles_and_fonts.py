"""Styles, fonts and language tags: explicit East Asian fonts, no theme fonts, proofing languages."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from lxml import etree

from sopgen.docx.wordml.names import (
    AFTER_LANGUAGE,
    DRAWINGML,
    EAST_ASIA,
    FONTS,
    LANGUAGE,
    NAMESPACES,
    RUN_PROPERTIES,
    RUN_STYLE,
    THEME_ATTRIBUTES,
    VALUE,
    insert_setting,
)


def _styles_root(document: Document) -> Any:
    return document.styles.element


def _rpr_default(document: Document) -> Any:
    """`w:docDefaults/w:rPrDefault/w:rPr`, created when the styles part lacks it."""
    root = _styles_root(document)
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    return rpr


def _rpr_children_in_order(rpr: Any, child: Any) -> None:
    """Insert rFonts first and lang near the end, as the schema's sequence for w:rPr requires."""
    if child.tag == FONTS:
        style_ref = rpr.find(RUN_STYLE)
        if style_ref is not None:
            style_ref.addnext(child)
        else:
            rpr.insert(0, child)
        return
    for existing in rpr:
        if existing.tag in AFTER_LANGUAGE:
            existing.addprevious(child)
            return
    rpr.append(child)


def _get_or_add(rpr: Any, tag: str) -> Any:
    found = rpr.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        _rpr_children_in_order(rpr, found)
    return found


def theme_latin_fonts(document: Document) -> dict[str, str]:
    """The theme's Latin typefaces: {'major': …, 'minor': …}, empty when the document has no theme."""
    for relationship in document.part.rels.values():
        if relationship.reltype == RELATIONSHIP_TYPE.THEME and not relationship.is_external:
            theme = parse_xml(relationship.target_part.blob)
            fonts = {}
            for kind in ("major", "minor"):
                latin = theme.find(f".//{{{DRAWINGML}}}{kind}Font/{{{DRAWINGML}}}latin")
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            return fonts
    return {}


def _all_style_rprs(document: Document, having: str) -> Iterator[Any]:
    """The default run properties first, then those of every style (table styles' parts too) with a `having` child."""
    default = _rpr_default(document)
    yield default
    wanted = qn(having)
    # Found through the wanted children, which are few: most of a style's run properties lack them.
    for style in _styles_root(document).iterchildren(qn("w:style")):
        for child in style.iter(wanted):
            rpr = child.getparent()
            if rpr.tag == RUN_PROPERTIES and rpr is not default and rpr.find(wanted) is child:
                yield rpr


def set_fonts(document: Document, east_asian: str | None, latin: str | None = None) -> None:
    """Explicit font names in docDefaults and every style with rFonts; theme font attributes removed.

    Theme attributes win over explicit names in Word, so a theme font is replaced by the name
    the theme gives it (the look is unchanged) and the East Asian slot gets `east_asian`.
    `latin`, when given, becomes the default Latin font.
    """
    theme = theme_latin_fonts(document)
    slots = [(qn(f"w:{slot}"), qn(f"w:{slot}Theme")) for slot in ("ascii", "hAnsi")]
    dropped = [qn(f"w:{attribute}") for attribute in THEME_ATTRIBUTES if east_asian or attribute != "eastAsiaTheme"]
    # A style without rFonts inherits the defaults.
    for index, rpr in enumerate(_all_style_rprs(document, having="w:rFonts")):
        fonts = _get_or_add(rpr, "w:rFonts")
        for slot, theme_slot in slots:
            themed = fonts.get(theme_slot)
            if index == 0 and latin:
                fonts.set(slot, latin)
            elif themed is not None and fonts.get(slot) is None:
                fonts.set(slot, theme.get("major" if themed.startswith("major") else "minor", "Calibri"))
        if east_asian:
            fonts.set(EAST_ASIA, east_asian)
        attributes = fonts.attrib
        for attribute in dropped:
            attributes.pop(attribute, None)


def set_latin_font(style_element: Any, name: str) -> None:
    """A style's Latin font, theme attributes for the Latin slots removed so the name takes effect."""
    rpr = style_element.get_or_add_rPr()
    fonts = _get_or_add(rpr, "w:rFonts")
    for slot in ("ascii", "hAnsi"):
        fonts.set(qn(f"w:{slot}"), name)
        fonts.attrib.pop(qn(f"w:{slot}Theme"), None)


def _set_lang(rpr: Any, latin: str, east_asian: str | None) -> None:
    lang = rpr.find(LANGUAGE)
    if lang is None:
        lang = OxmlElement("w:lang")
        _rpr_children_in_order(rpr, lang)
    lang.set(VALUE, latin)
    if east_asian:
        lang.set(EAST_ASIA, east_asian)


def set_language(document: Document, latin: str, east_asian: str | None = None) -> None:
    """Proofing language in docDefaults, every style that names one, and the theme font language."""
    for rpr in _all_style_rprs(document, having="w:lang"):
        _set_lang(rpr, latin, east_asian)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = parse_xml(f"<w:themeFontLang {nsdecls('w')}/>")
        insert_setting(settings, theme_lang)
    theme_lang.set(qn("w:val"), latin)
    if east_asian:
        theme_lang.set(qn("w:eastAsia"), east_asian)


def _story_roots(document: Document) -> Iterator[Any]:
    yield document.element.body
    seen = set()
    for section in document.sections:
        for part_owner in (section.header, section.first_page_header, section.even_page_header,
                           section.footer, section.first_page_footer, section.even_page_footer):
            if part_owner.is_linked_to_previous:
                continue
            element = part_owner._element
            if id(element) not in seen:
                seen.add(id(element))
                yield element


@dataclass(frozen=True)
class RunLanguage:
    """The proofing language of a run, for East Asian text too, and the font of its East Asian text."""

    latin: str
    east_asian: str | None = None
    east_asian_font: str | None = None


# Runs that do not yet carry exactly these tags (tag_runs would leave the others as they are).
_UNTAGGED_RUNS = etree.XPath(
    ".//w:r[not(w:rPr[1]/w:lang[1][@w:val = $latin and ($east_asian = '' or @w:eastAsia = $east_asian)])"
    " or ($font != '' and not(w:rPr[1]/w:rFonts[1][@w:eastAsia = $font and not(@w:eastAsiaTheme)]))]",
    namespaces=NAMESPACES,
)


def tag_runs(document: Document, latin: str, east_asian: str | None = None, east_asian_font: str | None = None) -> None:
    """Every run in the body, headers and footers carries the language (and the East Asian font)."""
    east_asia_theme = qn("w:eastAsiaTheme")
    for root in _story_roots(document):
        for run in _UNTAGGED_RUNS(root, latin=latin, east_asian=east_asian or "", font=east_asian_font or ""):
            rpr = run.find(RUN_PROPERTIES)
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            if east_asian_font:
                fonts = rpr.find(FONTS)
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    _rpr_children_in_order(rpr, fonts)
                fonts.set(EAST_ASIA, east_asian_font)
                fonts.attrib.pop(east_asia_theme, None)
            _set_lang(rpr, latin, east_asian)


def find_style(document: Document, name: str) -> Any | None:
    """The `w:style` called `name`, whatever the case: Word writes 'heading 1', LibreOffice 'Heading 1'.

    python-docx knows only Word's spelling, and falls back to a deprecated lookup by id.
    """
    wanted = name.lower()
    for style in _styles_root(document).findall(qn("w:style")):
        found = style.find(qn("w:name"))
        if found is not None and (found.get(qn("w:val")) or "").lower() == wanted:
            return style
    return None


def styles_by_name(document: Document) -> dict[str, Any]:
    """Every `w:style` by its lower-cased name (the first of a name, as find_style finds it)."""
    found: dict[str, Any] = {}
    for name in _STYLE_NAMES(_styles_root(document)):
        lowered = name.lower()
        if lowered not in found:
            found[lowered] = name.getparent().getparent()
    return found


_STYLE_NAMES = etree.XPath("w:style/w:name[1]/@w:val", namespaces=NAMESPACES)


def style_name(style: Any) -> str:
    found = style.find(qn("w:name"))
    return (found.get(qn("w:val")) if found is not None else None) or style.get(qn("w:styleId"))


def import_styles(document: Document, source: Document, names: Iterable[str]) -> list[str]:
    """Copy styles missing from `document` out of `source`, as Word does for a latent built-in style.

    A copy's base style comes along when the document lacks it too; numbering references and
    linked character styles are dropped (they point into the source). Returns the names copied.
    """
    target_root = _styles_root(document)
    copied: list[str] = []

    def target_id(name: str) -> str:
        existing = find_style(document, name)
        if existing is not None:
            return existing.get(qn("w:styleId"))
        original = find_style(source, name)
        clone = copy.deepcopy(original)
        style_id = clone.get(qn("w:styleId"))
        if target_root.get_by_id(style_id) is not None:
            style_id = f"Sopgen{style_id}"  # the id is taken by a differently named style
            clone.set(qn("w:styleId"), style_id)
        for numbering in clone.iter(qn("w:numPr")):
            numbering.getparent().remove(numbering)
        for reference in ("w:link", "w:next"):
            found = clone.find(qn(reference))
            if found is not None:
                clone.remove(found)
        based_on = clone.find(qn("w:basedOn"))
        if based_on is not None:
            base = source.styles.element.get_by_id(based_on.get(qn("w:val")))
            if base is None:
                clone.remove(based_on)
            else:
                based_on.set(qn("w:val"), target_id(style_name(base)))
        target_root.append(clone)
        copied.append(name)
        return style_id

    for name in names:
        if find_style(document, name) is None and find_style(source, name) is not None:
            target_id(name)
    return copied

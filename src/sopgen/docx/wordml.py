"""Raw WordprocessingML: fonts, language tags, fields, list restarts, table details, and blocks written as XML text."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from typing import Any

from dataclasses import dataclass

from docx.document import Document
from lxml import etree
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.parts.numbering import NumberingPart
from docx.shared import Emu
from docx.text.paragraph import Paragraph

# XML 1.0 allows tab, newline and carriage return below U+0020, nothing in the surrogate block,
# and not U+FFFE/U+FFFF; python-docx raises ValueError on anything else.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_RUN, _RUN_PROPERTIES, _FONTS, _LANGUAGE = qn("w:r"), qn("w:rPr"), qn("w:rFonts"), qn("w:lang")
_RUN_STYLE, _VALUE, _EAST_ASIA = qn("w:rStyle"), qn("w:val"), qn("w:eastAsia")
# The children of w:rPr that the schema puts after w:lang.
_AFTER_LANGUAGE = frozenset(qn(name) for name in ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"


def xml_safe(text: str) -> str:
    """The text without the characters Word files cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)


# ---------------------------------------------------------------- styles, fonts and languages


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
    if child.tag == _FONTS:
        style_ref = rpr.find(_RUN_STYLE)
        if style_ref is not None:
            style_ref.addnext(child)
        else:
            rpr.insert(0, child)
        return
    for existing in rpr:
        if existing.tag in _AFTER_LANGUAGE:
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
                latin = theme.find(f".//{{{_DRAWINGML}}}{kind}Font/{{{_DRAWINGML}}}latin")
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
            if rpr.tag == _RUN_PROPERTIES and rpr is not default and rpr.find(wanted) is child:
                yield rpr


def set_fonts(document: Document, east_asian: str | None, latin: str | None = None) -> None:
    """Explicit font names in docDefaults and every style with rFonts; theme font attributes removed.

    Theme attributes win over explicit names in Word, so a theme font is replaced by the name
    the theme gives it (the look is unchanged) and the East Asian slot gets `east_asian`.
    `latin`, when given, becomes the default Latin font.
    """
    theme = theme_latin_fonts(document)
    slots = [(qn(f"w:{slot}"), qn(f"w:{slot}Theme")) for slot in ("ascii", "hAnsi")]
    dropped = [qn(f"w:{attribute}") for attribute in _THEME_ATTRIBUTES if east_asian or attribute != "eastAsiaTheme"]
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
            fonts.set(_EAST_ASIA, east_asian)
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
    lang = rpr.find(_LANGUAGE)
    if lang is None:
        lang = OxmlElement("w:lang")
        _rpr_children_in_order(rpr, lang)
    lang.set(_VALUE, latin)
    if east_asian:
        lang.set(_EAST_ASIA, east_asian)


def set_language(document: Document, latin: str, east_asian: str | None = None) -> None:
    """Proofing language in docDefaults, every style that names one, and the theme font language."""
    for rpr in _all_style_rprs(document, having="w:lang"):
        _set_lang(rpr, latin, east_asian)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = parse_xml(f"<w:themeFontLang {nsdecls('w')}/>")
        _insert_setting(settings, theme_lang)
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
    namespaces=_NAMESPACES,
)


def tag_runs(document: Document, latin: str, east_asian: str | None = None, east_asian_font: str | None = None) -> None:
    """Every run in the body, headers and footers carries the language (and the East Asian font)."""
    east_asia_theme = qn("w:eastAsiaTheme")
    for root in _story_roots(document):
        for run in _UNTAGGED_RUNS(root, latin=latin, east_asian=east_asian or "", font=east_asian_font or ""):
            rpr = run.find(_RUN_PROPERTIES)
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                run.insert(0, rpr)
            if east_asian_font:
                fonts = rpr.find(_FONTS)
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    _rpr_children_in_order(rpr, fonts)
                fonts.set(_EAST_ASIA, east_asian_font)
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


_STYLE_NAMES = etree.XPath("w:style/w:name[1]/@w:val", namespaces=_NAMESPACES)


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


# ---------------------------------------------------------------- settings and fields


_SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors "
    "activeWritingStyle proofState formsDesign attachedTemplate linkStyles stylePaneFormatFilter "
    "stylePaneSortMethod documentType mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting "
    "documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle "
    "defaultTableStyle evenAndOddHeaders bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
    "drawingGridHorizontalSpacing drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
    "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning characterSpacingControl printTwoOnOne "
    "strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly "
    "useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults "
    "footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType "
    "schemaLibrary shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def _insert_setting(settings: Any, element: Any) -> None:
    """Insert a settings child at its place in the schema's sequence (Word rejects misplaced ones)."""
    local = element.tag.split("}")[1]
    position = _SETTINGS_ORDER.index(local)
    later = {qn(f"w:{name}") for name in _SETTINGS_ORDER[position + 1:]}
    for existing in settings:
        if existing.tag in later:
            existing.addprevious(element)
            return
    settings.append(element)


def update_fields_on_open(document: Document) -> None:
    """Ask Word to refresh fields (the table of contents) when the document is opened."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        _insert_setting(settings, parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A complex field (`PAGE`, `NUMPAGES`, `TOC \\o "1-3"`, …) with `placeholder` as its shown result."""
    begin = paragraph.add_run()
    begin._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    code = paragraph.add_run()
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"/>')
    instr.text = f" {instruction} "
    code._r.append(instr)
    separate = paragraph.add_run()
    separate._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run(xml_safe(placeholder))
    end = paragraph.add_run()
    end._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def field_instructions(element: Any) -> list[str]:
    """The instructions of the complex fields under an element, stripped (`PAGE`, `TOC \\o "1-3" …`)."""
    return [instr.text.strip() for instr in element.iter(qn("w:instrText")) if instr.text]


# ---------------------------------------------------------------- numbered lists that restart


PROCEDURE_LIST_NAME = "sopgen procedure"
PROCEDURE_LEVELS = 9
BULLET_LIST_NAME = "sopgen bullets"


def ensure_numbering_part(document: Document) -> Any:
    """The numbering part's `w:numbering` element; created when a template has none."""
    part = document.part
    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        numbering_part = NumberingPart(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING, element, part.package)
        part.relate_to(numbering_part, RELATIONSHIP_TYPE.NUMBERING)
        return element


def _abstract_list(document: Document, name: str, levels: list[str]) -> int:
    """The id of the abstract list called `name`, added once per document from `levels` (w:lvl XML)."""
    numbering = ensure_numbering_part(document)
    for abstract in numbering.findall(qn("w:abstractNum")):
        found = abstract.find(qn("w:name"))
        if found is not None and found.get(qn("w:val")) == name:
            return int(abstract.get(qn("w:abstractNumId")))
    taken = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(taken, default=-1) + 1
    kind = "multilevel" if len(levels) > 1 else "singleLevel"
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{0x50A90000 + abstract_id:08X}"/><w:multiLevelType w:val="{kind}"/>'
        f'<w:name w:val="{name}"/>{"".join(levels)}</w:abstractNum>'
    )
    existing = numbering.findall(qn("w:abstractNum")) or numbering.findall(qn("w:numPicBullet"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    return abstract_id


def _level(level: int, number_format: str, text: str, left: int, hanging: int) -> str:
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def procedure_numbering(document: Document, indents: tuple[tuple[int, int], ...]) -> int:
    """The abstract id of a multilevel decimal list (1., 1.1., 1.1.1.), added once per document.

    `indents` gives (left, hanging) in twips per level; deeper levels repeat the last.
    """
    levels = [
        _level(level, "decimal", ".".join(f"%{n}" for n in range(1, level + 2)) + ".", *indents[min(level, len(indents) - 1)])
        for level in range(PROCEDURE_LEVELS)
    ]
    return _abstract_list(document, PROCEDURE_LIST_NAME, levels)


def bullet_list(document: Document, indent: tuple[int, int]) -> int:
    """The numId of a plain bullet list (one per document: bullets need no restart)."""
    numbering = ensure_numbering_part(document)
    abstract_id = _abstract_list(document, BULLET_LIST_NAME, [_level(0, "bullet", "\u2022", *indent)])
    for num in numbering.findall(qn("w:num")):
        if int(num.find(qn("w:abstractNumId")).get(qn("w:val"))) == abstract_id:
            return int(num.numId)
    return int(numbering.add_num(abstract_id).numId)


def restarted_list(document: Document, abstract_id: int) -> int:
    """A new `w:num` over the abstract list whose every level starts again at 1; returns its numId."""
    numbering = ensure_numbering_part(document)
    num = numbering.add_num(abstract_id)
    for level in range(PROCEDURE_LEVELS):
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
    return int(num.numId)


# ---------------------------------------------------------------- tables


def border(paragraph: Paragraph, side: str, color: str = "8EA9DB") -> None:
    """A thin rule above or below a paragraph (`side` is "top" or "bottom")."""
    properties = paragraph._p.get_or_add_pPr()
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="4" w:space="4" w:color="{color}"/></w:pBdr>'
    )
    followers = {qn(f"w:{name}") for name in (
        "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
        "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
    for existing in properties:
        if existing.tag in followers:
            existing.addprevious(borders)
            return
    properties.append(borders)


_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def story_snapshot(story: Any) -> list[Any]:
    """Copies of a header's or footer's blocks that show something (text, a logo, a table)."""
    return [
        copy.deepcopy(block)
        for block in story._element
        if block.tag == qn("w:tbl") or "".join(block.itertext()).strip() or block.xpath(".//w:drawing | .//w:pict")
    ]


def copy_story(blocks: Iterable[Any], source_part: Any, story: Any) -> None:
    """Put copies of `blocks` (from `source_part`) into a fresh header or footer, relinking pictures."""
    target_part = story.part
    element = story._element
    for child in list(element):
        element.remove(child)
    for block in blocks:
        clone = copy.deepcopy(block)
        for node in clone.iter():
            for attribute, value in list(node.attrib.items()):
                if not attribute.startswith(f"{{{_RELATIONSHIP_NS}}}") or value not in source_part.rels:
                    continue
                relationship = source_part.rels[value]
                if relationship.is_external:
                    node.set(attribute, target_part.relate_to(relationship.target_ref, relationship.reltype, is_external=True))
                else:
                    node.set(attribute, target_part.relate_to(relationship.target_part, relationship.reltype))
        element.append(clone)


def clear_body(document: Document) -> None:
    """Remove a template's content but keep its final section properties (page set-up, headers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# ---------------------------------------------------------------- blocks written as XML text
#
# python-docx builds every element one child at a time and checks the schema's order of
# siblings on each insertion, which makes a table of a few dozen cells cost milliseconds.
# These functions write the same elements, in the order and with the attributes python-docx
# would give them, as XML text that lxml parses in one go.

_RUN_SPECIALS = re.compile("([\t\r\n])")


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (
        _text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    )


def _run_content(text: str) -> str:
    """Text as python-docx's `Run.text` writes it: a tab is `w:tab`, a line break `w:br`, the rest `w:t`."""
    pieces = _RUN_SPECIALS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,)
    content = []
    for piece in pieces:
        if piece == "\t":
            content.append("<w:tab/>")
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
    """A row that is never split across pages; a header row repeats on every page; `height` is a Length."""

    cells: tuple[TableCell, ...]
    header: bool = False
    height: int | None = None


def table_xml(style_id: str, column_widths: Iterable[int], rows: Iterable[TableRow]) -> str:
    """A left-aligned `w:tbl` of fixed layout in table style `style_id`; widths are Lengths, cells top-aligned."""
    twips = [Emu(width).twips for width in column_widths]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{_attribute(style_id)}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for row in rows:
        height = f'<w:trHeight w:val="{Emu(row.height).twips}"/>' if row.height is not None else ""
        header = "<w:tblHeader/>" if row.header else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{height}{header}</w:trPr>")
        column = 0
        for cell in row.cells:
            width = sum(twips[column:column + cell.span])
            column += cell.span
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{_attribute(cell.fill)}"/>' if cell.fill else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{span}{shading}<w:vAlign w:val="top"/></w:tcPr>'
                f"{cell.paragraphs}</w:tc>"
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

"""Namespaces and element names shared by the WordprocessingML helpers, and text Word can hold."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

# XML 1.0 allows tab, newline and carriage return below U+0020, nothing in the surrogate block,
# and not U+FFFE/U+FFFF; python-docx raises ValueError on anything else.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
RUN, RUN_PROPERTIES, FONTS, LANGUAGE = qn("w:r"), qn("w:rPr"), qn("w:rFonts"), qn("w:lang")
RUN_STYLE, VALUE, EAST_ASIA = qn("w:rStyle"), qn("w:val"), qn("w:eastAsia")
# The children of w:rPr that the schema puts after w:lang.
AFTER_LANGUAGE = frozenset(qn(name) for name in ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"



def xml_safe(text: str) -> str:
    """The text without the characters Word files cannot hold (control characters, lone surrogates)."""
    return NOT_XML.sub("", text)


SETTINGS_ORDER = (
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


def insert_setting(settings: Any, element: Any) -> None:
    """Insert a settings child at its place in the schema's sequence (Word rejects misplaced ones)."""
    local = element.tag.split("}")[1]
    position = SETTINGS_ORDER.index(local)
    later = {qn(f"w:{name}") for name in SETTINGS_ORDER[position + 1:]}
    for existing in settings:
        if existing.tag in later:
            existing.addprevious(element)
            return
    settings.append(element)

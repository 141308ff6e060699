"""Charts in Word documents as printed: each picture fits its page, SVG with a PNG beside it, no text under 6 points."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from sopgen.build.sessions import LanguageSession, RunSettings
from sopgen.charts.folding import MIN_PRINT_POINTS, smallest_font, svg_size

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
EMU_PER_POINT = 12700
TWIPS_PER_POINT = 20
SOPS_WITH_FLOWS = ("returns-refunds", "order-processing")


def embedded_charts(data: bytes) -> list[dict]:
    """Every picture of a .docx: its extent (points), the section's text box it stands in (points), its SVG and PNG parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        relations = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        content_types = package.read("[Content_Types].xml").decode()
        target = {rel.get("Id"): "word/" + rel.get("Target") for rel in relations.findall("rel:Relationship", NS)}
        found, waiting = [], []
        for element in body.iter(f"{{{NS['w']}}}p", f"{{{NS['w']}}}sectPr"):
            if element.tag.endswith("sectPr"):
                size, margins = element.find("w:pgSz", NS), element.find("w:pgMar", NS)
                q = lambda node, name: int(node.get(f"{{{NS['w']}}}{name}")) / TWIPS_PER_POINT  # noqa: E731
                box = (q(size, "w") - q(margins, "left") - q(margins, "right"), q(size, "h") - q(margins, "top") - q(margins, "bottom"))
                for picture in waiting:
                    picture["box"] = box
                waiting = []
                continue
            for inline in element.findall(".//wp:inline", NS):
                extent = inline.find("wp:extent", NS)
                blip = inline.find(".//a:blip", NS)
                svg_blip = blip.find("a:extLst/a:ext/asvg:svgBlip", NS)
                picture = {
                    "extent": (int(extent.get("cx")) / EMU_PER_POINT, int(extent.get("cy")) / EMU_PER_POINT),
                    "png": package.read(target[blip.get(f"{{{NS['r']}}}embed")]),
                    "svg": package.read(target[svg_blip.get(f"{{{NS['r']}}}embed")]) if svg_blip is not None else None,
                }
                found.append(picture)
                waiting.append(picture)
        assert not waiting, "every picture stands in a section"
        assert ("image/svg+xml" in content_types) == any(picture["svg"] for picture in found)
    return found


def assert_readable(picture: dict) -> float:
    """The picture fits its text box and its smallest text prints at 6 points or more; returns that size."""
    assert picture["svg"] is not None, "a chart is embedded as SVG"
    assert picture["png"].startswith(b"\x89PNG"), "with a PNG for older readers"
    width, height = picture["extent"]
    assert width <= picture["box"][0] + 0.5 and height <= picture["box"][1] + 0.5
    drawn_width, drawn_height = svg_size(picture["svg"])
    scale = width / drawn_width
    assert height / drawn_height == pytest.approx(scale, rel=0.01)  # not stretched
    printed = smallest_font(picture["svg"]) * scale
    assert printed >= MIN_PRINT_POINTS - 0.01
    return printed


@pytest.fixture(scope="module")
def sessions(library, demo_profile):
    return {locale: LanguageSession.create(library, demo_profile, locale, RunSettings()) for locale in ("en", "da", "zh_Hant_TW", "id")}


@pytest.mark.parametrize("locale", ["en", "da", "zh_Hant_TW", "id"])
@pytest.mark.parametrize("sop_id", SOPS_WITH_FLOWS)
def test_every_chart_picture_of_a_sop_prints_its_smallest_text_at_6_points_or_more(sessions, library, locale, sop_id):
    data = sessions[locale].sop_document(library.sop(sop_id))
    pictures = embedded_charts(data)
    assert pictures
    for picture in pictures:
        assert_readable(picture)
        assert picture["box"][0] > picture["box"][1], "on a landscape page"


def test_a_long_flow_is_folded_into_bands_with_connector_marks(sessions, library):
    pictures = embedded_charts(sessions["en"].sop_document(library.sop("returns-refunds")))
    assert len(pictures) > 1
    texts = [b" ".join(re.findall(rb">([^<]+)</text>", picture["svg"])).decode() for picture in pictures]
    for number, text in enumerate(texts, start=1):
        assert f"part {number} of {len(pictures)}" in text
    outgoing = {mark for text in texts for mark in re.findall(r"→ ([A-Z]+)\b", text)}
    incoming = {mark for text in texts for mark in re.findall(r"\b([A-Z]+) →", text)}
    assert outgoing and outgoing == incoming  # every mark where an edge leaves a band has its mark where it comes in
    assert sum("Legend" in text for text in texts) == 1


def test_the_caption_comes_once_after_the_last_band(sessions, library):
    data = sessions["en"].sop_document(library.sop("returns-refunds"))
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    paragraphs = body.findall(".//w:body/w:p", NS)
    with_picture = [index for index, p in enumerate(paragraphs) if p.find(".//wp:inline", NS) is not None]
    captions = [index for index, p in enumerate(paragraphs) if "Figure" in "".join(p.itertext())]
    assert len(captions) == 1 and captions[0] == with_picture[-1] + 1


def test_letter_paper_charts_are_readable_too(library, demo_profile):
    profile = demo_profile.model_copy(update={"shop": demo_profile.shop.model_copy(update={"country": "US"})})
    session = LanguageSession.create(library, profile, "en", RunSettings())
    pictures = embedded_charts(session.sop_document(library.sop("returns-refunds")))
    assert pictures and all(picture["box"][0] == pytest.approx(11 * 72 - 2 * 2.2 / 2.54 * 72, abs=1) for picture in pictures)
    for picture in pictures:
        assert_readable(picture)


def test_the_handbook_embeds_every_chart_readable(sessions, library, demo_profile):
    sops = tuple(sop for sop in library.sops if demo_profile.applies(sop.when))
    pictures = embedded_charts(sessions["da"].handbook_document(sops))
    assert len(pictures) > 3
    for picture in pictures:
        assert_readable(picture)

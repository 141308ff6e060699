"""No English sentence survives in a Danish, Chinese or Indonesian document or chart."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree

import pytest

import docx
from sopgen.analysis.figures import analyse
from sopgen.build.sop_views import sop_view
from sopgen.charts.flowchart import flowchart
from sopgen.charts.graphviz_run import render_chart
from sopgen.docx.package import document_bytes
from sopgen.docx.sop import render_sop
from sopgen.docx.views import ChartPicture, DocxOptions
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

SOPS = ("order-processing", "returns-refunds", "data-protection", "product-listing", "customer-service")


def _texts(data: bytes) -> set[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [paragraph.text for paragraph in section.header.paragraphs + section.footer.paragraphs]
    return {" ".join(text.split()) for text in texts if text.strip()}


def _english_sentences(texts: set[str], profile) -> set[str]:
    shop_data = {profile.shop.name, *profile.tools.values(), *profile.team.values()}
    sentences = set()
    for text in texts:
        for value in shop_data:
            text = text.replace(value, "")
        if len(re.findall(r"\b[A-Za-z][a-z]{2,}\b", text)) >= 3:
            sentences.add(text.strip())
    return sentences


def _document(sop_id: str, locale: str, library, profile) -> bytes:
    import datetime as dt

    localization = Localization(Localizer.for_locale(locale, strict=True), profile)
    sop = library.sop(sop_id)
    flow = library.flow(sop.flow) if sop.flow else None
    chart = ChartPicture(render_chart(flowchart(localization.record(flow), analyse(flow), localization.localizer), "png"), "chart") if flow else None
    view = sop_view(sop, library, localization, chart)
    localization.check()
    return document_bytes(render_sop(view, DocxOptions()), dt.datetime(2026, 1, 1))


@pytest.mark.parametrize("locale", ["da", "zh_Hant_TW", "id"])
@pytest.mark.parametrize("sop_id", SOPS)
def test_no_english_sentence_in_a_translated_sop(sop_id: str, locale: str, library, demo_profile):
    english = _english_sentences(_texts(_document(sop_id, "en", library, demo_profile)), demo_profile)
    translated = _texts(_document(sop_id, locale, library, demo_profile))
    assert english, "the English document has no text to compare"
    leftovers = [sentence for sentence in english if any(sentence in text for text in translated)]
    assert leftovers == []


def _svg_texts(svg: bytes) -> set[str]:
    root = ElementTree.fromstring(svg)
    return {" ".join((element.text or "").split()) for element in root.iter() if element.tag.endswith("text") and (element.text or "").strip()}


@pytest.mark.parametrize("locale", ["da", "zh_Hant_TW", "id"])
def test_no_english_words_on_a_translated_chart(locale: str, library, demo_profile):
    flow = library.flow("shopify-owner-va")

    def chart(code: str) -> set[str]:
        localization = Localization(Localizer.for_locale(code, strict=True), demo_profile)
        svg = render_chart(flowchart(localization.record(flow), analyse(flow), localization.localizer), "svg")
        localization.check()
        return _svg_texts(svg)

    english = {text for text in chart("en") if len(re.findall(r"[A-Za-z]{4,}", text)) >= 2}
    leftovers = english & chart(locale)
    assert leftovers == set()

"""Customer message templates in Word, in every language: their own document and the handbook's appendix."""

from __future__ import annotations

import datetime as dt
import io

import pytest

import docx
from sopgen.blueprints.library import builtin_library
from sopgen.blueprints.profile import load_profile
from sopgen.build.sessions import LanguageSession, RunSettings
from sopgen.docx.messages import MARKER_COLOR, render_messages
from sopgen.docx.package import document_bytes

# The fill-in marker of the order number, as each language writes it.
ORDER_NUMBER = {"en": "[order number]", "da": "[ordrenummer]", "zh_Hant_TW": "[訂單編號]", "id": "[nomor pesanan]"}
ITEMS_ORDERED = {"en": "[items ordered]", "da": "[bestilte varer]", "zh_Hant_TW": "[訂購商品]", "id": "[barang yang dipesan]"}
# A built-in template every shop with a web shop gets ("Return approved"), as each language names it.
RETURN_APPROVED = {"en": "Return approved", "da": "Returnering godkendt", "zh_Hant_TW": "退貨已核准", "id": "Retur disetujui"}
APPENDIX = {
    "en": "Appendix: customer message templates",
    "da": "Bilag: beskedskabeloner til kunder",
    "zh_Hant_TW": "附錄：顧客訊息範本",
    "id": "Lampiran: template pesan untuk pelanggan",
}


@pytest.fixture(scope="module")
def sessions():
    profile = load_profile()  # the demo shop: a Danish Shopify shop that also sells on Instagram
    library = builtin_library()
    return {locale: LanguageSession.create(library, profile, locale, RunSettings()) for locale in ORDER_NUMBER}


def _text(document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("locale", ORDER_NUMBER)
def test_the_template_document_is_written_in_the_language_with_its_markers(sessions, locale: str):
    session = sessions[locale]
    document = docx.Document(io.BytesIO(session.messages_document()))
    text = _text(document)
    assert RETURN_APPROVED[locale] in text
    assert ORDER_NUMBER[locale] in text and ITEMS_ORDERED[locale] in text
    other_markers = [marker for other, marker in ORDER_NUMBER.items() if other != locale]
    assert not any(marker in text for marker in other_markers)
    assert "{{" not in text and "}}" not in text and "<built-in" not in text
    assert "Nordlys" in text  # the shop's own name, filled in


@pytest.mark.parametrize("locale", ORDER_NUMBER)
def test_the_handbook_ends_with_the_templates_as_an_appendix(sessions, locale: str, library):
    session = sessions[locale]
    document = docx.Document(io.BytesIO(session.handbook_document((library.sop("returns-refunds"),))))
    headings = [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == "Heading 1"]
    assert headings[-1] == APPENDIX[locale]
    appendix = _text(document).split(APPENDIX[locale], 1)[1]
    assert RETURN_APPROVED[locale] in appendix and ORDER_NUMBER[locale] in appendix


def test_markers_are_set_off_in_bold_colour(sessions):
    document = render_messages(sessions["da"].messages_view, sessions["da"].options)
    runs = [run for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs]
    marked = [run for run in runs if run.text == "[ordrenummer]"]
    assert marked and all(run.bold and str(run.font.color.rgb) == MARKER_COLOR for run in marked)
    plain = [run for run in runs if "Tak for din ordre" in run.text]
    assert plain and not any(run.bold for run in plain)


def test_groups_follow_the_life_of_an_order_and_show_where_each_message_is_used(sessions):
    view = sessions["en"].messages_view
    assert [group.title for group in view.groups] == ["Orders and payment", "Shipping and delivery", "Returns, refunds and complaints", "Reviews"]
    entry = next(entry for group in view.groups for entry in group.entries if entry.message.title == "Return approved")
    assert entry.used_in == (("SOP-PST-003", "Returns and refunds"),)
    document = render_messages(view, sessions["en"].options)
    assert "SOP-PST-003 Returns and refunds" in _text(document)


def test_only_the_messages_that_fit_the_shop(sessions):
    titles = {entry.message.title for group in sessions["en"].messages_view.groups for entry in group.entries}
    assert "Order confirmation in the chat" in titles  # the demo shop sells on Instagram
    assert "Pick-up reminder" in titles
    assert "Pick-up reminder for a convenience-store parcel" not in titles  # no convenience-store carriers in Denmark
    assert "Cash on delivery confirmation" not in titles  # no cash on delivery


def test_the_template_document_is_the_same_bytes_every_time(sessions):
    view = sessions["id"].messages_view
    moment = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.timezone.utc)
    first = document_bytes(render_messages(view, sessions["id"].options), moment)
    assert first == document_bytes(render_messages(view, sessions["id"].options), moment)

"""The SOPs and message templates of issue 21, tailored: each shop gets its platform's, country's and team's words, and no other's."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))
from shops import profile_path, shop_texts  # noqa: E402


@functools.cache
def message_titles(shop: str, language: str = "en") -> frozenset[str]:
    """The titles of the message templates the shop gets, in the language."""
    from sopgen.blueprints.library import builtin_library
    from sopgen.blueprints.profile import load_profile
    from sopgen.build.message_templates import applicable_message_sets
    from sopgen.i18n.locales import parse_locale
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    localization = Localization(Localizer.for_locale(parse_locale(language)), load_profile(profile_path(shop)))
    sets = applicable_message_sets(builtin_library(), localization)
    return frozenset(localization.record(message).title for message_set in sets for message in message_set.messages)


# ---------------------------------------------------------------- which SOPs a shop gets


@pytest.mark.parametrize("shop", ["dk-webshop", "de-neutral", "with-va"])
def test_shops_with_a_web_shop_get_website_development(shop: str):
    assert "website-development" in shop_texts(shop)


@pytest.mark.parametrize("shop", ["tw-shopee", "id-tokopedia", "amazon-only", "social-only"])
def test_shops_without_a_web_shop_do_not(shop: str):
    assert "website-development" not in shop_texts(shop)
    assert "paid-advertising" in shop_texts(shop) and "integrations" in shop_texts(shop)


# ---------------------------------------------------------------- integrations


def test_shopify_shop_reads_shopify_statuses_and_tests_flows():
    text = shop_texts("dk-webshop")["integrations"]
    assert 'fulfillment status "Unfulfilled"' in text and "Run Flow automation" in text
    assert "Processing" not in text and "Manage Orders" not in text and "聊天機器人" not in text
    danish = shop_texts("dk-webshop", "da")["integrations"]
    assert "Integrationer, statusser og automatiseringer" in danish and "»Run Flow automation«" in danish


def test_woocommerce_shop_reads_woocommerce_statuses():
    text = shop_texts("de-neutral")["integrations"]
    assert '"Completed order" email' in text and "WooCommerce > Settings > Emails" in text
    assert "Shopify Flow" not in text and "e-invoice" not in text


def test_tokopedia_shop_reads_the_seller_center_tabs_in_indonesian_text():
    text = shop_texts("id-tokopedia", "id")["integrations"]
    assert "Seller Center > Orders > Manage Orders" in text and "\"Action Needed\"" in text
    assert "Balasan otomatis dan template chat marketplace" in text
    assert "Shopify" not in text and "WooCommerce" not in text


def test_amazon_shop_learns_that_auto_responders_are_no_answer():
    text = shop_texts("amazon-only")["integrations"]
    assert "Undispatched" in text and "Amazon does not count an auto-responder as a response" in text
    assert "Tokopedia" not in text


def test_taiwanese_shop_maps_its_e_invoices_in_chinese():
    text = shop_texts("tw-shopee", "zh-TW")["integrations"]
    assert "電子發票" in text and "手機條碼" in text
    assert "e-conomic" not in text and "Dinero" not in text
    assert "e-invoice" not in shop_texts("dk-webshop")["integrations"]


def test_chat_shop_labels_its_chats():
    text = shop_texts("social-only")["integrations"]
    assert '"waiting for payment"' in text
    assert "seller centre" not in text and "marketplace" not in text


# ---------------------------------------------------------------- paid advertising


def test_danish_shop_gets_the_danish_ad_rules_in_danish():
    text = shop_texts("dk-webshop", "da")["paid-advertising"]
    assert "»begrænset antal«" in text and "»Reklame«" in text and "cookiebanneret" in text
    assert "BPOM" not in text and "消費者保護法" not in text


def test_taiwanese_shop_gets_the_taiwanese_ad_rules():
    text = shop_texts("tw-shopee", "zh-TW")["paid-advertising"]
    assert "《消費者保護法》" in text and "《公平交易法》" in text and "衛生福利部" in text
    assert "begrænset antal" not in text and "BPOM" not in text
    assert "Google Ads" not in text and "Amazon" not in text


def test_indonesian_marketplace_shop_gets_bpom_and_its_marketplaces_ads():
    text = shop_texts("id-marketplaces")["paid-advertising"]
    assert "BPOM izin edar" in text and "GMV Max" in text and "Iklan Pencarian Produk" in text
    assert "Reklame" not in text and "Sponsored Products" not in text
    assert "order confirmation page" not in text  # marketplaces measure their own ads


def test_neutral_shop_checks_its_own_law():
    text = shop_texts("de-neutral")["paid-advertising"]
    assert "how the law of Germany treats reduced prices" in text
    assert "begrænset antal" not in text and "BPOM" not in text and "消費者保護法" not in text
    assert "Google Ads" in text and "Amazon" not in text


def test_amazon_shop_gets_sponsored_products_not_search_ads():
    text = shop_texts("amazon-only")["paid-advertising"]
    assert "Sponsored Products campaign with automatic targeting" in text
    assert "negative keywords for searches that do not buy" not in text  # the web shop's search ads


def test_web_shop_without_marketplaces_books_no_marketplace_ad_costs():
    assert "seller centre" not in shop_texts("dk-webshop")["paid-advertising"]
    assert "seller centre's ad or finance pages" in shop_texts("tw-shopee")["paid-advertising"]


# ---------------------------------------------------------------- team goals, insight, workshop


def test_a_team_with_a_virtual_assistant_reviews_the_assistant():
    text = shop_texts("with-va")["team-goals"]
    assert "Review a virtual assistant on the tasks of their task list" in text
    assert "MUS-samtale" in text  # a Danish team
    assert "Review a virtual assistant" not in shop_texts("dk-webshop")["team-goals"]
    assert "MUS-samtale" not in shop_texts("id-tokopedia")["team-goals"]
    workshop = shop_texts("with-va")["order-flow-mapping"]
    assert "so that the virtual assistant takes part in full" in workshop
    assert "virtual assistant" not in shop_texts("dk-webshop")["order-flow-mapping"]


def test_marketplace_buyers_stay_inside_the_marketplace_in_customer_insight():
    text = shop_texts("id-tokopedia", "id")["customer-insight"]
    assert "jangan pernah menyalinnya ke daftar email" in text
    assert "Orders taken in a chat" not in shop_texts("id-tokopedia")["customer-insight"]
    assert "chat order log" in shop_texts("social-only")["customer-insight"]


def test_the_workshop_turns_the_map_into_a_sopgen_flow():
    text = shop_texts("dk-webshop", "da")["order-flow-mapping"]
    assert "»sopgen flow new«" in text and "»sopgen measure«" in text and "manuelle overdragelser" in text


# ---------------------------------------------------------------- message templates


def test_web_shop_gets_email_templates_and_no_chat_or_store_ones():
    titles = message_titles("dk-webshop")
    assert {"Return approved", "Delayed parcel", "Review request", "Pick-up reminder", "Order confirmation sent by hand"} <= titles
    assert not {"Pick-up reminder for a convenience-store parcel", "Cash on delivery confirmation", "Order confirmation in the chat"} & titles
    assert "Payment reminder for a bank transfer" not in titles  # Danish web shops take no transfers by default


def test_convenience_store_shop_gets_the_store_pick_up_reminder_in_chinese():
    titles = message_titles("tw-shopee", "zh-TW")
    assert "超商取貨提醒" in titles and "在聊天中通知包裹延遲" in titles
    assert "取件提醒" not in titles and "包裹延遲" not in titles  # the e-mails are for web shops


def test_chat_shop_gets_chat_templates_for_transfers():
    titles = message_titles("social-only", "id")
    assert {"Pengingat pembayaran transfer bank lewat chat", "Konfirmasi pesanan lewat chat", "Retur disetujui lewat chat"} <= titles
    assert "Permintaan ulasan" not in titles and "Retur disetujui" not in titles


def test_cod_confirmation_only_outside_the_marketplaces():
    assert "Cash on delivery confirmation" not in message_titles("id-tokopedia")  # COD, but the marketplace confirms
    assert "Cash on delivery confirmation" not in message_titles("social-only")  # no COD offered

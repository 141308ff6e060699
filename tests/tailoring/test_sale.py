"""The sale SOPs fit each sample shop: its country's law, payments, carriers and invoices, its platforms' own screens and its tools."""

from __future__ import annotations

import re

import pytest

from shops import SHOPS, pack_texts, profile_path, shop_texts

SALE_SOPS = ("order-processing", "shipping", "customer-service", "payments", "invoicing")
LANGUAGE = {"dk-webshop": "da", "tw-shopee": "zh_Hant_TW", "id-tokopedia": "id"}


def sale_text(shop: str, language: str = "en", sops: tuple[str, ...] = SALE_SOPS) -> str:
    texts = shop_texts(shop, language)
    missing = [sop for sop in sops if sop not in texts]
    assert not missing, f"{shop} lacks {missing}"
    return "\n".join(texts[sop] for sop in sops)


def assert_has(text: str, *terms: str) -> None:
    absent = [term for term in terms if term not in text]
    assert not absent, f"missing: {absent}"


def assert_lacks(text: str, *words: str) -> None:
    """Each word is looked for as a whole word (CJK terms as a plain substring)."""
    found = [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) or (not word.isascii() and word in text)]
    assert not found, f"must not appear: {found}"


# ---- countries ------------------------------------------------------------------------------

DK_ONLY = ("MobilePay", "Dankort", "moms", "CVR", "pakkeshop", "GLS", "bogføringsloven", "standardfortrydelsesformular")
TW_ONLY = ("統一發票", "電子發票", "載具", "折讓", "7-ELEVEN", "蝦皮店到店", "超商取貨付款", "後五碼")
ID_ONLY = ("resi", "Harbolnas", "QRIS", "PKP", "PPN", "mutasi rekening", "kode unik", "Bayar di Tempat", "Lebaran", "Coretax", "UU PDP")


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_danish_web_shop_gets_danish_payment_carrier_and_invoice_practice(language: str):
    text = sale_text("dk-webshop", language)
    # cards and MobilePay are reserved at checkout and captured at dispatch; no card fees; Dankort's own agreement
    assert_has(text, "MobilePay", "Dankort", "Vipps", "Nets")
    assert_has(text, *{"en": ("captured when the goods are sent", "Danish law bans such fees"),
                       "da": ("først hæves, når varerne sendes", "dansk lov forbyder sådanne gebyrer")}[language])
    # carriers with their pick-up points
    assert_has(text, "GLS Shop Delivery", "PostNord", "daoSHOP", "Insured Items (Værdi)")
    # invoices, credit notes, digital bookkeeping and OSS; the withdrawal form in the order confirmation
    assert_has(text, "CVR", "kreditnota", "bogføringsloven", "Moms One Stop Shop", "TastSelv Erhverv", "standardfortrydelsesformular")
    assert_lacks(text, *TW_ONLY, *ID_ONLY, "個資法", "Tokopedia")


@pytest.mark.parametrize("language", ["en", "zh_Hant_TW"])
def test_a_taiwanese_shopee_seller_gets_uniform_invoices_and_store_pick_up(language: str):
    text = sale_text("tw-shopee", language)
    assert_has(text, "統一發票", "電子發票", "載具", "統一編號", "捐贈碼", "作廢", "折讓", "einvoice.nat.gov.tw")
    assert_has(text, "7-ELEVEN", "蝦皮店到店", "逾期未取", "聊聊", "安排出貨", "備貨天數")
    assert_has(text, {"en": "a court has ruled", "zh_Hant_TW": "法院已判決"}[language])
    assert_has(text, {"en": "Shopee's Taiwanese seller centre", "zh_Hant_TW": "蝦皮賣家中心"}[language])
    assert_lacks(text, *DK_ONLY, *ID_ONLY, "fortrydelsesret", "GDPR", "Tokopedia")


@pytest.mark.parametrize("language", ["en", "id"])
def test_an_indonesian_tokopedia_seller_gets_resi_cod_and_tax_practice(language: str):
    text = sale_text("id-tokopedia", language)
    assert_has(text, "Tokopedia & TikTok Shop Seller Center", "Dalam Pengiriman", "Late Dispatch Rate", "resi", "Ship by Seller")
    assert_has(text, "COD", "Bayar di Tempat", "saldo penjual", "To Settle")
    assert_has(text, "Lebaran", "Idul Fitri", "Ramadan")
    assert_has(text, "PKP", "PPN", "Rp4,8 miliar", "PPh Final", "PP 55/2022", "PMK 37/2025", "UU PDP")
    assert_lacks(text, *DK_ONLY, *TW_ONLY, "GDPR", "Unfulfilled", "Seller Central")


def test_a_shop_in_a_country_sopgen_does_not_know_gets_neutral_checks_and_no_law():
    text = sale_text("de-neutral")
    assert_has(
        text,
        "Ask the accountant or the tax office of Germany",
        "the tax rules of Germany require",
        "the data protection law of Germany",
        "From your carrier agreements",
        "check your country's consumer rules whether a fee for a payment method is allowed",
    )
    assert_lacks(
        text, *DK_ONLY, *TW_ONLY, *ID_ONLY, "GDPR", "Forbrugerombudsmanden", "Skattestyrelsen", "個資法", "1950",
        "Nævnenes Hus", "BPSK",
    )
    # the neutral shop's WooCommerce and bank transfers still get their platform's statuses
    assert_has(text, '"Processing"', '"On hold"', "Match bank transfers against the bank statement")


@pytest.mark.parametrize("shop", ["dk-webshop", "woo-mailchimp", "shopify-store", "amazon-only", "with-va", "tw-shopee", "tw-shopee-momo-site"])
def test_resi_and_indonesian_campaigns_stay_in_indonesia(shop: str):
    assert_lacks(sale_text(shop), "resi", "Harbolnas", "Lebaran", "mutasi rekening", "Bayar di Tempat")


@pytest.mark.parametrize("shop", ["dk-webshop", "woo-mailchimp", "shopify-store", "amazon-only", "with-va", "id-tokopedia", "id-marketplaces", "social-only", "de-neutral"])
def test_uniform_invoices_and_store_pick_up_stay_in_taiwan(shop: str):
    assert_lacks(sale_text(shop), "統一發票", "電子發票", "7-ELEVEN", "超商取貨付款", "後五碼")


@pytest.mark.parametrize("shop", ["tw-shopee", "tw-shopee-momo-site", "id-tokopedia", "id-marketplaces", "social-only", "de-neutral"])
def test_danish_payments_and_law_stay_in_denmark(shop: str):
    assert_lacks(sale_text(shop), "MobilePay", "Dankort", "moms", "CVR", "GDPR", "pakkeshop", "kreditnota", "Forbrugerklagenævnet")


def test_marketplace_only_shops_get_no_payment_method_steps_for_their_own_checkout():
    for shop in ("tw-shopee", "id-tokopedia", "amazon-only"):
        text = sale_text(shop)
        assert_lacks(text, "QRIS fees in Indonesia", "Payment deadlines in Taiwan", "No card fees in Denmark", "Take card payments at the right moment")
        assert_has(text, "Reconcile marketplace payouts and withdraw the balance", "The marketplace refunds its buyers")


# ---- platforms -----------------------------------------------------------------------------

SHOPIFY_WORDS = ('"Unfulfilled"', '"Mark as fulfilled"', "Shopify admin", "Paid, not fulfilled")
WOO_WORDS = ('"Processing"', '"On hold"', "WooCommerce > Orders")
AMAZON_WORDS = ("Seller Central", '"Unshipped"', "Confirm shipment", "Buyer-Seller Messages", "FBA")
ETSY_WORDS = ("Shop Manager > Orders & Shipping", '"ship by"', "Help request")
ASIAN_MARKETPLACE_WORDS = ("Tokopedia & TikTok Shop Seller Center", "Atur Pengiriman", "Ready to Ship", "蝦皮", "聊聊", "店+", "Nomor Resi")


def test_woocommerce_shop_gets_woocommerce_statuses_and_zendesk_not_shopify():
    text = sale_text("woo-mailchimp")
    assert_has(text, *WOO_WORDS, '"Completed"', '"Completed order"')
    assert_has(text, '"Pending"', '"On-hold"', '"Solved"', "Unassigned tickets", "SLA")
    assert_lacks(text, '"Paid"', "order's timeline", "Gorgias", "snooze", *SHOPIFY_WORDS, *AMAZON_WORDS, *ETSY_WORDS)
    danish = sale_text("woo-mailchimp", "da")
    assert_has(danish, "»Processing«", "»On hold«", "»Completed«", "»Pending«")
    assert "»Unfulfilled«" not in danish and "tidslinje" not in danish


def test_shopify_shop_gets_shopify_statuses_gorgias_and_no_woocommerce():
    text = sale_text("shopify-store")
    assert_has(text, '"Paid"', '"Unfulfilled"', '"Mark as fulfilled"', "Settings > Payments", '"Automatically when order is fulfilled"')
    assert_has(text, '"Open" and "Closed"', "snooze", "Customer Timeline", "orange eye")
    assert_lacks(text, "WooCommerce", '"Processing"', "Zendesk", '"Solved"', "On-hold", *AMAZON_WORDS, *ETSY_WORDS)
    danish = sale_text("shopify-store", "da")
    assert_has(danish, "»Unfulfilled«", "»Mark as fulfilled«", "»Open« og »Closed«")
    assert "»Processing«" not in danish


def test_amazon_only_shop_gets_seller_central_and_no_other_platform():
    text = sale_text("amazon-only")
    assert_has(text, *AMAZON_WORDS, "Account Health", "FBM", '"Pending"', "Late Shipment Rate", "Valid Tracking Rate", "Cancellation Rate")
    assert_lacks(
        text, "resi", "Match bank transfers against the bank statement", "Match the transfer", "Record a packing video for marketplace orders",
        "Chat response rate shown by the marketplace", "Shopify", "WooCommerce", *ETSY_WORDS, *ASIAN_MARKETPLACE_WORDS,
    )


def test_indonesian_marketplace_seller_gets_each_seller_centre():
    text = sale_text("id-marketplaces")
    assert_has(text, "Tokopedia & TikTok Shop Seller Center", '"Action Needed"', '"To Ship"', "12-Hour Response Rate")
    assert_has(text, "Shopee Seller Centre", "Atur Pengiriman", "Garansi Shopee", "Pesanan Diterima")
    assert_has(text, "Lazada Seller Center", '"Ready to Ship"', "Carrier Manifest")
    assert_has(text, "Blibli Seller Center", "Nomor Resi (AWB)", "Fulfill Order")
    assert_has(text, "Instagram and Facebook messages", "Record a packing video for marketplace orders")
    assert_lacks(text, *AMAZON_WORDS, *ETSY_WORDS, *SHOPIFY_WORDS, "WooCommerce", "蝦皮", "聊聊", "店+")
    assert_has(sale_text("id-marketplaces", "id"), "Tokopedia & TikTok Shop Seller Center", "Atur Pengiriman", "resi")


def test_taiwanese_shop_with_momo_and_own_site_gets_their_back_offices():
    text = sale_text("tw-shopee-momo-site")
    assert_has(text, "安排出貨", "聊聊", "momo 店+", "momo商店規則中心", "Other web shop platforms", "超商取貨付款")
    assert_lacks(text, "Tokopedia", "Atur Pengiriman", "Garansi Shopee", *AMAZON_WORDS, *SHOPIFY_WORDS, "WooCommerce", "resi")
    chinese = sale_text("tw-shopee-momo-site", "zh_Hant_TW")
    assert_has(chinese, "蝦皮賣家中心", "momo 店+", "超商取貨付款", "統一發票")


def test_chat_only_shop_checks_transfers_and_gets_no_marketplace_or_web_shop_steps():
    text = sale_text("social-only")
    assert_has(text, "Orders by chat", "mutasi rekening", "kode unik", "bukti transfer", "QRIS for chat orders")
    assert_has(text, "WhatsApp Business app", "quick replies", "Instagram and Facebook messages", "cek resi", "JNE")
    assert_lacks(
        text, "Marketplace messages", "Seller Center", "Seller Centre", "Garansi Shopee", "Reconcile marketplace payouts",
        *SHOPIFY_WORDS, *WOO_WORDS, "Take card payments at the right moment",
    )


def test_shop_with_shopify_and_etsy_gets_both_platforms_parts():
    text = sale_text("with-va")
    assert_has(text, '"Unfulfilled"', '"Mark as fulfilled"', *ETSY_WORDS, "Customer service stats")
    assert_lacks(text, *AMAZON_WORDS, *WOO_WORDS, "resi", "Chat response rate shown by the marketplace")


# ---- team and tools ------------------------------------------------------------------------

VA_AUTHORITY = "Know what the virtual assistant decides alone"


def test_the_virtual_assistants_authority_is_written_only_where_there_is_one():
    text = sale_text("with-va")
    assert_has(text, VA_AUTHORITY, "The assistant may decide alone", "The assistant always passes on", "The virtual assistant may see payments")
    assert_has(sale_text("with-va", "da"), "Kend, hvad den virtuelle assistent må beslutte alene")
    for shop in SHOPS:
        if shop != "with-va":
            assert VA_AUTHORITY not in sale_text(shop), shop


EXAMPLE_AFTER_TOOL = {
    "en": ("{tool} (for example", "{tool} (such as"),
    "da": ("{tool} (fx", "{tool} (f.eks."),
    "zh_Hant_TW": ("{tool}（例如", "{tool} （例如"),
    "id": ("{tool} (misalnya", "{tool} (contohnya"),
}


@pytest.mark.parametrize("shop", ["woo-mailchimp", "shopify-store"])
@pytest.mark.parametrize("language", ["en", "da", "zh_Hant_TW", "id"])
def test_a_named_tool_is_never_followed_by_examples(shop: str, language: str):
    from sopgen.blueprints.profile import load_profile

    text = sale_text(shop, language)
    tools = load_profile(profile_path(shop)).tools.values()
    assert tools
    found = [tool for tool in tools for pattern in EXAMPLE_AFTER_TOOL[language] if pattern.format(tool=tool) in text]
    assert not found


def test_each_help_desk_gets_its_own_procedure():
    assert "Apply the macro" in sale_text("woo-mailchimp") and "Apply the macro" not in sale_text("shopify-store")
    assert "snooze" in sale_text("shopify-store") and "snooze" not in sale_text("woo-mailchimp")
    assert "Work in the help desk" not in sale_text("dk-webshop")


def test_without_a_shipping_tool_labels_are_booked_on_the_carriers_portal():
    text = sale_text("dk-webshop")
    assert_has(text, "Book each parcel on the carrier's own business portal", "Without a shipping tool")
    assert_lacks(text, "Shipmondo", "Sendcloud", "ShipStation")


def test_the_pack_carries_the_new_payments_and_invoicing_sops():
    texts = pack_texts("id-tokopedia", "id")
    payments = next(text for name, text in texts.items() if name.startswith("SOP-SAL-007"))
    invoicing = next(text for name, text in texts.items() if name.startswith("SOP-SAL-008"))
    assert "Pembayaran" in payments and "saldo penjual" in payments
    assert "Invoice dan pajak" in invoicing and "Coretax DJP" in invoicing and "PPh Final" in invoicing


def test_payments_and_invoicing_are_sale_sops_with_their_own_numbers(library):
    sale = {sop.id: sop.number for sop in library.sops if sop.phase == "sale"}
    assert sale["payments"] == 7 and sale["invoicing"] == 8
    assert len(set(sale.values())) == len(sale), sale
    assert 10 <= len(library.sop("order-processing").steps) <= 15
    assert all(library.sop(sop_id).updated is not None for sop_id in SALE_SOPS)


def _own_shop_texts(folder, *answers: str, language: str = "en") -> str:
    """The sale SOPs of a shop made here with `sopgen init`, for a choice the sample shops do not cover."""
    from typer.testing import CliRunner

    from sopgen.blueprints.library import builtin_library
    from sopgen.blueprints.placeholders import translatable_texts
    from sopgen.blueprints.profile import load_profile
    from sopgen.blueprints.tailoring import tailor
    from sopgen.cli.app import app
    from sopgen.i18n.locales import parse_locale
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    path = folder / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(path), "--effective", "2027-03-01", *answers])
    assert result.exit_code == 0, result.output
    profile = load_profile(path)
    localization = Localization(Localizer.for_locale(parse_locale(language)), profile)
    library = builtin_library()
    parts = []
    for sop_id in SALE_SOPS:
        tailored = tailor(library.sop(sop_id), profile)
        parts += [text for _where, text, _source in translatable_texts(localization.record(tailored))]
    return "\n".join(parts)


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_danish_shop_without_mobilepay_reads_nothing_about_it(tmp_path, language: str):
    text = _own_shop_texts(tmp_path, "--name", "Kort og Godt", "--country", "DK", "--channels", "woocommerce", "--payments", "card,dankort,bank-transfer", language=language)
    assert_lacks(text, "MobilePay", "Vipps")
    assert_has(text, "Dankort", "Nets")
    # bank transfer is prepayment, agreed in the terms, and waits in WooCommerce's "On hold"
    assert_has(text, *{"en": ("Bank transfer means payment in advance", '"On hold"'), "da": ("Bankoverførsel betyder forudbetaling", "»On hold«")}[language])

"""Pre-sale, marketing and platform-rules SOPs fit each sample shop: its channels, tools and country, nothing else."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import pytest

from shops import SHOPS, pack_texts, shop_texts

AREA = (
    "market-research", "product-development", "product-listing", "pricing", "sales-channels",
    "supplier-management", "inventory-control", "website-maintenance",
    "email-marketing", "social-media", "promotions", "platform-rules",
)
LANGUAGES = ("en", "da", "zh_Hant_TW", "id")
DK_SHOPS = ("dk-webshop", "woo-mailchimp", "shopify-store", "amazon-only", "with-va")
TW_SHOPS = ("tw-shopee", "tw-shopee-momo-site")
ID_SHOPS = ("id-tokopedia", "id-marketplaces", "social-only")


def area_text(shop: str, language: str = "en") -> str:
    texts = shop_texts(shop, language)
    return "\n".join(texts[sop] for sop in AREA if sop in texts)


def sop(shop: str, sop_id: str, language: str = "en") -> str:
    texts = shop_texts(shop, language)
    assert sop_id in texts, f"{shop} gets no {sop_id}"
    return texts[sop_id]


@functools.cache
def extra_shop_texts(*init_args: str, language: str = "en") -> dict[str, str]:
    """A shop the sample set lacks (Taobao, Bukalapak), made with `init` like the others."""
    from typer.testing import CliRunner

    from sopgen.blueprints.library import builtin_library
    from sopgen.blueprints.placeholders import translatable_texts
    from sopgen.blueprints.profile import load_profile
    from sopgen.blueprints.tailoring import tailor
    from sopgen.cli.app import app
    from sopgen.i18n.locales import parse_locale
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    path = Path(tempfile.mkdtemp(prefix="sopgen-presale-")) / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(path), *init_args])
    assert result.exit_code == 0, result.output
    profile = load_profile(path)
    localization = Localization(Localizer.for_locale(parse_locale(language)), profile)
    texts = {}
    for blueprint in builtin_library().sops:
        tailored = tailor(blueprint, profile)
        if tailored is not None:
            texts[blueprint.id] = "\n".join(text for _where, text, _source in translatable_texts(localization.record(tailored)))
    return texts


# ---- web shops: the website SOP and every checkout step only where there is a web shop


@pytest.mark.parametrize("shop", ["amazon-only", "social-only", "tw-shopee", "id-tokopedia", "id-marketplaces"])
def test_shops_without_a_web_shop_get_no_website_sop(shop):
    assert "website-maintenance" not in shop_texts(shop)


@pytest.mark.parametrize("shop", ["dk-webshop", "woo-mailchimp", "shopify-store", "tw-shopee-momo-site", "de-neutral"])
def test_web_shops_get_the_website_sop(shop):
    assert "Test the checkout" in sop(shop, "website-maintenance")


@pytest.mark.parametrize("shop", ["amazon-only", "social-only"])
def test_no_checkout_steps_without_a_web_shop(shop):
    text = area_text(shop)
    for web_shop_step in (
        "go through checkout", "Test the checkout", "checkout link", "Test order in the web shop",
        "Abandoned cart", "Create the product in the web shop", "Set up the own web shop", "Create the discount codes",
        "Shipping costs must be visible before checkout", "Shopify admin", "compare-at price", "WooCommerce product data",
    ):
        assert web_shop_step not in text, (shop, web_shop_step)


def test_the_amazon_only_pack_has_no_website_document():
    documents = pack_texts("amazon-only", "en")
    assert not [name for name in documents if "website-maintenance" in name]
    assert "Website maintenance" not in documents["handbook-en.docx"]
    platform_rules = documents["SOP-GEN-004-platform-rules.docx"]
    assert "Platform rules and violations" in platform_rules and "Account Health" in platform_rules


def test_marketplace_only_shops_get_no_email_marketing_sop():
    assert "email-marketing" not in shop_texts("amazon-only")
    assert "email-marketing" not in shop_texts("tw-shopee")
    assert "email-marketing" in shop_texts("social-only")


# ---- the physical store with a POS


def test_shopify_store_gets_the_store_and_web_shop_stock_sync():
    text = sop("shopify-store", "inventory-control")
    assert "Keep the store and the web shop on the same stock" in text
    assert '"Fulfill online orders from this location"' in text
    assert "Check before opening" in text and "Check after closing" in text
    assert "match the day report of Shopify POS" in text
    assert "book a transfer between the two locations in the inventory system" in text
    danish = sop("shopify-store", "inventory-control", "da")
    assert "Tjek før åbning" in danish and "dagsrapporten fra Shopify POS" in danish


def test_the_till_is_not_the_inventory_system():
    assert "purchase order in Shopify POS" not in sop("shopify-store", "supplier-management")
    assert "Create the purchase order in the inventory system" in sop("shopify-store", "supplier-management")


@pytest.mark.parametrize("shop", ["dk-webshop", "woo-mailchimp", "amazon-only", "id-marketplaces"])
def test_shops_without_a_store_get_no_store_checks(shop):
    text = area_text(shop)
    assert "Check before opening" not in text
    assert "Set up the physical store as a channel" not in text


# ---- tools: each named tool its own steps, never "for example" after it


def test_mailchimp_shop_gets_customer_journeys_and_no_klaviyo():
    text = sop("woo-mailchimp", "email-marketing")
    assert "Customer Journeys" in text and '"Signs up for Email"' in text
    assert "One audience in Mailchimp" in text
    assert "Klaviyo" not in area_text("woo-mailchimp")
    assert "Customer Journeys" in sop("woo-mailchimp", "email-marketing", "da")


def test_klaviyo_shop_gets_klaviyo_flows_and_no_mailchimp():
    text = sop("shopify-store", "email-marketing")
    assert '"Placed Order zero times since starting this flow"' in text
    assert "Don't send to" in text
    assert "Mailchimp" not in area_text("shopify-store")


def test_schedulers_get_their_own_step():
    assert "Buffer puts each post into the queue" in sop("woo-mailchimp", "social-media")
    assert "Later's calendar" not in sop("woo-mailchimp", "social-media")
    assert "Later's calendar" in sop("shopify-store", "social-media")
    assert "Buffer puts" not in sop("shopify-store", "social-media")


@pytest.mark.parametrize("shop", sorted(SHOPS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_never_for_example_after_a_tool(shop, language):
    text = area_text(shop, language)
    example = r"\s*[(（]\s*(for example|e\.g\.|fx|f\.eks\.|例如|misalnya|contohnya)"
    for tool in ("Mailchimp", "Klaviyo", "Buffer", "Later", "Zendesk", "Gorgias", "Shopify POS", "Hootsuite"):
        assert not re.search(re.escape(tool) + example, text), (shop, language, tool)
    assert not re.search(r"(for example|例如|misalnya|fx|f\.eks\.)\s+(Klaviyo|Later|Buffer|Gorgias)", text), (shop, language)


# ---- countries: Indonesia's days and registrations only for Indonesian shops


@pytest.mark.parametrize("shop", ID_SHOPS)
def test_indonesian_shops_get_harbolnas_and_bpom(shop):
    assert "Harbolnas on 12.12" in sop(shop, "promotions")
    assert "Ramadan" in sop(shop, "promotions")
    assert "BPOM notification number" in sop(shop, "product-listing")
    assert "halal" in sop(shop, "product-listing")
    indonesian = area_text(shop, "id")
    assert "Harbolnas pada 12.12" in indonesian and "cekbpom.pom.go.id" in indonesian


@pytest.mark.parametrize("shop", DK_SHOPS + TW_SHOPS + ("de-neutral",))
@pytest.mark.parametrize("language", ["en", "da", "zh_Hant_TW"])
def test_other_shops_get_no_indonesian_days_or_registrations(shop, language):
    text = area_text(shop, language)
    for word in ("Harbolnas", "BPOM", "P-IRT", "Lebaran", "PPN", "PKP", "Permendag", "izin edar", "QRIS"):
        assert word not in text, (shop, language, word)


@pytest.mark.parametrize("shop", DK_SHOPS + ID_SHOPS + ("de-neutral",))
def test_taiwanese_rules_only_for_taiwanese_shops(shop):
    text = area_text(shop) + area_text(shop, "zh_Hant_TW")
    for word in ("BSMI", "雙11", "營業稅", "統一編號", "七天鑑賞期", "商品標示法"):
        assert word not in text, (shop, word)


@pytest.mark.parametrize("shop", TW_SHOPS)
def test_taiwanese_shops_get_their_tax_labels_and_shopping_day(shop):
    assert "5 % business tax" in sop(shop, "pricing")
    assert "BSMI" in sop(shop, "product-listing")
    assert "Singles' Day on 11 November" in sop(shop, "promotions")
    chinese = area_text(shop, "zh_Hant_TW")
    assert "營業稅" in chinese and "商品檢驗標識" in chinese and "雙11" in chinese
    assert "七天鑑賞期" in chinese


# ---- Denmark: the 30-day before-price, card fees, consent and influencer marking


def test_dk_webshop_gets_the_30_day_before_price_rule():
    pricing = sop("dk-webshop", "pricing")
    assert "the lowest price the product had in the 30 days before the reduction" in pricing
    assert "may not charge consumers a fee for paying with Dankort" in pricing
    assert "25 % moms" in pricing
    assert "The 30-day førpris" in sop("dk-webshop", "promotions")
    danish = sop("dk-webshop", "pricing", "da")
    assert "den laveste pris, produktet har haft i de 30 dage før prisnedsættelsen" in danish
    assert "Dankort" in danish


@pytest.mark.parametrize("shop", TW_SHOPS + ID_SHOPS)
def test_the_danish_rules_stay_in_denmark(shop):
    english = area_text(shop)
    for word in ("førpris", "Dankort", "moms", "markedsføringsloven", "Reklame", "Forbrugerombudsmanden", "Center for Klageløsning", "30 days before the reduction"):
        assert word not in english, (shop, word)
    # Danish calls every before price a førpris and every VAT moms; the Danish law itself must still stay out.
    danish = area_text(shop, "da")
    for word in ("Dankort", "markedsføringslovens", "Forbrugerombudsmanden", "Center for Klageløsning", "30 dage før prisnedsættelsen"):
        assert word not in danish, (shop, word)


def test_danish_consent_and_influencer_rules():
    assert "section 10 of the Marketing Practices Act" in sop("woo-mailchimp", "email-marketing")
    assert "markedsføringslovens § 10" in sop("woo-mailchimp", "email-marketing", "da")
    assert '"Reklame" or "Annonce"' in sop("dk-webshop", "social-media")
    assert "»Reklame« eller »Annonce«" in sop("dk-webshop", "social-media", "da")


def test_indonesian_prices_follow_pkp_status():
    assert "adds no PPN to its prices" in sop("id-tokopedia", "pricing")
    assert "As a PKP" not in sop("id-tokopedia", "pricing")
    pkp = extra_shop_texts("--name", "Toko PKP", "--country", "ID", "--channels", "tokopedia", "--invoicing", "vat-registered")
    assert "divided by 1.11" in pkp["pricing"]


# ---- sales channels: the country's own list, never Bukalapak


def test_each_country_gets_its_own_channel_list():
    assert "List Shopee, Tokopedia and TikTok Shop" in sop("id-tokopedia", "sales-channels")
    assert "蝦皮購物 (Shopee Taiwan), momo購物網" in sop("tw-shopee", "sales-channels")
    danish_list = sop("dk-webshop", "sales-channels")
    assert "Etsy for handmade and vintage goods" in danish_list
    for foreign in ("Tokopedia", "Shopee", "Lazada", "Blibli", "momo", "PChome"):
        assert foreign not in danish_list, foreign


@pytest.mark.parametrize("shop", sorted(SHOPS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_bukalapak_is_never_proposed(shop, language):
    assert "Bukalapak" not in area_text(shop, language)


def test_a_shop_still_on_bukalapak_is_told_to_close_it():
    texts = extra_shop_texts("--name", "Toko Lama", "--country", "ID", "--channels", "bukalapak,tokopedia")
    assert "Bukalapak stopped selling physical goods in February 2025" in texts["sales-channels"]


def test_taobao_and_jd_are_named_for_shops_selling_there():
    texts = extra_shop_texts("--name", "兩岸選物", "--country", "TW", "--channels", "taobao,jd,shopee-tw")
    assert "Taobao and Tmall shops are run from 千牛" in texts["sales-channels"]
    assert "违规扣分" in texts["platform-rules"]
    assert "Taobao" not in sop("tw-shopee", "sales-channels") + sop("tw-shopee", "platform-rules")


# ---- platform rules: each platform's part only for shops on it


def test_platform_rules_only_for_marketplace_shops():
    for shop in ("dk-webshop", "de-neutral", "woo-mailchimp", "shopify-store", "social-only"):
        assert "platform-rules" not in shop_texts(shop), shop


def test_amazon_shop_gets_account_health_and_nothing_of_other_platforms():
    text = sop("amazon-only", "platform-rules")
    assert "Open Performance > Account Health" in text and "A-to-z Guarantee Claims" in text
    assert "plan of action" in text
    for other in ("Shop Health", "Etsy", "Shopee", "Tokopedia", "Lazada", "Taobao", "momo", "PChome", "eBay"):
        assert other not in text, other


def test_etsy_shop_gets_etsy_standards_only():
    text = sop("with-va", "platform-rules")
    assert "Customer service stats" in text and "help request within 48 hours" in text
    for other in ("Account Health", "Shop Health", "Shopee", "Tokopedia", "momo"):
        assert other not in text, other


def test_indonesian_marketplace_shop_gets_violation_and_penalty_points():
    text = sop("id-marketplaces", "platform-rules")
    assert "Seller Center > Shop Health" in text and "Catatan Pelanggaran" in text
    assert "Each violation can be appealed at most twice" in text
    assert "Shopee penalty points" in text and "Lazada and Blibli" in text
    for other in ("Amazon", "Etsy", "Taobao", "momo", "PChome", "eBay"):
        assert other not in text, other
    assert "poin pelanggaran" in sop("id-marketplaces", "platform-rules", "id")


def test_taiwanese_marketplace_shop_gets_momo_and_shopee_parts():
    text = sop("tw-shopee-momo-site", "platform-rules")
    assert "momo商店規則中心" in text and "違規下架" in text and "Shopee" in text
    for other in ("Tokopedia", "TikTok Shop", "Amazon", "Etsy", "Taobao", "Indonesia"):
        assert other not in text, other
    assert "法遵紀錄表" in sop("tw-shopee-momo-site", "platform-rules", "zh_Hant_TW")


def test_platform_rules_is_a_numbered_lifecycle_sop(library):
    platform_rules = next(blueprint for blueprint in library.sops if blueprint.id == "platform-rules")
    assert (platform_rules.phase, platform_rules.number) == ("lifecycle", 4)
    numbers = [(blueprint.phase, blueprint.number) for blueprint in library.sops]
    assert numbers.count(("lifecycle", 4)) == 1


# ---- social channels


def test_instagram_checkout_is_explained_per_shop():
    assert "Checkout inside Instagram and Facebook is open only to businesses in the United States" in sop(
        "id-marketplaces", "social-media"
    )
    assert "Product tags must lead to a website the shop owns, so the shop cannot tag products" in sop("social-only", "social-media")
    assert "Product tags send buyers to the product page" not in sop("social-only", "social-media")


def test_chat_channels_get_their_own_steps():
    social_only = sop("social-only", "social-media")
    assert "Work the WhatsApp Business chats" in social_only
    assert "LINE official account" not in social_only
    assert "Add the product to the WhatsApp Business catalogue" in sop("social-only", "product-listing")
    assert "Permendag 31/2023" in sop("social-only", "sales-channels")

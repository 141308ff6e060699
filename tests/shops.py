"""Sample shops made as a user makes them (`sopgen init --no-input …`), and what their packs say.

Tailoring tests use these: one shop per country sopgen knows, one it does not, and the shops of
the platform and tool issue. `shop_texts` gives every tailored, localized SOP's words without
rendering Word (fast); `pack_texts` runs the real `sopgen pack` and reads the documents back.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

SHOPS: dict[str, list[str]] = {
    # One shop per country sopgen knows, made with the country and the channels only.
    "dk-webshop": ["--name", "Nordlys Sko", "--country", "DK", "--channels", "shopify"],
    "tw-shopee": ["--name", "小巷選物", "--country", "TW", "--channels", "shopee-tw"],
    "id-tokopedia": ["--name", "Toko Batik Sari", "--country", "ID", "--channels", "tokopedia"],
    # A country sopgen has no knowledge of: the neutral default.
    "de-neutral": ["--name", "Waldholz", "--country", "DE", "--channels", "woocommerce", "--languages", "en"],
    # The platform and tool shops.
    "woo-mailchimp": [
        "--name", "Hyggelig Hjem", "--country", "DK", "--channels", "woocommerce",
        "--tool", "email_marketing=Mailchimp", "--tool", "social_scheduling=Buffer", "--tool", "helpdesk=Zendesk",
    ],
    "shopify-store": [
        "--name", "Fjord Tekstil", "--country", "DK", "--channels", "shopify,physical-store",
        "--tool", "email_marketing=Klaviyo", "--tool", "helpdesk=Gorgias", "--tool", "social_scheduling=Later",
        "--tool", "pos=Shopify POS",
    ],
    "id-marketplaces": [
        "--name", "Rumah Tenun", "--country", "ID", "--channels", "tokopedia,shopee,lazada,blibli,tiktok-shop,instagram",
    ],
    "tw-shopee-momo-site": ["--name", "山居茶坊", "--country", "TW", "--channels", "shopee-tw,momo,own-webshop"],
    "amazon-only": ["--name", "Northwind Gadgets", "--country", "DK", "--channels", "amazon", "--languages", "en"],
    "social-only": [
        "--name", "Kain Kita", "--country", "ID", "--channels", "instagram,whatsapp", "--payments", "bank-transfer,qris",
    ],
    "with-va": [
        "--name", "Lys og Ler", "--country", "DK", "--channels", "shopify,etsy", "--team", "va=Rina", "--team", "shop-owner=Mette",
    ],
}


@functools.cache
def profile_path(shop: str) -> Path:
    """The shop's profile, written once per test session by `sopgen init --no-input`."""
    from typer.testing import CliRunner

    from sopgen.cli.app import app

    folder = Path(tempfile.mkdtemp(prefix=f"sopgen-{shop}-"))
    path = folder / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(path), "--effective", "2027-03-01", *SHOPS[shop]])
    assert result.exit_code == 0, result.output
    return path


@functools.cache
def shop_texts(shop: str, language: str = "en") -> dict[str, str]:
    """Every SOP the shop gets, as its words after tailoring and localization: {SOP id: text}."""
    from sopgen.blueprints.library import builtin_library
    from sopgen.blueprints.placeholders import translatable_texts
    from sopgen.blueprints.profile import load_profile
    from sopgen.blueprints.tailoring import tailor
    from sopgen.i18n.locales import parse_locale
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    profile = load_profile(profile_path(shop))
    localization = Localization(Localizer.for_locale(parse_locale(language)), profile)
    texts = {}
    for sop in builtin_library().sops:
        tailored = tailor(sop, profile)
        if tailored is not None:
            localized = localization.record(tailored)
            texts[sop.id] = "\n".join(text for _where, text, _source in translatable_texts(localized))
    return texts


@functools.cache
def pack_texts(shop: str, language: str) -> dict[str, str]:
    """The shop's real pack in one language, each Word document's text: {file name: text}."""
    from typer.testing import CliRunner

    import docx
    from sopgen.cli.app import app

    out = Path(tempfile.mkdtemp(prefix=f"sopgen-pack-{shop}-"))
    result = CliRunner().invoke(app, ["pack", "--profile", str(profile_path(shop)), "--lang", language, "--out", str(out)])
    assert result.exit_code == 0, result.output
    texts = {}
    for path in sorted(out.rglob("*.docx")):
        document = docx.Document(str(path))
        parts = [paragraph.text for paragraph in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        texts[path.name] = "\n".join(parts)
    return texts

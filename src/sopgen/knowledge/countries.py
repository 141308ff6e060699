"""What a shop's country brings to its profile: currency, time zone, payment methods, carriers, invoicing.

Denmark, Taiwan and Indonesia are known in depth: their SOP texts carry `when: {countries: [..]}`.
Any other country gets the neutral defaults below and the steps marked `countries: [other]`,
which name no law and tell the owner what to check locally.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple


class Country(NamedTuple):
    code: str
    currency: str
    time_zone: str
    language: str  # the document language a shop there most likely wants besides English
    payments: tuple[str, ...]
    carriers: tuple[str, ...]
    invoicing: str
    paper: str = "A4"


COUNTRIES = MappingProxyType(
    {
        # Forbrugerombudsmanden, forbrug.dk, Skattestyrelsen; carriers as bookable in Shipmondo.
        "DK": Country("DK", "DKK", "Europe/Copenhagen", "da", ("card", "dankort", "mobilepay"), ("gls", "postnord", "dao"), "vat-registered"),
        # 消費者保護法, 財政部電子發票整合服務平台; convenience-store pick-up and home delivery.
        "TW": Country(
            "TW",
            "TWD",
            "Asia/Taipei",
            "zh_Hant_TW",
            ("card", "virtual-account", "cvs-cod", "line-pay", "jko-pay"),
            ("seven-eleven", "familymart", "tcat", "chunghwa-post"),
            "vat-registered",
        ),
        # UU PDP 27/2022, DJP (PKP from Rp4.8 billion a year); couriers the marketplaces offer.
        "ID": Country(
            "ID",
            "IDR",
            "Asia/Jakarta",
            "id",
            ("bank-transfer", "virtual-account", "qris", "e-wallet", "cod"),
            ("jne", "jnt", "sicepat", "anteraja", "pos-indonesia"),
            "not-vat-registered",
        ),
    }
)
KNOWN_COUNTRIES = tuple(COUNTRIES)
NEUTRAL_PAYMENTS = ("card", "bank-transfer")


def country(code: str) -> Country:
    """The country's defaults; for a country sopgen has no knowledge of, neutral ones from CLDR."""
    known = COUNTRIES.get(code)
    if known is not None:
        return known
    return Country(code, _cldr_currency(code), _cldr_time_zone(code), "en", NEUTRAL_PAYMENTS, (), "vat-registered", paper(code))


def is_known_country(code: str) -> bool:
    return code in COUNTRIES


def is_country_code(code: str) -> bool:
    from babel import Locale

    return code in Locale("en").territories and code.isalpha()


def _cldr_currency(code: str) -> str:
    from babel.numbers import get_territory_currencies

    currencies = get_territory_currencies(code)
    return currencies[0] if currencies else "EUR"


def _cldr_time_zone(code: str) -> str:
    from babel.core import get_global

    zones = get_global("territory_zones").get(code, ())
    return zones[0] if zones else "UTC"


LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"})


def paper(code: str) -> str:
    """The paper size offices in the country print on."""
    return "Letter" if code in LETTER_COUNTRIES else "A4"

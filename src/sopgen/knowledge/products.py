"""Tools a shop may name in its profile, recognised by name so that steps can say how in that tool."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import NamedTuple


class Product(NamedTuple):
    name: str
    job: str  # the profile's tool key it fills
    also_called: tuple[str, ...] = ()


PRODUCTS = MappingProxyType(
    {
        "shopify-payments": Product("Shopify Payments", "payment"),
        "quickpay": Product("Quickpay", "payment"),
        "frisbii": Product("Frisbii", "payment", ("Reepay",)),
        "nets-easy": Product("Nets Easy", "payment", ("Nexi Checkout", "Nets")),
        "vipps-mobilepay": Product("Vipps MobilePay", "payment", ("MobilePay", "Vipps")),
        "stripe": Product("Stripe", "payment"),
        "midtrans": Product("Midtrans", "payment"),
        "xendit": Product("Xendit", "payment"),
        "ecpay": Product("ECPay", "payment", ("綠界", "綠界科技")),
        "newebpay": Product("NewebPay", "payment", ("藍新", "藍新金流")),
        "shopify-pos": Product("Shopify POS", "pos"),
        "zendesk": Product("Zendesk", "helpdesk"),
        "gorgias": Product("Gorgias", "helpdesk"),
        "freshdesk": Product("Freshdesk", "helpdesk"),
        "whatsapp-business": Product("WhatsApp Business", "chat"),
        "line-official-account": Product("LINE Official Account", "chat", ("LINE OA", "LINE 官方帳號", "LINE官方帳號")),
        "klaviyo": Product("Klaviyo", "email_marketing"),
        "mailchimp": Product("Mailchimp", "email_marketing"),
        "buffer": Product("Buffer", "social_scheduling"),
        "later": Product("Later", "social_scheduling"),
        "meta-business-suite": Product("Meta Business Suite", "social_scheduling", ("Meta Business Suite Planner",)),
        "shipmondo": Product("Shipmondo", "shipping"),
        "sendcloud": Product("Sendcloud", "shipping"),
        "shipstation": Product("ShipStation", "shipping"),
        "webshipper": Product("Webshipper", "shipping"),
        "dinero": Product("Dinero", "accounting"),
        "e-conomic": Product("e-conomic", "accounting", ("Visma e-conomic",)),
        "billy": Product("Billy", "accounting"),
        "xero": Product("Xero", "accounting"),
        "quickbooks": Product("QuickBooks", "accounting", ("QuickBooks Online",)),
        "ecpay-einvoice": Product("ECPay e-invoice", "invoicing", ("綠界電子發票",)),
        "ezpay-einvoice": Product("ezPay e-invoice", "invoicing", ("ezPay", "ezPay 電子發票")),
        "trustpilot": Product("Trustpilot", "reviews"),
        "judge-me": Product("Judge.me", "reviews"),
        "e-maerket": Product("e-mærket", "trustmark", ("e-maerket", "emaerket")),
        "tryghedsmaerket": Product("Tryghedsmærket", "trustmark", ("Tryghedsmaerket",)),
    }
)


def _key(name: str) -> str:
    return re.sub(r"[\s._-]+", "", name.casefold())


_BY_NAME = {_key(alias): product_id for product_id, product in PRODUCTS.items() for alias in (product.name, *product.also_called)}


def recognise(job: str, name: str) -> str | None:
    """The product id of a tool the shop named for `job`, or None for a tool sopgen does not know."""
    product_id = _BY_NAME.get(_key(name))
    return product_id if product_id is not None and PRODUCTS[product_id].job == job else None


def products_for(job: str) -> tuple[str, ...]:
    """Names of the known tools for a job, for the hint of `sopgen init`."""
    return tuple(product.name for product in PRODUCTS.values() if product.job == job)

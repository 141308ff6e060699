"""The fixed vocabularies blueprints and profiles refer to: tools, sales channels, phases, durations."""

from __future__ import annotations

from types import MappingProxyType


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


PHASES = MappingProxyType(
    {
        "pre-sale": N_("Pre-sale"),
        "sale": N_("Sale"),
        "post-sale": N_("Post-sale"),
        "lifecycle": N_("Across the lifecycle"),
    }
)
PHASE_CODES = MappingProxyType({"pre-sale": "PRE", "sale": "SAL", "post-sale": "PST", "lifecycle": "GEN"})

TOOLS = MappingProxyType(
    {
        "platform": N_("web shop platform"),
        "marketplaces": N_("marketplace seller centres"),
        "payment": N_("payment provider"),
        "shipping": N_("shipping tool"),
        "helpdesk": N_("help desk"),
        "chat": N_("chat and messaging"),
        "email_marketing": N_("email marketing tool"),
        "social_scheduling": N_("social media scheduler"),
        "accounting": N_("accounting system"),
        "inventory": N_("inventory and POS system"),
        "analytics": N_("web analytics"),
        "reviews": N_("review platform"),
        "surveys": N_("survey tool"),
        "loyalty": N_("loyalty programme app"),
        "design": N_("design tool"),
        "spreadsheet": N_("spreadsheet"),
        "documents": N_("shared document storage"),
        "project_management": N_("task board"),
        "seo": N_("search console"),
        "monitoring": N_("uptime monitor"),
        "password_manager": N_("password manager"),
    }
)

CHANNEL_TYPES = MappingProxyType(
    {"webshop": N_("own web shop"), "marketplace": N_("marketplace"), "social": N_("social commerce")}
)
CHANNELS = MappingProxyType(
    {
        "shopify": ("Shopify", "webshop"),
        "woocommerce": ("WooCommerce", "webshop"),
        "magento": ("Magento", "webshop"),
        "dandomain": ("DanDomain", "webshop"),
        "own-webshop": ("Web shop", "webshop"),
        "shopee": ("Shopee", "marketplace"),
        "tokopedia": ("Tokopedia", "marketplace"),
        "lazada": ("Lazada", "marketplace"),
        "bukalapak": ("Bukalapak", "marketplace"),
        "blibli": ("Blibli", "marketplace"),
        "tiktok-shop": ("TikTok Shop", "marketplace"),
        "amazon": ("Amazon", "marketplace"),
        "etsy": ("Etsy", "marketplace"),
        "ebay": ("eBay", "marketplace"),
        "momo": ("momo", "marketplace"),
        "pchome": ("PChome", "marketplace"),
        "instagram": ("Instagram", "social"),
        "facebook": ("Facebook", "social"),
        "tiktok": ("TikTok", "social"),
        "whatsapp": ("WhatsApp", "social"),
        "line": ("LINE", "social"),
    }
)

LANE_TYPES = ("person", "system")
STEP_MODES = ("manual", "automated")
EDGE_CHANNELS = ("system", "email", "chat", "phone", "spreadsheet", "paper", "manual")
EDGE_CHANNEL_LABELS = MappingProxyType(
    {
        "system": N_("system"),
        "email": N_("email"),
        "chat": N_("chat"),
        "phone": N_("phone"),
        "spreadsheet": N_("spreadsheet"),
        "paper": N_("paper"),
        "manual": N_("by hand"),
    }
)

PLACEHOLDERS = MappingProxyType(
    {
        "shop.name": N_("the shop's name"),
        "shop.website": N_("the shop's web address"),
        "shop.email": N_("the shop's customer service email address"),
        "shop.phone": N_("the shop's phone number"),
        "shop.working_hours": N_("the team's working hours"),
        "shop.currency": N_("the shop's currency code"),
        "policy.return_days": N_("days a customer has to return an order"),
        "policy.response_hours": N_("hours within which every customer message is answered"),
        "policy.dispatch_days": N_("working days from payment to dispatch"),
        "policy.return_period": N_("the return period with its unit, such as 14 days"),
        "policy.response_time": N_("the response time with its unit, such as 24 hours"),
        "policy.dispatch_time": N_("the time from payment to dispatch with its unit, such as 2 working days"),
        **{f"tools.{key}": label for key, label in TOOLS.items()},
    }
)

"""The fixed vocabularies blueprints and profiles refer to: tools, sales channels, phases, durations."""

from __future__ import annotations

from types import MappingProxyType

from sopgen.i18n.interface import N_

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
        "inventory": N_("inventory system"),
        "pos": N_("point-of-sale system"),
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
        "invoicing": N_("e-invoicing service"),
        "trustmark": N_("trust mark"),
    }
)

CHANNEL_TYPES = MappingProxyType(
    {
        "webshop": N_("own web shop"),
        "marketplace": N_("marketplace"),
        "social": N_("social commerce"),
        "store": N_("physical store"),
    }
)
CHANNELS = MappingProxyType(
    {
        "shopify": ("Shopify", "webshop"),
        "woocommerce": ("WooCommerce", "webshop"),
        "magento": ("Magento", "webshop"),
        "dandomain": ("DanDomain", "webshop"),
        "own-webshop": (N_("Web shop"), "webshop"),
        "shopee": ("Shopee", "marketplace"),
        "shopee-tw": ("Shopee", "marketplace"),
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
        "taobao": ("Taobao", "marketplace"),
        "jd": ("JD.com", "marketplace"),
        "instagram": ("Instagram", "social"),
        "facebook": ("Facebook", "social"),
        "tiktok": ("TikTok", "social"),
        "whatsapp": ("WhatsApp", "social"),
        "line": ("LINE", "social"),
        "physical-store": (N_("physical store"), "store"),
    }
)

# A channel kind in a sentence about a shop: "sells through a marketplace".
CHANNEL_KIND_PHRASES = MappingProxyType(
    {
        "webshop": N_("its own web shop"),
        "marketplace": N_("a marketplace"),
        "social": N_("social media"),
        "store": N_("a physical store"),
    }
)
# How customers pay. Conditions may also name a kind: `cvs` (at a convenience store).
PAYMENT_METHODS = MappingProxyType(
    {
        "card": N_("payment card"),
        "dankort": "Dankort",
        "mobilepay": "MobilePay",
        "apple-pay": "Apple Pay",
        "google-pay": "Google Pay",
        "paypal": "PayPal",
        "bank-transfer": N_("bank transfer"),
        "virtual-account": N_("virtual account"),
        "qris": "QRIS",
        "e-wallet": N_("e-wallet"),
        "cod": N_("cash on delivery"),
        "cvs-payment-code": N_("convenience-store payment code"),
        "cvs-cod": N_("payment at convenience-store pick-up"),
        "line-pay": "LINE Pay",
        "jko-pay": N_("JKOPAY"),
    }
)
PAYMENT_KINDS = MappingProxyType(
    {
        "cvs": ("cvs-payment-code", "cvs-cod"),
        "on-delivery": ("cod", "cvs-cod"),
        "transfer": ("bank-transfer", "virtual-account"),
    }
)
# Who delivers. `cvs`: convenience-store pick-up in Taiwan.
CARRIERS = MappingProxyType(
    {
        "gls": "GLS",
        "postnord": "PostNord",
        "dao": "dao",
        "bring": "Bring",
        "dhl": "DHL",
        "ups": "UPS",
        "jne": "JNE",
        "jnt": "J&T Express",
        "sicepat": "SiCepat",
        "anteraja": "AnterAja",
        "pos-indonesia": "Pos Indonesia",
        "tiki": "TIKI",
        "ninja-xpress": "Ninja Xpress",
        "idexpress": "ID Express",
        "spx": "SPX Express",
        "seven-eleven": "7-ELEVEN",
        "familymart": N_("FamilyMart"),
        "hilife": N_("Hi-Life"),
        "okmart": N_("OK Mart"),
        "tcat": N_("T-CAT"),
        "hct": N_("HCT Logistics"),
        "chunghwa-post": N_("Chunghwa Post"),
    }
)
CARRIER_KINDS = MappingProxyType({"cvs": ("seven-eleven", "familymart", "hilife", "okmart")})
# How the shop invoices: registered for VAT (moms, PKP, uniform invoices) or not.
INVOICING = MappingProxyType(
    {"vat-registered": N_("registered for VAT"), "not-vat-registered": N_("not registered for VAT")}
)
# A condition's `countries` may say `other`: a country sopgen has no knowledge of.
OTHER_COUNTRY = "other"
# What people type for a role, and the role they mean.
ROLE_ALIASES = MappingProxyType(
    {
        "va": "virtual-assistant",
        "assistant": "virtual-assistant",
        "owner": "shop-owner",
        "manager": "ecommerce-manager",
        "cs": "customer-service",
        "support": "customer-service",
        "packer": "warehouse",
        "packing": "warehouse",
        "accountant": "bookkeeper",
        "developer": "web-developer",
        "buyer": "purchaser",
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
        "shop.legal_name": N_("the shop's registered business name"),
        "shop.tax_id": N_("the shop's business or tax registration number"),
        "shop.address": N_("the shop's business address"),
        "shop.country": N_("the shop's country"),
        "shop.sales_channels": N_("the shop's sales channels"),
        "shop.payment_methods": N_("the payment methods the shop accepts"),
        "shop.carriers": N_("the carriers the shop ships with"),
        "policy.return_days": N_("days a customer has to return an order"),
        "policy.response_hours": N_("hours within which every customer message is answered"),
        "policy.dispatch_days": N_("working days from payment to dispatch"),
        "policy.return_period": N_("the return period with its unit, such as 14 days"),
        "policy.response_time": N_("the response time with its unit, such as 24 hours"),
        "policy.dispatch_time": N_("the time from payment to dispatch with its unit, such as 2 working days"),
        **{f"tools.{key}": label for key, label in TOOLS.items()},
    }
)
# Customer messages are emails (with a subject) or chat messages (marketplace chat, WhatsApp, LINE).
MESSAGE_CHANNELS = MappingProxyType({"email": N_("Email"), "chat": N_("Chat")})
# What differs per order in a customer message. Message templates may name these besides the
# placeholders above; each becomes a fill-in marker in the document's language: "[order number]".
FILL_INS = MappingProxyType(
    {
        "customer.first_name": N_("first name"),
        "customer.phone": N_("phone number"),
        "order.number": N_("order number"),
        "order.items_ordered": N_("items ordered"),
        "order.total": N_("order total"),
        "order.payment_details": N_("account or payment code"),
        "order.payment_deadline": N_("payment deadline"),
        "order.delivery_address": N_("delivery address"),
        "order.dispatch_date": N_("dispatch date"),
        "order.delivery_date": N_("expected delivery date"),
        "order.carrier": N_("carrier"),
        "order.tracking_number": N_("tracking number"),
        "order.tracking_link": N_("tracking link"),
        "order.pickup_point": N_("pick-up point"),
        "order.pickup_deadline": N_("last pick-up day"),
        "order.product": N_("product"),
        "order.restock_date": N_("expected restock date"),
        "order.discount_code": N_("discount code"),
        "order.problem": N_("the problem in one sentence"),
        "order.next_update": N_("date of the next update"),
        "order.return_address": N_("return address or label link"),
        "order.return_deadline": N_("last day to send the return"),
        "order.refund_amount": N_("refund amount"),
        "order.reason": N_("reason"),
        "order.review_link": N_("review link"),
    }
)
# What a text says for a tool the shop has not named: a phrase that reads in a sentence ("in the help desk").
UNNAMED_TOOLS = MappingProxyType(
    {
        "platform": N_("the web shop platform"),
        "marketplaces": N_("the marketplace seller centre"),
        "payment": N_("the payment provider's dashboard"),
        "shipping": N_("the shipping tool"),
        "helpdesk": N_("the help desk"),
        "chat": N_("the chat app"),
        "email_marketing": N_("the email marketing tool"),
        "social_scheduling": N_("the social media scheduler"),
        "accounting": N_("the accounting system"),
        "inventory": N_("the inventory system"),
        "pos": N_("the point-of-sale system"),
        "analytics": N_("the web analytics tool"),
        "reviews": N_("the review platform"),
        "surveys": N_("the survey tool"),
        "loyalty": N_("the loyalty programme app"),
        "design": N_("the design tool"),
        "spreadsheet": N_("the shared spreadsheet"),
        "documents": N_("the shared document storage"),
        "project_management": N_("the task board"),
        "seo": N_("the search console"),
        "monitoring": N_("the uptime monitor"),
        "password_manager": N_("the password manager"),
        "invoicing": N_("the e-invoicing service"),
        "trustmark": N_("the trust mark scheme"),
    }
)

"""The pieces a shop's starting order flow is made of: steps per channel kind, payment, tool and carrier, with typical times.

Each fragment is a short run of steps that one kind of channel, payment, tool or carrier adds to
an order's path, with who does each step (an actor: the customer, the channel, a job that a
person on the team holds, a tool, the carrier) and a typical handling and wait time. The times
are estimates for a small shop: the written flow marks them so, for the workshop to correct.
Facts about a platform's statuses and deadlines are kept as notes, which become comments above
the step they concern; each is sourced in the research notes of the platform or country.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

from sopgen.i18n.interface import N_

# ---------------------------------------------------------------- actors

# The jobs a person does in an order's path; each becomes the lane of whoever on the team holds it.
JOBS = ("orders", "chats", "packing", "payments", "books")
# Who usually does a job, best fit first (role ids of blueprints/roles.yaml). A virtual assistant works
# remotely, so packing never falls to one unless the shop says so (`--packer`).
JOB_ROLES = MappingProxyType(
    {
        "orders": ("virtual-assistant", "ecommerce-manager", "customer-service", "shop-owner", "warehouse"),
        "chats": ("customer-service", "virtual-assistant", "ecommerce-manager", "shop-owner", "marketing"),
        "packing": ("warehouse", "shop-owner", "ecommerce-manager", "purchaser", "customer-service"),
        "payments": ("bookkeeper", "shop-owner", "ecommerce-manager"),
        "books": ("bookkeeper", "virtual-assistant", "shop-owner", "ecommerce-manager"),
    }
)
# The lane of a job nobody on the team holds: it asks the workshop who does it.
MISSING_JOB_LANES = MappingProxyType(
    {
        "orders": N_("Who handles the orders?"),
        "chats": N_("Who answers the customers?"),
        "packing": N_("Who packs the parcels?"),
        "payments": N_("Who checks the payments?"),
        "books": N_("Who does the bookkeeping?"),
    }
)
JOB_NAMES = MappingProxyType(
    {
        "orders": N_("handling the orders"),
        "chats": N_("answering the customers"),
        "packing": N_("packing the parcels"),
        "payments": N_("checking the payments"),
        "books": N_("the bookkeeping"),
    }
)
# Hours a day a person in the role gives the order work (estimate); a person with several roles gets the most.
ROLE_HOURS = MappingProxyType(
    {"shop-owner": 4.0, "virtual-assistant": 4.0, "customer-service": 6.0, "warehouse": 7.0, "ecommerce-manager": 4.0, "bookkeeper": 2.0}
)
OTHER_ROLE_HOURS = 3.0
MISSING_PERSON_HOURS = 3.0

# ---------------------------------------------------------------- volumes and shares (estimates)

DEFAULT_ORDERS_PER_DAY = 20
# How much of the daily volume each kind of channel brings, before the shares are made to add up to 1.
CHANNEL_WEIGHTS = MappingProxyType({"webshop": 1.0, "marketplace": 1.0, "social": 0.5, "store": 0.5})
CUSTOMER_CONTACT_SHARE = 0.1  # orders after which the customer asks or complains
UNCOLLECTED_SHARE = 0.05  # store parcels nobody collects
STORE_PICKUP_SHARE = 0.6  # of parcels, where the shop ships both to stores and to homes

# ---------------------------------------------------------------- steps


class Piece(NamedTuple):
    """One step of a fragment: who does it, its title (with {channel}, {tool} …), mode and typical times."""

    key: str
    actor: str  # customer | channel | store | a job | shipping | accounting | helpdesk | carrier | stores
    title: str
    mode: str | None = None
    handling: str | None = None  # estimate
    wait: str | None = None  # estimate
    note: str | None = None  # a comment for the workshop, above the step


# Marketplace orders: the platform takes the payment; the order waits in the seller centre for the seller.
MARKETPLACE_ORDER = Piece("order", "customer", N_("Customer orders and pays on {channel}"), "automated")
MARKETPLACE_WAITS = Piece("to-ship", "channel", N_("Paid order waits in the seller centre"), "automated")
# Ship by platform: the seller centre books the courier and prints the label; the tracking shows by itself.
MARKETPLACE_ARRANGE = Piece(
    "arrange", "orders", N_("Arrange shipment and print the label on {channel}"), "manual", "1.5m", "2h",
    N_("How often a day does someone open the seller centre? The wait is the time an order waits for that."),
)
MARKETPLACE_TRACKING = Piece("tracking", "channel", N_("{channel} shows the tracking to the buyer"), "automated")
# The seller ships with its own carrier and confirms the shipment in the marketplace.
MARKETPLACE_CONFIRM = Piece("confirm-shipment", "orders", N_("Confirm the shipment with the tracking number on {channel}"), "manual", "1m", "4h")

WEBSHOP_ORDER = Piece("order", "customer", N_("Customer orders and pays at checkout"), "automated")
WEBSHOP_CONFIRMATION = Piece("confirmation", "channel", N_("Order confirmation email is sent"), "automated")
WEBSHOP_CHECK = Piece("check", "orders", N_("Check payment, address and stock"), "manual", "2m", "3h")
WEBSHOP_TRACKING_BY_HAND = Piece("tracking", "orders", N_("Paste the tracking number into the order and mark it as sent"), "manual", "1.5m", "1d")
WEBSHOP_SHIPPED_MAIL = Piece("shipped-mail", "channel", N_("Shipping confirmation email is sent"), "automated")
WEBSHOP_CAPTURE_BY_TOOL = Piece(
    "capture", "channel", N_("Card payment is captured when the order is marked as sent"), "automated", None, None,
    N_("Danish rule: a card payment may be captured only when the goods are sent. Check that the web shop captures when the order is marked as sent, not at checkout."),
)
WEBSHOP_CAPTURE_BY_HAND = Piece(
    "capture", "orders", N_("Capture the card payment now the parcel is sent"), "manual", "30s", "2h",
    N_("Danish rule: a card payment may be captured only when the goods are sent. If the web shop does this by itself when the order is marked as sent, make this step automated."),
)

CHAT_ORDER = Piece("order", "customer", N_("Customer orders by message on {channel}"), "manual")
CHAT_INBOX = Piece("inbox", "channel", N_("Message waits in the inbox"), "automated")
CHAT_CONFIRM = Piece("confirm", "chats", N_("Confirm items, price, delivery and payment in the chat"), "manual", "4m", "1h")
CHAT_RECORD = Piece(
    "record", "orders", N_("Write the order into the order list"), "manual", "2m", "1h",
    N_("Where are chat orders written down today: a spreadsheet, a notebook, draft orders in the web shop? Name the real place in the title."),
)
CHAT_TRACKING = Piece("tracking", "orders", N_("Send the tracking number in the chat"), "manual", "1m", "4h")

STORE_SALE = Piece("sale", "customer", N_("Customer buys in the store"), "manual")
STORE_RECORDED = Piece("recorded", "store", N_("Sale is recorded at the till"), "automated")
STORE_RECORDED_IN_POS = Piece("recorded", "store", N_("Sale is recorded in {tool}"), "automated")
STORE_STOCK_BY_HAND = Piece(
    "stock", "orders", N_("Take the sold item off the online stock"), "manual", "1m", "4h",
    N_("Without a point-of-sale system that shares stock with the web shop, someone does this by hand. If yours shares it, delete this step."),
)

# Payment of chat orders, by how the customer pays. A virtual account is matched by the payment provider, like a link.
TRANSFER_SENT = Piece("transfer", "customer", N_("Customer transfers and sends a screenshot"), "manual", None, "3h")
TRANSFER_CHECK = Piece(
    "check-transfer", "payments", N_("Check the transfer in the bank statement"), "manual", "2m", "4h",
    N_("A screenshot is no proof of payment: forged transfer slips are common. Only money seen in the account statement counts."),
)
COD_CHECK = Piece(
    "check-cod", "chats", N_("Check name, address and phone before a COD order"), "manual", "1.5m", "30m",
    N_("A refused COD parcel comes back and still costs the outbound shipping: confirm that the buyer answers and the address is complete before packing."),
)
LINK_SENT = Piece("payment-link", "chats", N_("Send a payment link"), "manual", "1m", "15m")
LINK_PAID = Piece("paid", "customer", N_("Customer pays by the link"), "automated", None, "2h")

# Labels.
LABEL_IMPORTED = Piece("imported", "shipping", N_("Order is imported into {tool}"), "automated")
LABEL_PRINTED = Piece(
    "print-label", "orders", N_("Print the label in {tool}"), "manual", "30s", "1h",
    N_("If {tool} prints the labels by itself (a print client or a rule), make this step automated."),
)
LABEL_TYPED = Piece("enter-shipment", "orders", N_("Type the address into {tool} and print the label"), "manual", "2m", "1h")
LABEL_CREATED = Piece("label", "shipping", N_("Label is created"), "automated")
LABEL_BY_HAND = Piece(
    "copy-address", "orders", N_("Copy the address to the carrier's website and print the label"), "manual", "3m", "1h",
    N_("No shipping tool: every address is copied by hand. A shipping tool that imports the orders removes this step."),
)
TRACKING_FROM_TOOL = Piece("tracking", "shipping", N_("Tracking number goes back to {channel}"), "automated")

# Packing and delivery.
PACK = Piece("pack", "packing", N_("Pick and pack the parcel"), "manual", "5m", "2h")
COURIER_PICKUP = Piece("courier-pickup", "carrier", N_("Courier picks up the parcels"), "manual", None, "3h")
COURIER_DELIVERS = Piece("deliver", "carrier", N_("Courier delivers the parcel"), "manual", None, "2d")
COD_PAYOUT = Piece(
    "cod-payout", "carrier", N_("COD money is paid out to the shop"), "automated", None, "2d",
    N_("Ask the courier or shipping aggregator when COD money is paid out, and write the real wait here."),
)
COD_MATCH = Piece(
    "match-cod", "payments", N_("Match the COD payouts with delivered orders"), "manual", "30s", "1d",
    N_("Write every refused COD parcel (RTS) in a COD log with what it cost."),
)
STORE_DROP = Piece(
    "store-drop", "packing", N_("Drop the parcel at a convenience store"), "manual", "1m", "4h",
    N_("The shipping code expires: with ECPay, store-to-store codes must be used within 6 to 7 days of creation."),
)
STORE_WAITS = Piece("at-store", "stores", N_("Parcel waits at the pick-up store"), "automated", None, "1d")
STORE_COLLECTED = Piece("collect", "customer", N_("Customer collects the parcel"), "manual", None, "1d")
STORE_COLLECTED_AND_PAID = Piece("collect", "customer", N_("Customer collects the parcel and pays at the store"), "manual", None, "1d")
STORE_UNCOLLECTED = Piece(
    "fetch-uncollected", "orders", N_("Fetch an uncollected parcel from the return store"), "manual", "20m", "2d",
    N_("7-ELEVEN keeps store-to-store parcels 7 days, then sends them to a return store, where the seller has 7 days to fetch them. Never threaten a customer who did not collect: a Taiwanese court has ruled it a cost the seller must plan for."),
)

# Customer contact after delivery, with the replacement loop.
CONTACT = Piece("contact", "customer", N_("Customer asks about the order or reports a problem"), "manual")
TICKET = Piece("ticket", "helpdesk", N_("Ticket is opened in {tool}"), "automated")
ANSWER = Piece("answer", "chats", N_("Answer the customer"), "manual", "4m", "4h")
ANSWER_TICKET = Piece("answer", "chats", N_("Answer the ticket in {tool}"), "manual", "4m", "4h")
REPLACEMENT = N_("Replacement for a damaged or wrong item")
MARKETPLACE_RETURN_NOTE = N_(
    "Return requests on Tokopedia and TikTok Shop are answered in the seller centre within 2 calendar days, or the platform approves them by itself."
)

# Bookkeeping, where the profile names an accounting system.
INVOICE_SYNCED = Piece(
    "invoice", "accounting", N_("Invoice is created in {tool}"), "automated", None, None,
    N_("Who looks at the sync errors, and how often? Failed invoices pile up unseen."),
)
SALE_TYPED = Piece("book-sale", "books", N_("Type the sale into {tool}"), "manual", "2m", "2d")
PAYOUTS_BOOKED = Piece("book-payouts", "books", N_("Book the marketplace payouts in {tool}"), "manual", "30s", "3d")
BOOKED = Piece("booked", "accounting", N_("Sale is booked in {tool}"), "automated")

# ---------------------------------------------------------------- channels

# Marketplaces whose seller centre books the courier and prints the label (ship by platform).
PLATFORM_LOGISTICS = frozenset({"tokopedia", "tiktok-shop", "shopee", "shopee-tw", "lazada", "blibli", "bukalapak", "momo", "pchome", "taobao", "jd"})
# What the seller centre demands, by channel; above the channel's first step.
CHANNEL_NOTES = MappingProxyType(
    {
        "tokopedia": N_(
            "Tokopedia: an order placed before 12:00 must be 'Shipped' by 23:59 the same working day, a later one by 23:59 the next working day. Late orders count in the Late Dispatch Rate (aim below 4 %) and can be cancelled by the platform."
        ),
        "tiktok-shop": N_(
            "TikTok Shop by Tokopedia: the same seller centre and deadlines as Tokopedia; an order placed before 12:00 must be 'Shipped' by 23:59 the same working day."
        ),
        "shopee": N_(
            "Shopee: ship within the days to ship set for the product, or Shopee cancels the order; read the deadline on the order in Seller Centre."
        ),
        "shopee-tw": N_(
            "Shopee Taiwan: ship before the date the order shows in the seller centre; check the shipping days set for each product, because late shipments count against the shop."
        ),
        "lazada": N_(
            "Lazada: set the order to Ready to Ship within 24 hours and hand it over within 48 hours, or Lazada may cancel it; check the limits for your country in Seller Center."
        ),
        "blibli": N_("Blibli: ship and enter the Nomor Resi (AWB) within 2 working days after the payment is verified."),
        "bukalapak": N_("Bukalapak stopped selling physical goods in February 2025: delete this channel if the shop no longer sells there."),
        "amazon": N_(
            "Amazon: ship 'Unshipped' orders promptly and confirm the shipment with carrier and tracking ID; an order not confirmed within 30 days is cancelled."
        ),
        "etsy": N_(
            "Etsy: ship by the order's 'ship by' date ('dispatch by' in the UK and EU); an order counts as on time only with tracking or an Etsy label."
        ),
        "shopify": N_("Shopify: the orders to work are those with payment status Paid and fulfilment status Unfulfilled."),
        "woocommerce": N_(
            "WooCommerce: the orders to work are in status Processing (paid); On hold means a payment still has to be confirmed. Marking an order Completed emails the customer."
        ),
        "instagram": N_(
            "Checkout inside Instagram exists only in the US; elsewhere a product tag links to the web shop, and this lane holds the orders that arrive by direct message."
        ),
        "facebook": N_(
            "Checkout inside Facebook exists only in the US; elsewhere a shop links to the web shop, and this lane holds the orders that arrive by message."
        ),
        "line": N_(
            "A LINE Official Account can be answered by hand only in chat mode, not in bot mode; set business hours so that messages outside them get an automatic reply."
        ),
    }
)
OTHER_MARKETPLACE_NOTE = N_("Check in the seller centre by when an order must be shipped, and write the deadline here.")
OTHER_WEBSHOP_NOTE = N_("Check which order status means 'paid, not yet sent' in the web shop, and write it here.")
# How a shop matches a bank transfer to its order, where the country has a custom for it.
TRANSFER_NOTES = MappingProxyType(
    {
        "ID": N_("A unique three-digit code added to the amount (kode unik) makes each transfer easy to find in the statement."),
        "TW": N_("Ask for the last five digits of the paying account to match the transfer."),
    }
)
MARKETPLACE_COD_NOTE = N_("COD orders arrive like paid ones: ship them the same way; the marketplace collects the money.")

# ---------------------------------------------------------------- payments of chat orders

# How a chat order is paid, by the payment methods the shop accepts; each branch is a share of the chat orders.
PAYMENT_BRANCHES = MappingProxyType(
    {
        "transfer": ("bank-transfer", "qris", "e-wallet"),
        "cod": ("cod",),
        "store-cod": ("cvs-cod",),
        "link": ("virtual-account", "card", "dankort", "mobilepay", "apple-pay", "google-pay", "paypal", "cvs-payment-code", "line-pay", "jko-pay"),
    }
)

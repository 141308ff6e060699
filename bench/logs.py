"""Synthetic, deterministic event logs and order exports for the measure benchmarks (fictional data)."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

START = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

# An order's way through a shop: (activity, minutes after the previous event: low, high), with
# detours that make variants, loops and cancellations.
MAIN_PATH = (
    ("order placed", 0, 0),
    ("payment received", 0, 90),
    ("order checked", 10, 600),
    ("picked", 20, 900),
    ("packed", 2, 40),
    ("label printed", 1, 30),
    ("shipped", 30, 1400),
    ("delivered", 1000, 5000),
)
OPTIONAL = {"label printed": 0.5, "delivered": 0.3}  # share of cases that skip the activity
RESOURCES = {
    "order placed": "webshop",
    "payment received": "payment provider",
    "order checked": "virtual assistant",
    "address corrected": "virtual assistant",
    "picked": "warehouse",
    "packed": "warehouse",
    "label printed": "warehouse",
    "shipped": "carrier",
    "delivered": "carrier",
    "order cancelled": "virtual assistant",
    "refund issued": "shop owner",
}


def _case_events(rng: random.Random) -> list[tuple[str, float]]:
    """One case's activities with minutes since its start."""
    events: list[tuple[str, float]] = []
    clock = 0.0
    for index, (activity, low, high) in enumerate(MAIN_PATH):
        if activity in OPTIONAL and rng.random() < OPTIONAL[activity]:
            continue
        clock += rng.uniform(low, high)
        events.append((activity, clock))
        if activity == "order checked" and rng.random() < 0.12:
            clock += rng.uniform(5, 240)
            events.append(("address corrected", clock))
            clock += rng.uniform(1, 60)
            events.append(("order checked", clock))
        if activity == "order checked" and rng.random() < 0.05:
            clock += rng.uniform(10, 600)
            events.append(("order cancelled", clock))
            clock += rng.uniform(60, 2880)
            events.append(("refund issued", clock))
            return events
        if index == 1 and rng.random() < 0.02:
            return events  # paid, then nothing: still open
    return events


def write_event_log(path: Path, events: int, seed: int = 17) -> tuple[int, int]:
    """A pm4py-style CSV log with about `events` events; returns (events, cases) written."""
    rng = random.Random(seed)
    written = cases = 0
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(["case:concept:name", "concept:name", "time:timestamp", "org:resource"])
        while written < events:
            cases += 1
            started = START + dt.timedelta(seconds=rng.randrange(60 * 60 * 24 * 180))
            for activity, minutes in _case_events(rng):
                when = started + dt.timedelta(seconds=round(minutes * 60))
                out.writerow([f"order-{cases:07d}", activity, when.isoformat(), RESOURCES[activity]])
                written += 1
    return written, cases


SHOPIFY_COLUMNS = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
    "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
    "Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
    "Refunded Amount,Vendor,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Phone,Receipt Number"
).split(",")


def write_shopify_export(path: Path, orders: int, seed: int = 17) -> int:
    """A Shopify orders export: one row per line item, order fields on the first row; returns rows written."""
    rng = random.Random(seed)
    stamp = "%Y-%m-%d %H:%M:%S %z"
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(SHOPIFY_COLUMNS)
        for number in range(1001, 1001 + orders):
            created = START + dt.timedelta(minutes=rng.uniform(0, 60 * 24 * 90))
            paid = created + dt.timedelta(minutes=rng.uniform(0, 30)) if rng.random() < 0.97 else None
            cancelled = created + dt.timedelta(hours=rng.uniform(1, 48)) if paid is None or rng.random() < 0.02 else None
            fulfilled = None if cancelled or paid is None else paid + dt.timedelta(hours=rng.uniform(2, 60))
            person = f"Customer {number}"
            for line in range(rng.choice((1, 1, 1, 2, 3))):
                first = line == 0
                fields = dict.fromkeys(SHOPIFY_COLUMNS, "")
                fields.update({"Name": f"#{number}", "Lineitem quantity": "1", "Lineitem name": f"Mug {line}", "Lineitem price": "120.00"})
                if first:
                    fields.update(
                        {
                            "Email": f"customer{number}@example.com",
                            "Financial Status": "paid" if paid else "pending",
                            "Paid at": paid.strftime(stamp) if paid else "",
                            "Fulfillment Status": "fulfilled" if fulfilled else "unfulfilled",
                            "Fulfilled at": fulfilled.strftime(stamp) if fulfilled else "",
                            "Currency": "DKK",
                            "Total": "120.00",
                            "Created at": created.strftime(stamp),
                            "Billing Name": person,
                            "Billing Street": f"{number} Example Street",
                            "Billing City": "Aarhus",
                            "Billing Phone": f"+45 20 {number:06d}",
                            "Shipping Name": person,
                            "Shipping Address1": f"{number} Example Street",
                            "Cancelled at": cancelled.strftime(stamp) if cancelled else "",
                            "Id": str(5_000_000_000 + number),
                            "Phone": f"+45 20 {number:06d}",
                        }
                    )
                out.writerow(fields.values())
                rows += 1
    return rows

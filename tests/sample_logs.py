"""Small hand-made event logs and order exports for the measure tests, written as real files (fictional data)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from typer.testing import CliRunner

EXAMPLES = Path(__file__).parents[1] / "examples"
T0 = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # a Monday, 08:00 in Copenhagen


def at(minutes: float) -> str:
    """The ISO time `minutes` after Monday 2025-03-03 08:00 +01:00."""
    return (T0 + dt.timedelta(minutes=minutes)).isoformat()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def event_log(path: Path, events: Iterable[tuple[str, str, float]], header: Sequence[str] = ("case:concept:name", "concept:name", "time:timestamp")) -> Path:
    """(case, activity, minutes after Monday 08:00 +01:00), one row each, in the order given."""
    return write_csv(path, header, ((case, activity, at(minutes)) for case, activity, minutes in events))


# Personal columns of each export, filled with a unique marker per cell by the privacy test.
SHOPIFY_PERSONAL = (
    "Email", "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Phone", "Shipping Name", "Shipping Street", "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City",
    "Shipping Zip", "Shipping Phone", "Notes", "Note Attributes", "Phone",
)
SHOPIFY_OTHER = ("Name", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Currency", "Total", "Created at", "Lineitem name", "Cancelled at", "Id")
WOOCOMMERCE_PERSONAL = (
    "First Name (Billing)", "Last Name (Billing)", "Email (Billing)", "Phone (Billing)", "Address 1&2 (Billing)", "City (Billing)",
    "Postcode (Billing)", "First Name (Shipping)", "Last Name (Shipping)", "Address 1&2 (Shipping)", "Customer Note",
)
WOOCOMMERCE_OTHER = ("Order Number", "Order Status", "Order Date", "Paid Date", "Completed Date", "Product Name", "Quantity")
SHOPEE_PERSONAL = ("Username (Buyer)", "Receiver Name", "Phone Number", "Delivery Address", "Town", "District", "City", "Province", "Zip Code", "Remark from buyer", "Note")
SHOPEE_OTHER = ("Order ID", "Order Status", "Estimated Ship Out Date", "Ship Time", "Order Creation Date", "Order Paid Time", "Product Name", "Order Complete Time")


def shopify_export(path: Path, orders: Sequence[dict[str, object]], personal: str | None = None, columns: Sequence[str] | None = None) -> Path:
    """One row per line item; order fields on the first row. Each order: Name, Created at, … and `items`."""
    header = list(columns or (*SHOPIFY_OTHER, *SHOPIFY_PERSONAL))
    rows = []
    for number, order in enumerate(orders):
        for line in range(int(order.get("items", 1))):  # type: ignore[call-overload]
            row = dict.fromkeys(header, "")
            row["Name"] = str(order["Name"])
            if "Lineitem name" in row:
                row["Lineitem name"] = f"Mug {line}"
            if line == 0:
                row.update({key: str(value) for key, value in order.items() if key in row})
                for column in SHOPIFY_PERSONAL:
                    if column in row and personal is not None:
                        row[column] = f"{personal}-{column}-{number}"
            rows.append([row[column] for column in header])
    return write_csv(path, header, rows)


def woocommerce_export(path: Path, orders: Sequence[dict[str, object]], personal: str | None = None) -> Path:
    header = [*WOOCOMMERCE_OTHER, *WOOCOMMERCE_PERSONAL]
    rows = []
    for number, order in enumerate(orders):
        for line in range(int(order.get("items", 1))):  # type: ignore[call-overload]
            row = dict.fromkeys(header, "")
            row.update({key: str(value) for key, value in order.items() if key in row})
            row["Product Name"] = f"Apron {line}"
            for column in WOOCOMMERCE_PERSONAL:
                row[column] = f"{personal}-{column}-{number}" if personal else ""
            rows.append([row[column] for column in header])
    return write_csv(path, header, rows)


def shopee_export(path: Path, orders: Sequence[dict[str, object]], personal: str | None = None, header: Sequence[str] | None = None) -> Path:
    """An XLSX like Shopee Seller Centre's: one row per SKU, order fields on every row."""
    import xlsxwriter

    columns = list(header or (*SHOPEE_OTHER, *SHOPEE_PERSONAL))
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("orders")
    sheet.write_row(0, 0, columns)
    row_number = 1
    for number, order in enumerate(orders):
        for line in range(int(order.get("items", 1))):  # type: ignore[call-overload]
            values = dict.fromkeys(columns, "")
            values.update({key: str(value) for key, value in order.items() if key in values})
            for column in SHOPEE_PERSONAL:
                if column in values:
                    values[column] = f"{personal}-{column}-{number}" if personal else ""
            sheet.write_row(row_number, 0, [values[column] for column in columns])
            row_number += 1
    workbook.close()
    return path


def run(*arguments: object) -> tuple[int, str, str]:
    """`sopgen ARGUMENTS` as a user runs it: exit code, stdout, stderr."""
    from sopgen.cli.app import app

    result = CliRunner().invoke(app, [str(argument) for argument in arguments])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def measured_json(*arguments: object) -> dict:
    code, out, err = run("measure", *arguments, "--json")
    assert code == 0, err
    return json.loads(out)


def edges_by_pair(data: dict) -> dict[tuple[str, str], dict]:
    return {(edge["from"], edge["to"]): edge for edge in data["edges"]}

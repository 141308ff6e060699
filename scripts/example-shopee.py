"""Writes examples/shopee-orders.xlsx: a small, fictional Shopee Seller Centre orders export (one row per SKU)."""

import datetime as dt
import sys
from pathlib import Path

import xlsxwriter

COLUMNS = [
    "Order ID", "Order Status", "Tracking Number*", "Shipping Option", "Estimated Ship Out Date", "Ship Time",
    "Order Creation Date", "Order Paid Time", "Parent SKU Reference No.", "Product Name", "SKU Reference No.",
    "Quantity", "Username (Buyer)", "Receiver Name", "Phone Number", "Delivery Address", "City", "Province",
    "Remark from buyer", "Order Complete Time",
]
ORDERS = [
    # id, status, ship-by, shipped, created, paid, completed, products, buyer
    ("250303A1B2C3D4", "Completed", "2025-03-05 23:59", "2025-03-04 10:00", "2025-03-03 08:15", "2025-03-03 08:16", "2025-03-07 14:00", ["Batik scarf", "Gift box"], "rina_contoh"),
    ("250303E5F6G7H8", "Completed", "2025-03-05 23:59", "2025-03-06 09:30", "2025-03-03 21:40", "2025-03-03 21:45", "2025-03-09 10:00", ["Batik shirt"], "budi.fiktif"),
    ("250304J9K0L1M2", "Shipping", "2025-03-06 23:59", "2025-03-05 15:20", "2025-03-04 12:00", "2025-03-04 12:05", "", ["Batik scarf"], "sari_percobaan"),
    ("250305N3P4Q5R6", "Cancelled", "2025-03-07 23:59", "", "2025-03-05 07:30", "", "", ["Tote bag"], "dewi_contoh"),
    ("250306S7T8U9V0", "To ship", "2025-03-08 23:59", "", "2025-03-06 19:05", "2025-03-06 19:06", "", ["Batik shirt", "Tote bag"], "agus.fiktif"),
]


def main(out: Path) -> None:
    workbook = xlsxwriter.Workbook(str(out))
    workbook.set_properties({"created": dt.datetime(2025, 3, 10), "author": "sopgen example"})
    sheet = workbook.add_worksheet("orders")
    sheet.write_row(0, 0, COLUMNS)
    row = 1
    for number, (order, status, ship_by, shipped, created, paid, completed, products, buyer) in enumerate(ORDERS):
        for product in products:
            values = dict.fromkeys(COLUMNS, "")
            values.update(
                {
                    "Order ID": order, "Order Status": status, "Tracking Number*": f"SPXID0{number}123456" if shipped else "",
                    "Shipping Option": "SPX Standard", "Estimated Ship Out Date": ship_by, "Ship Time": shipped,
                    "Order Creation Date": created, "Order Paid Time": paid, "Product Name": product, "Quantity": "1",
                    "Username (Buyer)": buyer, "Receiver Name": buyer.replace("_", " ").replace(".", " ").title(),
                    "Phone Number": f"62812000{number:04d}", "Delivery Address": f"Jalan Contoh No. {number + 1}, Yogyakarta",
                    "City": "Yogyakarta", "Province": "DI Yogyakarta", "Order Complete Time": completed,
                }
            )
            sheet.write_row(row, 0, list(values.values()))
            row += 1
    workbook.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "examples" / "shopee-orders.xlsx")

"""Shopify, WooCommerce and Shopee order exports: orders as cases, time points as activities."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_logs import (
    EXAMPLES,
    SHOPEE_OTHER,
    edges_by_pair,
    measured_json,
    run,
    shopee_export,
    shopify_export,
    woocommerce_export,
    write_csv,
)

ORDERS = [
    {"Name": "#1", "Created at": "2025-03-03 09:00:00 +0100", "Paid at": "2025-03-03 09:10:00 +0100", "Fulfilled at": "2025-03-03 15:10:00 +0100", "items": 3},
    {"Name": "#2", "Created at": "2025-03-04 10:00:00 +0100", "Paid at": "2025-03-04 10:20:00 +0100", "Fulfilled at": "2025-03-05 10:20:00 +0100"},
    {"Name": "#3", "Created at": "2025-03-05 11:00:00 +0100", "Cancelled at": "2025-03-05 13:00:00 +0100", "items": 2},
]


def test_shopify_export_worked_example_numbers():
    data = measured_json(EXAMPLES / "shopify-orders.csv")
    assert [Path(name).name for name in data["source"].pop("files")] == ["shopify-orders.csv"]
    assert data["source"] == {
        "format": "shopify",
        "events": 23,
        "cases": 8,
        "first": "2025-03-03T09:00:00+01:00",
        "last": "2025-03-10T11:03:00+01:00",
        "skipped_rows": 0,
        "zone": "+01:00",
        "start_times": False,
        "resources": False,
        "orders": 8,
    }
    edges = edges_by_pair(data)
    assert edges[("created", "paid")] == {"from": "created", "to": "paid", "count": 7, "mean_minutes": 30 / 7, "median_minutes": 4.0, "p90_minutes": pytest.approx(7.0)}
    assert edges[("paid", "fulfilled")] == {
        "from": "paid", "to": "fulfilled", "count": 6, "mean_minutes": 12058 / 6, "median_minutes": 2039.0, "p90_minutes": 3270.0,
    }
    assert edges[("created", "cancelled")]["mean_minutes"] == 2880.0 and edges[("paid", "cancelled")]["mean_minutes"] == 840.0
    assert data["variants"][0] == {"activities": ["created", "paid", "fulfilled"], "cases": 6}
    assert data["volume"] == {
        "days": 7, "cases_per_day_mean": 8 / 7, "by_weekday": {"Mon": 2.0, "Tue": 1.0, "Wed": 1.0, "Thu": 1.0, "Fri": 1.0, "Sat": 1.0, "Sun": 1.0},
        "working_days": 5, "cases_per_working_day": 1.6,
    }


def test_shopify_line_items_make_one_case_and_empty_time_points_no_event(tmp_path: Path):
    data = measured_json(shopify_export(tmp_path / "orders_export.csv", ORDERS))
    assert (data["source"]["cases"], data["source"]["events"]) == (3, 8)
    assert edges_by_pair(data)[("paid", "fulfilled")]["mean_minutes"] == (360 + 1440) / 2
    assert edges_by_pair(data)[("created", "cancelled")]["mean_minutes"] == 120.0


def test_shopify_older_export_without_cancelled_and_with_fulfillment_date(tmp_path: Path):
    columns = ("Name", "Email", "Financial Status", "Paid at", "Fulfillment Date", "Created at")
    orders = [{"Name": "#7", "Created at": "2025-03-03 09:00:00 +0100", "Paid at": "2025-03-03 09:05:00 +0100", "Fulfillment Date": "2025-03-03 11:05:00 +0100"}]
    data = measured_json(shopify_export(tmp_path / "old.csv", orders, columns=columns))
    assert edges_by_pair(data)[("paid", "fulfilled")]["mean_minutes"] == 120.0


def test_values_that_went_through_a_spreadsheet(tmp_path: Path):
    # An Excel serial date (45719.375 is 2025-03-03 09:00 in the shop's zone) and a leading apostrophe.
    orders = [
        {"Name": "'#9", "Created at": "45719.375", "Paid at": "'2025-03-03 09:30:00 +0100"},
        {"Name": "#9", "Fulfilled at": "2025-03-03 12:30:00 +0100"},
    ]
    data = measured_json(shopify_export(tmp_path / "from-excel.csv", orders), "--tz", "Europe/Copenhagen")
    assert data["source"]["cases"] == 1
    assert edges_by_pair(data)[("created", "paid")]["mean_minutes"] == 30.0
    assert edges_by_pair(data)[("paid", "fulfilled")]["mean_minutes"] == 180.0


def test_an_order_in_two_monthly_exports_counts_once(tmp_path: Path):
    march = shopify_export(tmp_path / "march.csv", [ORDERS[0]])
    april = shopify_export(tmp_path / "april.csv", [ORDERS[0], ORDERS[1]])
    data = measured_json(march, april)
    assert data["source"]["cases"] == 2 and edges_by_pair(data)[("created", "paid")]["count"] == 2


def test_shopify_export_without_created_at(tmp_path: Path):
    path = write_csv(tmp_path / "orders.csv", ("Name", "Financial Status", "Paid at", "Create at"), [("#1", "paid", "", "")])
    code, out, err = run("measure", path)
    assert code == 2 and out == ""
    assert err.startswith(f"{path}: error: no column 'Created at' (when the order was created)\n  hint: closest match: 'Create at'")


def test_unreadable_shopify_time_names_the_spreadsheet_row(tmp_path: Path):
    orders = [ORDERS[0], {"Name": "#2", "Created at": "31/02/2025 kl. 10"}]
    path = shopify_export(tmp_path / "orders.csv", orders)
    code, _out, err = run("measure", path)
    assert code == 2
    # The header is row 1, order #1 takes rows 2 to 4.
    assert err.startswith(f"{path}: row 5: error: cannot read the time '31/02/2025 kl. 10' in column 'Created at'")


def test_woocommerce_export():
    data = measured_json(EXAMPLES / "woocommerce-orders.csv", "--tz", "Asia/Jakarta")
    assert data["source"]["format"] == "woocommerce" and data["source"]["cases"] == 6
    assert data["source"]["statuses"] == {"completed": 3, "cancelled": 1, "on-hold": 1, "processing": 1}
    edges = edges_by_pair(data)
    assert (edges[("created", "paid")]["count"], edges[("created", "paid")]["median_minutes"]) == (4, 1.5)
    assert edges[("paid", "completed")]["mean_minutes"] == (1606 + 2520 + 1380) / 3
    assert data["source"]["first"] == "2025-03-03T10:12:00+07:00"


def test_woocommerce_product_rows_make_one_order(tmp_path: Path):
    orders = [{"Order Number": "5", "Order Status": "completed", "Order Date": "2025-03-03 10:00", "Paid Date": "2025-03-03 10:05", "Completed Date": "2025-03-04 10:05", "items": 4}]
    data = measured_json(woocommerce_export(tmp_path / "orders-export.csv", orders))
    assert (data["source"]["cases"], data["source"]["events"]) == (1, 3)


def test_shopee_export_with_ship_by_deadline():
    data = measured_json(EXAMPLES / "shopee-orders.xlsx", "--tz", "Asia/Jakarta")
    assert data["source"]["format"] == "shopee" and data["source"]["cases"] == 5
    assert data["ship_by"] == {"orders": 5, "shipped_in_time": 2, "shipped_late": 1, "open_past_deadline": 1}
    edges = edges_by_pair(data)
    assert edges[("paid", "shipped")]["median_minutes"] == 1635.0
    assert edges[("shipped", "completed")]["count"] == 2


def test_shopee_export_in_indonesian(tmp_path: Path):
    header = ("No. Pesanan", "Status Pesanan", "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)", "Waktu Pengiriman Diatur", "Waktu Pesanan Dibuat", "Waktu Pembayaran Dilakukan", "Waktu Pesanan Selesai", "Nama Penerima")
    orders = [
        {
            "No. Pesanan": "2503A", "Status Pesanan": "Selesai", "Pesanan Harus Dikirimkan Sebelum (Menghindari keterlambatan)": "2025-03-04 23:59",
            "Waktu Pengiriman Diatur": "2025-03-05 08:00", "Waktu Pesanan Dibuat": "2025-03-03 08:00", "Waktu Pembayaran Dilakukan": "2025-03-03 08:30",
            "Waktu Pesanan Selesai": "2025-03-07 08:00", "items": 2,
        }
    ]
    data = measured_json(shopee_export(tmp_path / "Order.all.xlsx", orders, header=header), "--tz", "Asia/Jakarta")
    assert data["source"]["format"] == "shopee" and data["source"]["events"] == 4
    assert data["ship_by"]["shipped_late"] == 1
    assert edges_by_pair(data)[("paid", "shipped")]["mean_minutes"] == 47.5 * 60


def test_shopee_date_cells_typed_by_excel(tmp_path: Path):
    import datetime as dt

    import xlsxwriter

    path = tmp_path / "typed.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, SHOPEE_OTHER)
    sheet.write(1, 0, "2503B")
    sheet.write_datetime(1, 4, dt.datetime(2025, 3, 3, 8, 0), date_format)
    sheet.write_datetime(1, 5, dt.datetime(2025, 3, 3, 8, 45), date_format)
    workbook.close()
    data = measured_json(path, "--tz", "Asia/Jakarta")
    assert edges_by_pair(data)[("created", "paid")]["mean_minutes"] == 45.0


def test_source_option_forces_the_export_format(tmp_path: Path):
    # Renamed columns that recognition cannot place; --source says what the file is, and the message says what is missing.
    path = write_csv(tmp_path / "export.csv", ("Order Number", "Date"), [("1", "2025-03-03 08:00")])
    code, _out, err = run("measure", path, "--source", "woocommerce")
    assert code == 2
    assert "no column 'Order Date' (when the order was created)" in err and "is this a WooCommerce orders export?" in err

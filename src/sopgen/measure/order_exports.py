"""Shopify, WooCommerce and Shopee order exports as events: each order a case, each time point an activity.

Exports have one row per line item (product, SKU); order-level fields may be filled on the
order's first row only, so each order takes, per column, the first value its rows have. Only
the order id, its time points, its status and its ship-by deadline are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sopgen.i18n.interface import _
from sopgen.measure.times import TimeColumn, parse_times

if TYPE_CHECKING:
    import polars as pl

    from sopgen.measure.tables import TableFile


class TimePoint(NamedTuple):
    activity: str  # the activity name it becomes in the log
    columns: tuple[str, ...]  # names the column goes by: versions and languages of the export


class ExportSpec(NamedTuple):
    name: str
    title: str
    keys: tuple[str, ...]  # the order id, by preference
    times: tuple[TimePoint, ...]  # the first is the order's creation, which every export has
    status: tuple[str, ...] = ()
    deadline: tuple[str, ...] = ()  # Shopee's ship-by date
    signature: tuple[tuple[str, ...], ...] = ()  # columns that, all present, say "this is that export"

    def created_column(self, table: TableFile) -> str | None:
        from sopgen.measure.tables import find_column

        return find_column(table.header, self.times[0].columns)


SHOPIFY = ExportSpec(
    "shopify",
    "Shopify",
    keys=("Name", "Id", "Order Name", "Order"),
    times=(
        TimePoint("created", ("Created at", "Created At", "created_at")),
        TimePoint("paid", ("Paid at", "paid_at")),
        TimePoint("fulfilled", ("Fulfilled at", "Fulfillment Date", "Fulfilled Date", "fulfilled_at")),
        TimePoint("cancelled", ("Cancelled at", "cancelled_at")),
    ),
    signature=(("Name", "Created at"), ("Name", "Financial Status"), ("Id", "Created at", "Lineitem name")),
)
WOOCOMMERCE = ExportSpec(
    "woocommerce",
    "WooCommerce",
    keys=("Order Number", "Order ID", "Order No"),
    times=(
        TimePoint("created", ("Order Date", "Date Created", "order_date")),
        TimePoint("paid", ("Paid Date", "Date Paid", "paid_date")),
        TimePoint("completed", ("Completed Date", "Date Completed", "completed_date")),
    ),
    status=("Order Status", "Status"),
    signature=(("Order Number", "Order Date"), ("Order Number", "Order Status")),
)
SHOPEE = ExportSpec(
    "shopee",
    "Shopee",
    keys=("Order ID", "No. Pesanan"),
    times=(
        TimePoint("created", ("Order Creation Date", "Waktu Pesanan Dibuat")),
        TimePoint("paid", ("Order Paid Time", "Waktu Pembayaran Dilakukan")),
        TimePoint("shipped", ("Ship Time", "Waktu Pengiriman Diatur")),
        TimePoint("completed", ("Order Complete Time", "Waktu Pesanan Selesai")),
    ),
    status=("Order Status", "Status Pesanan"),
    deadline=("Estimated Ship Out Date", "Pesanan Harus Dikirimkan Sebelum"),
    signature=(("Order ID", "Order Creation Date"), ("No. Pesanan", "Waktu Pesanan Dibuat")),
)
SPECS = {spec.name: spec for spec in (SHOPIFY, WOOCOMMERCE, SHOPEE)}
ACTIVITY_RANK = 8  # room for each export's time points, in their order, behind a row's position


def recognise(table: TableFile, forced: str | None) -> ExportSpec | None:
    """The export this table is (forced by --source, or recognised by its columns); None for an event log."""
    from sopgen.measure.tables import find_column

    if forced in SPECS:
        return SPECS[forced]
    if forced is not None:
        return None
    for spec in (SHOPEE, WOOCOMMERCE, SHOPIFY):
        if any(all(find_column(table.header, (name,)) for name in names) for names in spec.signature):
            return spec
    return None


def read_orders(members: Sequence[tuple[TableFile, ExportSpec]], zone: str) -> tuple[pl.DataFrame, int, dict[str, Any]]:
    """Events of every order in the files of one export format; an order in several files counts once."""
    import polars as pl

    spec = members[0][1]
    parts = [_order_rows(table, spec, zone, file_index) for file_index, (table, spec) in enumerate(members)]
    rows = pl.concat([part for part, _skipped in parts], how="diagonal_relaxed")
    skipped = sum(count for _part, count in parts)
    columns = [point.activity for point in spec.times if point.activity in rows.columns] + [name for name in ("status", "deadline") if name in rows.columns]
    orders = rows.group_by("case", maintain_order=True).agg(
        pl.col("seq").first(),
        pl.col("rows").sum(),
        *(pl.col(column).drop_nulls().first() for column in columns),
    )
    events = pl.concat(
        [
            orders.select(
                pl.col("case").cast(pl.Categorical),
                pl.lit(point.activity).cast(pl.Categorical).alias("activity"),
                pl.col(point.activity).alias("time"),
                (pl.col("seq") * ACTIVITY_RANK + rank).alias("seq"),
            )
            for rank, point in enumerate(spec.times)
            if point.activity in orders.columns
        ]
    ).filter(pl.col("time").is_not_null())
    without_events = orders.filter(pl.all_horizontal(pl.col(point.activity).is_null() for point in spec.times if point.activity in orders.columns))
    skipped += int(without_events["rows"].sum() or 0)
    details: dict[str, Any] = {"orders": orders.height - without_events.height}
    if "status" in orders.columns:
        statuses = orders.filter(pl.col("status").is_not_null()).group_by(pl.col("status").str.to_lowercase()).len().sort(["len", "status"], descending=[True, False])
        details["statuses"] = {row["status"]: row["len"] for row in statuses.to_dicts()}
    if "deadline" in orders.columns:
        details["ship_by"] = _ship_by(orders, events)
    return events, skipped, details


def _order_rows(table: TableFile, spec: ExportSpec, zone: str, file_index: int) -> tuple[pl.DataFrame, int]:
    """One file's rows: the order id, its parsed time points, status and deadline; rows without an id skipped."""
    import polars as pl

    from sopgen.measure.tables import find_column, missing_columns

    key = find_column(table.header, spec.keys)
    created = spec.created_column(table)
    missing = ([(spec.keys[0], _("the order id"), spec.keys)] if key is None else []) + (
        [(spec.times[0].columns[0], _("when the order was created"), spec.times[0].columns)] if created is None else []
    )
    if missing:
        raise missing_columns(table, missing, _("is this a {export} orders export? Give --source to say what the file is").format(export=spec.title))
    found = {point.activity: find_column(table.header, point.columns) for point in spec.times}
    status = find_column(table.header, spec.status) if spec.status else None
    deadline = find_column(table.header, spec.deadline, prefix=True) if spec.deadline else None
    wanted = [key, *(column for column in found.values() if column), *(column for column in (status, deadline) if column)]
    raw = table.texts(wanted)
    order_id = pl.col(key).cast(pl.String).str.strip_chars().str.strip_prefix("'").str.strip_chars()
    raw = raw.with_columns(pl.when(order_id == "").then(None).otherwise(order_id).alias("case"))
    kept = raw.filter(pl.col("case").is_not_null())
    rows = kept["seq"] + table.first_row()
    parsed = {
        activity: parse_times(TimeColumn(column, kept[column].cast(pl.String), rows), zone, table.row_source)
        for activity, column in found.items()
        if column is not None
    }
    if deadline:
        parsed["deadline"] = parse_times(TimeColumn(deadline, kept[deadline].cast(pl.String), rows), zone, table.row_source)
    frame = kept.select(
        pl.col("case"),
        (pl.col("seq").cast(pl.Int64) + (file_index << 36)).alias("seq"),
        pl.lit(1, dtype=pl.Int64).alias("rows"),
        *([pl.col(status).cast(pl.String).str.strip_chars().alias("status")] if status else []),
    ).with_columns(*(series.alias(name) for name, series in parsed.items()))
    return frame, raw.height - kept.height


def _ship_by(orders: pl.DataFrame, events: pl.DataFrame) -> dict[str, int]:
    """Orders with a ship-by deadline: shipped in time, shipped late, not shipped (nor cancelled) and past it at the log's end."""
    import polars as pl

    if "shipped" not in orders.columns:
        orders = orders.with_columns(pl.lit(None, dtype=orders["deadline"].dtype).alias("shipped"))
    with_deadline = orders.filter(pl.col("deadline").is_not_null())
    end = events["time"].max()
    shipped = pl.col("shipped")
    cancelled = pl.col("status").str.to_lowercase().str.contains("cancel|batal").fill_null(False) if "status" in orders.columns else pl.lit(False)
    counts = with_deadline.select(
        pl.len().alias("orders"),
        (shipped <= pl.col("deadline")).sum().alias("shipped_in_time"),
        (shipped > pl.col("deadline")).sum().alias("shipped_late"),
        (shipped.is_null() & ~cancelled & (pl.col("deadline") < pl.lit(end))).sum().alias("open_past_deadline"),
    )
    return {name: int(value or 0) for name, value in counts.row(0, named=True).items()}

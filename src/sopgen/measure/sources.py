"""Each log or export recognised and read into one columnar event table: case, activity, time, start, resource.

CSV, XLSX and Parquet are read by polars (XLSX through fastexcel), XES with lxml's streaming
parser; only the columns a measurement needs are read, so names, e-mails, addresses and phone
numbers in an export are never loaded at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _
from sopgen.measure.times import UTC, TimeColumn, common_offset, parse_times

if TYPE_CHECKING:
    import polars as pl

from sopgen.measure.memory import check_memory
from sopgen.measure.tables import TableFile, container_of, find_column, missing_columns, open_table

SOURCES = ("shopify", "woocommerce", "shopee", "csv", "xes", "parquet")

# Column names tried when none is given; pm4py/XES names first, then the common ones.
CASE_NAMES = ("case:concept:name", "case_id", "case id", "caseid", "case")
ACTIVITY_NAMES = ("concept:name", "activity", "activity name", "event")
TIMESTAMP_NAMES = ("time:timestamp", "timestamp", "complete_timestamp", "end_timestamp", "time")
START_NAMES = ("start_timestamp", "start timestamp", "start_time", "start")
RESOURCE_NAMES = ("org:resource", "resource", "user")

# How much memory reading takes for each byte of a file, measured on this project's benchmark logs
# and rounded up: a CSV event log becomes a table about 3.5 times its size while it is sorted.


@dataclass(frozen=True)
class ReadOptions:
    """What the user said about the files: their kind, their column names, the shop's time zone."""

    source: str | None = None
    case: str | None = None
    activity: str | None = None
    timestamp: str | None = None
    start: str | None = None
    resource: str | None = None
    zone: str | None = None


@dataclass(frozen=True)
class EventLog:
    """Events of all files: case and activity (categorical), time and start (UTC), resource, file order."""

    events: "pl.DataFrame"
    formats: tuple[str, ...]
    skipped_rows: int
    zone: str
    has_start: bool
    has_resource: bool
    details: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- reading


def read_logs(paths: Sequence[Path], options: ReadOptions, shown: Callable[[Path], str] = str) -> EventLog:
    """Every file read and recognised, then one event table; every export format merges its orders across files."""
    import polars as pl

    from sopgen.measure import order_exports

    if options.source is not None and options.source not in SOURCES:
        from sopgen.blueprints.hints import choices_hint

        raise InputError.single(Source("--source"), _("unknown source '{source}'").format(source=options.source), choices_hint(options.source, SOURCES))
    located = [(path, shown(path), container_of(path, shown(path))) for path in paths]
    check_memory(located)
    zone = options.zone
    frames: list[pl.DataFrame] = []
    formats: list[str] = []
    skipped = 0
    details: dict[str, Any] = {}
    exports: dict[str, list[tuple[TableFile, order_exports.ExportSpec]]] = {}
    tables: list[tuple[str, Any]] = []
    for file_index, (path, name, container) in enumerate(located):
        if container == "xes" or options.source == "xes":
            if container != "xes":
                raise InputError.single(Source(name), _("this is not an XES file"), _("leave out --source to let sopgen recognise the file"))
            tables.append(("xes", (path, name, file_index)))
            continue
        table = open_table(path, name, container)
        spec = order_exports.recognise(table, options.source)
        if spec is not None:
            exports.setdefault(spec.name, []).append((table, spec))
        else:
            if options.source in ("parquet",) and container != "parquet":
                raise InputError.single(Source(name), _("this is not a Parquet file"), _("leave out --source to let sopgen recognise the file"))
            tables.append(("log", (table, file_index)))
    if zone is None:
        zone = _zone_from_data(exports, tables, options)
    for kind, item in tables:
        if kind == "xes":
            from sopgen.measure.xes import read_xes

            path, name, file_index = item
            frame, file_skipped = read_xes(path, name, zone, file_index)
            frames.append(frame)
            skipped += file_skipped
            formats.append("xes")
        elif kind == "log":
            table, file_index = item
            frame, file_skipped = read_event_table(table, options, zone, file_index)
            frames.append(frame)
            skipped += file_skipped
            formats.append(table.container)
    for name, members in exports.items():
        frame, file_skipped, export_details = order_exports.read_orders(members, zone)
        frames.append(frame)
        skipped += file_skipped
        details.update(export_details)
        formats.append(name)
    events = pl.concat(frames, how="diagonal_relaxed") if len(frames) > 1 else frames[0]
    if events.height == 0:
        raise InputError.single(
            Source(located[0][1]),
            _("the log has no events"),
            _("each event needs a case, an activity and a time; an order export needs at least the order's creation time"),
        )
    has_start = "start" in events.columns and events["start"].null_count() < events.height
    has_resource = "resource" in events.columns and events["resource"].null_count() < events.height
    for column, dtype in (("start", pl.Datetime("us", UTC)), ("resource", pl.String)):
        if column not in events.columns:
            events = events.with_columns(pl.lit(None, dtype=dtype).alias(column))
    events = events.select("case", "activity", "time", "start", "resource", "seq")
    return EventLog(events, tuple(dict.fromkeys(formats)), skipped, zone, has_start, has_resource, details)


def _zone_from_data(exports: dict[str, list[tuple[TableFile, Any]]], tables: list[tuple[str, Any]], options: ReadOptions) -> str:
    """Without --tz or a profile: the offset most times in the data carry, else their own wall clock (UTC)."""
    for members in exports.values():
        for table, spec in members:
            column = spec.created_column(table)
            if column is not None and table.container != "parquet":
                offset = common_offset(table.texts([column], rows=2000)[column])
                if offset:
                    return offset
    for kind, item in tables:
        if kind == "xes":
            offset = _xes_offset(item[0])
            if offset:
                return offset
        if kind == "log":
            table = item[0]
            column = _choose(table, options.timestamp, TIMESTAMP_NAMES, "--timestamp", _("the time of each event"), required=False)
            if column is not None and table.container != "parquet":
                offset = common_offset(table.texts([column], rows=2000)[column])
                if offset:
                    return offset
    return UTC


def _xes_offset(path: Path) -> str | None:
    """The offset most of the first event times of an XES file carry."""
    import polars as pl

    with path.open("rb") as stream:
        head = stream.read(256 * 1024).decode("utf-8", errors="replace")
    values = re.findall(r'key="time:timestamp"\s+value="([^"]+)"', head)
    return common_offset(pl.Series(values, dtype=pl.String)) if values else None


def _choose(table: TableFile, given: str | None, names: Sequence[str], option: str, what: str, required: bool = True) -> str | None:
    if given is not None:
        found = find_column(table.header, (given,))
        if found is None:
            raise missing_columns(table, [(given, what)])
        return found
    found = find_column(table.header, names)
    if found is None and required:
        raise missing_columns(table, [(names[0], what, names)], _("name the column with {option}").format(option=option))
    return found


def read_event_table(table: TableFile, options: ReadOptions, zone: str, file_index: int) -> tuple["pl.DataFrame", int]:
    """An event log in a table: one row an event, with case, activity and time columns."""
    import polars as pl

    wanted = {
        "case": (options.case, CASE_NAMES, _("the case: an order or ticket id")),
        "activity": (options.activity, ACTIVITY_NAMES, _("the activity")),
        "time": (options.timestamp, TIMESTAMP_NAMES, _("the time of each event")),
    }
    needed = {key: find_column(table.header, (given,) if given else names) for key, (given, names, _what) in wanted.items()}
    missing = [(given or names[0], what, (given,) if given else names) for key, (given, names, what) in wanted.items() if needed[key] is None]
    if missing:
        advice = _("name the columns with --case, --activity and --timestamp, or give --source shopify, woocommerce or shopee for an order export")
        raise missing_columns(table, missing, advice)
    start = _choose(table, options.start, START_NAMES, "--start", _("the start of each event"), required=options.start is not None)
    resource = _choose(table, options.resource, RESOURCE_NAMES, "--resource", _("who did it"), required=options.resource is not None)
    chosen = {"case": needed["case"], "activity": needed["activity"], "time": needed["time"], "start": start, "resource": resource}
    frame = table.read(
        [
            pl.col(needed["case"]).cast(pl.String).cast(pl.Categorical).alias("case"),
            pl.col(needed["activity"]).cast(pl.String).cast(pl.Categorical).alias("activity"),
            *(expression for name, column in (("time", needed["time"]), ("start", start)) if column for expression in _time_columns(table, name, column, zone)),
            *([pl.col(resource).cast(pl.String).alias("resource")] if resource else []),
        ]
    )
    for name in ("time", "start"):
        if f"{name}_unread" in frame.columns:
            if frame[f"{name}_unread"].any():
                column = chosen[name]
                texts = table.texts([column])
                parsed = parse_times(TimeColumn(column, texts[column], texts["seq"] + table.first_row()), zone, table.row_source)
                frame = frame.with_columns(parsed.alias(name))
            frame = frame.drop(f"{name}_unread")
    incomplete = sum(frame[name].null_count() for name in ("case", "activity", "time"))
    events = frame.filter(pl.col("case").is_not_null() & pl.col("activity").is_not_null() & pl.col("time").is_not_null()) if incomplete else frame
    skipped = frame.height - events.height
    if start:
        _check_start_before_end(events, table, events["seq"] + table.first_row())
    return events.with_columns((pl.col("seq").cast(pl.Int64) + (file_index << 40)).alias("seq")), skipped


def _time_columns(table: TableFile, name: str, column: str, zone: str) -> list["pl.Expr"]:
    """A time column read in the lazy query in the form its first values have, and which values that form missed."""
    import polars as pl

    from sopgen.measure.times import guess_format, time_expression

    if table.container == "parquet":
        dtype = pl.read_parquet_schema(table.path)[column]
        if isinstance(dtype, (pl.Datetime, pl.Date)):
            return [_typed_time(pl.col(column), dtype, zone).alias(name)]
    form = guess_format(table.texts([column], rows=1000)[column]) or "%Y-%m-%dT%H:%M:%S%.f%z"
    text = pl.col(column).cast(pl.String)
    parsed = time_expression(text, form, zone)
    unread = parsed.is_null() & text.is_not_null()  # blank text also counts, and the careful reading skips it
    return [parsed.alias(name), unread.alias(f"{name}_unread")]


def _typed_time(column: "pl.Expr", dtype: object, zone: str) -> "pl.Expr":
    """A Parquet time column: with a zone it is an instant; without, a wall-clock time in the shop's zone."""
    import polars as pl

    if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
        return column.dt.cast_time_unit("us").dt.convert_time_zone(UTC)
    naive = column.cast(pl.Datetime("us"))
    return naive.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null").dt.convert_time_zone(UTC)


def _check_start_before_end(events: "pl.DataFrame", table: TableFile, rows: "pl.Series") -> None:
    late = (events["start"] > events["time"]).fill_null(False)
    if late.any():
        index = late.arg_true()[0]
        raise InputError.single(
            table.row_source(int(rows[index])),
            _("the event starts after it ends ({start} after {end})").format(start=events["start"][index].isoformat(), end=events["time"][index].isoformat()),
            _("check the start and end columns; they may be swapped"),
        )

"""Time points in logs and exports read as instants: ISO 8601, exports' own forms, Excel serial dates."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sopgen.errors import InputError, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    import polars as pl

# Tried in this order on the whole column; a later form only on the values still unread.
AWARE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%:z",  # ISO 8601 to the second: the quickest to read, so tried first
    "%Y-%m-%d %H:%M:%S %z",  # Shopify: 2024-03-05 14:22:10 +0100
    "%Y-%m-%dT%H:%M:%S%.f%z",  # ISO 8601 with fractions, XES, pm4py
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M %z",
)
NAIVE_FORMATS = (
    "%Y-%m-%d %H:%M:%S%.f",  # WooCommerce, data warehouses
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",  # Shopee
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EXCEL_SERIAL = r"^\d{4,6}(\.\d+)?$"  # days since 1899-12-30: 45356.59 is 2024-03-05 14:09
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$|Z$")
UTC = "UTC"


class TimeColumn(NamedTuple):
    """A column of raw time texts and where each came from, to name the row of an unreadable one."""

    column: str  # the header, as the file spells it
    values: "pl.Series"  # strings, nulls where empty
    rows: "pl.Series"  # the row or line number of each value, as a person finds it in the file


def valid_zone(name: str, where: Source) -> str:
    """An IANA time zone name (Europe/Copenhagen, Asia/Jakarta) or a fixed offset (+07:00)."""
    if re.fullmatch(r"[+-]\d{2}:\d{2}", name):
        return name
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InputError.single(
            where,
            _("unknown time zone '{zone}'").format(zone=name),
            _("use a name such as Europe/Copenhagen, Asia/Taipei or Asia/Jakarta, or an offset such as +07:00"),
        ) from None
    return name


def common_offset(values: "pl.Series", sample: int = 2000) -> str | None:
    """The UTC offset most of the first values carry (+01:00), or None when they carry none."""
    counts: Counter[str] = Counter()
    for text in values.drop_nulls().head(sample).to_list():
        match = _OFFSET.search(text.strip())
        if match is None:
            continue
        counts["+00:00" if match.group(0) == "Z" else f"{match.group(1)}{match.group(2)}:{match.group(3)}"] += 1
    return counts.most_common(1)[0][0] if counts else None


def parse_times(column: TimeColumn, zone: str, locate: Callable[[int], Source]) -> "pl.Series":
    """The column as UTC instants; naive times are wall-clock times in `zone`. Empty stays empty.

    `locate` turns a value's row (or line) number into the place an error points at.
    """
    import polars as pl

    raw = _cleaned(column.values)
    result = pl.Series(column.column, [None] * len(raw), dtype=pl.Datetime("us", UTC))
    pending = raw.is_not_null()
    if not pending.any():
        return result
    guessed = guess_format(raw)
    forms = ([guessed] if guessed else []) + [form for form in (*AWARE_FORMATS, *NAIVE_FORMATS) if form != guessed]
    for form in (*forms, None):
        indices = pending.arg_true()
        subset = raw.gather(indices)
        parsed = _excel_serials(subset, zone) if form is None else _parse(subset, form, zone)
        found = parsed.is_not_null()
        if found.any():
            result = result.scatter(indices.filter(found), parsed.filter(found))
            pending = pending.scatter(indices.filter(found), False)
        if not pending.any():
            return result
    first = pending.arg_true()[0]
    row, value = column.rows[first], column.values[first]
    raise InputError.single(
        locate(int(row)),
        _("cannot read the time '{value}' in column '{column}'").format(value=_shown(value), column=column.column),
        _("write times as 2024-03-05 14:22:10 +0100 or 2024-03-05T14:22:10+01:00 (ISO 8601)"),
    )


def guess_format(values: "pl.Series", sample: int = 1000) -> str | None:
    """The first form that reads every one of the first non-empty values as they are, if one does."""
    head = values.drop_nulls().head(sample)
    head = head.filter(head.str.len_bytes() > 0)
    if head.len() == 0:
        return None
    for form in (*AWARE_FORMATS, *NAIVE_FORMATS):
        if head.str.to_datetime(form, strict=False, time_unit="us", exact=True).null_count() == 0:
            return form
    return None


def time_expression(column: "pl.Expr", form: str, zone: str) -> "pl.Expr":
    """A column read in one known form, as UTC instants, inside a lazy query; unreadable values become null."""
    parsed = column.str.to_datetime(form, strict=False, time_unit="us", exact=True)
    if form in NAIVE_FORMATS:
        return parsed.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null").dt.convert_time_zone(UTC)
    return parsed.dt.convert_time_zone(UTC)


def _cleaned(values: "pl.Series") -> "pl.Series":
    """Spreadsheet residue removed: surrounding spaces, the apostrophe that forces text, a Z for UTC."""
    import polars as pl

    text = values.cast(pl.String).str.strip_chars()
    if text.str.starts_with("'").any():
        text = text.str.strip_prefix("'").str.strip_chars()
    text = pl.select(pl.when(text.str.len_bytes() == 0).then(None).otherwise(text)).to_series()
    if text.str.ends_with("Z").any():
        text = text.str.replace(r"Z$", "+00:00")
    return text


def _parse(values: "pl.Series", form: str, zone: str) -> "pl.Series":
    import polars as pl

    return pl.select(time_expression(pl.lit(values), form, zone)).to_series()


def _localized(naive: "pl.Series", zone: str) -> "pl.Series":
    """Wall-clock times in `zone` as UTC instants; a time that a clock change skips stays unread."""
    return naive.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null").dt.convert_time_zone(UTC)


def _excel_serials(values: "pl.Series", zone: str) -> "pl.Series":
    import polars as pl

    serial = pl.select(
        pl.when(values.str.contains(EXCEL_SERIAL)).then(values.cast(pl.Float64, strict=False)).otherwise(None)
    ).to_series()
    microseconds = (serial * 86_400_000_000).round(0).cast(pl.Int64, strict=False)
    naive = pl.select(pl.lit(EXCEL_EPOCH, dtype=pl.Datetime("us")) + pl.duration(microseconds=microseconds)).to_series()
    return _localized(naive, zone)


def _shown(value: object) -> str:
    """A time value for a message: short, and never an e-mail address that a wrong column brought in."""
    text = str(value)
    if "@" in text:
        return "…@…"
    return text if len(text) <= 40 else text[:39] + "…"


def localized_instant(value: dt.datetime, zone: str) -> dt.datetime:
    """A UTC instant shown in the shop's zone (or fixed offset)."""
    if re.fullmatch(r"[+-]\d{2}:\d{2}", zone):
        sign = -1 if zone[0] == "-" else 1
        offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * sign
        return value.astimezone(dt.timezone(offset))
    import zoneinfo

    return value.astimezone(zoneinfo.ZoneInfo(zone))


# The main zone of countries whose shops sopgen knows well; others are looked up in the system's
# time zone table (the first zone listed for the country).
COUNTRY_ZONES = {"DK": "Europe/Copenhagen", "ID": "Asia/Jakarta", "TW": "Asia/Taipei", "SE": "Europe/Stockholm", "NO": "Europe/Oslo", "DE": "Europe/Berlin"}
ZONE_TABLES = (Path("/usr/share/zoneinfo/zone1970.tab"), Path("/usr/share/zoneinfo/zone.tab"))


def country_zone(country: str) -> str | None:
    """The shop's time zone from its country code, where one zone is the obvious choice."""
    if country in COUNTRY_ZONES:
        return COUNTRY_ZONES[country]
    for table in ZONE_TABLES:
        try:
            lines = table.read_text("utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            fields = line.split("\t")
            if len(fields) >= 3 and not line.startswith("#") and country in fields[0].split(","):
                return fields[2]
    return None

"""Directly-follows pairs with their durations, variants and volume: pm4py's definitions, on polars.

A case's events are ordered by time (by start time first where the log has start times, as
pm4py sorts), ties by their order in the files. Each two consecutive events of a case make a
directly-follows pair; its duration runs from the first event's time to the second event's
time, or, with start times, to the second event's start, and is never below 0:
`max(0, start(next) − complete(previous))`. Counts and mean durations are those of pm4py's
`discover_dfg` and `discover_performance_dfg` on the same log; the median is pandas', the p90
the linear-interpolated 90th percentile (numpy's default).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sopgen.errors import Problem, Source
from sopgen.i18n.interface import _
from sopgen.measure.sources import EventLog
from sopgen.measure.times import localized_instant

if TYPE_CHECKING:
    import polars as pl

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WORKING_DAYS = 5  # Monday to Friday: what "orders per working day" in a flow blueprint counts
VARIANTS_SHOWN = 50
MICROSECONDS_PER_MINUTE = 60_000_000


@dataclass(frozen=True)
class Durations:
    """Minutes: how many, their mean, median and 90th percentile."""

    count: int
    mean: float
    median: float
    p90: float

    def as_json(self, prefix: str = "") -> dict[str, Any]:
        return {f"{prefix}mean_minutes": self.mean, f"{prefix}median_minutes": self.median, f"{prefix}p90_minutes": self.p90}


@dataclass(frozen=True)
class Succession:
    """A directly-follows pair of activities and the durations between them."""

    source: str
    target: str
    durations: Durations

    def as_json(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "count": self.durations.count, **self.durations.as_json()}


@dataclass(frozen=True)
class ActivityFigures:
    name: str
    count: int
    cases: int
    handling: Durations | None = None  # complete − start, where the log has start times

    def as_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"name": self.name, "count": self.count, "cases": self.cases}
        if self.handling is not None:
            shown.update(self.handling.as_json("handling_"))
        return shown


@dataclass(frozen=True)
class Volume:
    days: int
    cases_per_day_mean: float
    by_weekday: dict[str, float | None]
    working_days: int
    cases_per_working_day: float

    def as_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "cases_per_day_mean": self.cases_per_day_mean,
            "by_weekday": self.by_weekday,
            "working_days": self.working_days,
            "cases_per_working_day": self.cases_per_working_day,
        }


@dataclass(frozen=True)
class Measurement:
    """What a log says about a flow: its activities, directly-follows pairs, variants and volume."""

    source: dict[str, Any]
    activities: tuple[ActivityFigures, ...]
    edges: tuple[Succession, ...]
    variants: tuple[tuple[tuple[str, ...], int], ...]
    variants_total: int
    volume: Volume
    cases: int
    has_start: bool
    details: dict[str, Any] = field(default_factory=dict)

    def warnings(self) -> list[Problem]:
        """What the user should know about the log: repeated events, a single case."""
        where = Source(self.source["files"][0] if self.source.get("files") else "log")
        found = []
        repeated = self.source.get("duplicate_events", 0)
        if repeated:
            found.append(
                Problem(where, _("{count} events repeat the event before them exactly; each is counted, as pm4py does").format(count=repeated), severity="warning")
            )
        if self.cases == 1:
            found.append(Problem(where, _("the log has one case only; its figures say little"), severity="warning"))
        return found

    def activity(self, name: str) -> ActivityFigures | None:
        return next((figures for figures in self.activities if figures.name == name), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "activities": [figures.as_json() for figures in self.activities],
            "edges": [edge.as_json() for edge in self.edges],
            "variants": [{"activities": list(names), "cases": count} for names, count in self.variants],
            "variants_total": self.variants_total,
            "volume": self.volume.as_json(),
            **self.details,
        }


# ---------------------------------------------------------------- the definitions


def in_case_order(events: pl.DataFrame) -> pl.DataFrame:
    """Events grouped by case, each case's in time order (start first where known), ties in file order."""
    import polars as pl

    keys = [pl.col("case_code"), pl.col("start").fill_null(pl.col("time")), pl.col("time"), pl.col("seq")]
    if events["start"].null_count() == events.height:
        del keys[1]  # no start times: the same order, one sort key less
    coded = events.with_columns(pl.col("case").to_physical().alias("case_code"))
    if coded.select(_in_order(keys)).item():
        return coded  # logs usually come grouped by case, in time order: nothing to sort
    return coded.sort(keys)


def _in_order(keys: list[pl.Expr]) -> pl.Expr:
    """Whether every row comes before the next by the keys, compared left to right."""
    ordered = keys[-1] <= keys[-1].shift(-1)
    for key in reversed(keys[:-1]):
        ordered = (key < key.shift(-1)) | ((key == key.shift(-1)) & ordered)
    return ordered.fill_null(True).all()


def successions(ordered: pl.DataFrame, label: str = "activity") -> pl.DataFrame:
    """Consecutive events of each case: source, target and the minutes between them (never below 0)."""
    import polars as pl

    next_start = pl.col("start").shift(-1).fill_null(pl.col("time").shift(-1))
    gap = (next_start - pl.col("time")).dt.total_microseconds() / MICROSECONDS_PER_MINUTE
    return ordered.select(
        pl.col(label).alias("source"),
        pl.col(label).shift(-1).alias("target"),
        pl.max_horizontal(gap, pl.lit(0.0)).alias("minutes"),
        (pl.col("case_code") == pl.col("case_code").shift(-1)).alias("same_case"),
        pl.col("case_code"),
    ).filter(pl.col("same_case")).drop("same_case")


def duration_figures(minutes: pl.Expr) -> list[pl.Expr]:
    return [
        minutes.len().alias("count"),
        minutes.mean().alias("mean"),
        minutes.median().alias("median"),
        minutes.quantile(0.9, interpolation="linear").alias("p90"),
    ]


def _durations(row: dict[str, Any]) -> Durations:
    return Durations(int(row["count"]), float(row["mean"]), float(row["median"]), float(row["p90"]))


def edge_figures(pairs: pl.DataFrame) -> tuple[Succession, ...]:
    import polars as pl

    grouped = pairs.group_by("source", "target").agg(duration_figures(pl.col("minutes")))
    rows = grouped.with_columns(pl.col("source").cast(pl.String), pl.col("target").cast(pl.String)).sort(
        ["count", "source", "target"], descending=[True, False, False]
    )
    return tuple(Succession(row["source"], row["target"], _durations(row)) for row in rows.to_dicts())


def measure(log: EventLog, paths: tuple[str, ...] = ()) -> Measurement:
    ordered = in_case_order(log.events)
    cases = ordered["case_code"].n_unique()
    edges = edge_figures(successions(ordered))
    activities = _activity_figures(ordered, log.has_start)
    variants, total = _variants(ordered)
    first, last = ordered["time"].min(), ordered["time"].max()
    earliest_start = ordered["start"].min()
    if earliest_start is not None and earliest_start < first:
        first = earliest_start
    source = {
        "format": "+".join(log.formats),
        "files": list(paths),
        "events": ordered.height,
        "cases": cases,
        "first": localized_instant(first, log.zone).isoformat(),
        "last": localized_instant(last, log.zone).isoformat(),
        "skipped_rows": log.skipped_rows,
        "zone": log.zone,
        "start_times": log.has_start,
        "resources": log.has_resource,
    }
    details = dict(log.details)
    repeated = _repeated_events(ordered)
    if repeated:
        source["duplicate_events"] = repeated
    source.update({key: details.pop(key) for key in ("orders", "statuses", "duplicate_events") if key in details})
    return Measurement(source, activities, edges, variants, total, volume(ordered, log.zone), cases, log.has_start, details)


def _repeated_events(ordered: pl.DataFrame) -> int:
    """Events that repeat the event before them in their case exactly (pm4py counts each, and so does sopgen)."""
    import polars as pl

    same = [pl.col(name).eq_missing(pl.col(name).shift(1)) for name in ("case_code", "activity", "time", "start")]
    return int(ordered.select(pl.all_horizontal(same).sum()).item())


def _activity_figures(ordered: pl.DataFrame, has_start: bool) -> tuple[ActivityFigures, ...]:
    import polars as pl

    handling = (pl.col("time") - pl.col("start")).dt.total_microseconds() / MICROSECONDS_PER_MINUTE
    aggregates = [pl.len().alias("events"), pl.col("case_code").n_unique().alias("cases")]
    if has_start:
        aggregates += [expression.name.prefix("handling_") for expression in duration_figures(handling.drop_nulls())]
    grouped = ordered.group_by("activity").agg(aggregates).with_columns(pl.col("activity").cast(pl.String))
    rows = grouped.sort(["events", "activity"], descending=[True, False]).to_dicts()
    figures = []
    for row in rows:
        timed = None
        if has_start and row["handling_count"]:
            timed = Durations(*(row[f"handling_{key}"] for key in ("count", "mean", "median", "p90")))
        figures.append(ActivityFigures(row["activity"], int(row["events"]), int(row["cases"]), timed))
    return tuple(figures)


def _variants(ordered: pl.DataFrame) -> tuple[tuple[tuple[str, ...], int], ...]:
    """The activity sequences of the cases, most frequent first (ties by the sequence), and how many there are."""
    import polars as pl

    codes = ordered.select(pl.col("activity").to_physical().alias("code"), pl.col("activity").cast(pl.String).alias("name")).unique("code")
    names = dict(zip(codes["code"].to_list(), codes["name"].to_list()))
    sequences = ordered.group_by("case_code", maintain_order=True).agg(pl.col("activity").to_physical().alias("codes"))
    counted = sequences.group_by("codes").len()
    total = counted.height
    listed = [(tuple(names[code] for code in row["codes"]), int(row["len"])) for row in counted.to_dicts()]
    listed.sort(key=lambda item: (-item[1], item[0]))
    return tuple(listed[:VARIANTS_SHOWN]), total


def volume(ordered: pl.DataFrame, zone: str) -> Volume:
    """Cases by the calendar day (in the shop's zone) of their first event: per day, per weekday, per working day."""
    import polars as pl

    # Cases are sorted by their start (else time), so a case's first row holds its first moment.
    firsts = ordered.filter(pl.col("case_code") != pl.col("case_code").shift(1).fill_null(-1)).select(
        pl.col("start").fill_null(pl.col("time")).alias("first")
    )
    days = firsts.select(pl.col("first").dt.convert_time_zone(zone).dt.date().alias("day"))
    start, end = days["day"].min(), days["day"].max()
    span = (end - start).days + 1
    calendar = [start + dt.timedelta(days=offset) for offset in range(span)]
    per_weekday = days.group_by(pl.col("day").dt.weekday().alias("weekday")).len()
    counts = dict(zip(per_weekday["weekday"].to_list(), per_weekday["len"].to_list()))
    occurrences = {number: sum(1 for day in calendar if day.isoweekday() == number) for number in range(1, 8)}
    by_weekday = {
        WEEKDAYS[number - 1]: (counts.get(number, 0) / occurrences[number]) if occurrences[number] else None for number in range(1, 8)
    }
    working = sum(occurrences[number] for number in range(1, WORKING_DAYS + 1))
    cases = firsts.height
    return Volume(span, cases / span, by_weekday, working, cases / working if working else float(cases))

"""A starting flow blueprint from a log: activities as steps, frequent directly-follows pairs as edges.

Steps are ordered by where their activity sits in its cases (the mean position of its events,
from 0 at a case's first event to 1 at its last); a pair that runs against that order, or from
an activity to itself, becomes a rework edge, so the flow validates. A pair becomes an edge when
it occurs at least `min_share` times per case (count ÷ cases); each step also keeps its most
frequent incoming pair from an earlier step, so no step is cut off. Each step carries its
measured median wait, its mean handling (with start times), the share of cases that reach it,
and its activity name; lanes are the resources that do each activity most often.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.blueprints.durations import MAX_MINUTES
from sopgen.measure.directly_follows import Measurement, in_case_order
from sopgen.measure.sources import EventLog

if TYPE_CHECKING:
    import polars as pl

    from sopgen.blueprints.model import FlowBlueprint

DEFAULT_MIN_SHARE = 0.05
DEFAULT_LANE = {"id": "shop", "title": "Shop", "type": "person"}
MAX_VOLUME = 1_000_000.0


def slug(text: str, fallback: str) -> str:
    """A blueprint id from a name: lower-case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words)[:60].strip("-") or fallback


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base[:56]}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def duration_text(minutes: float) -> str:
    """`7h 40m`, `2d 3h`, `45s`: what a person writes in a blueprint, to the minute (seconds below one)."""
    minutes = min(max(minutes, 0.0), MAX_MINUTES)
    if minutes < 1:
        seconds = round(minutes * 60)
        return f"{seconds}s" if seconds else "0"
    whole = round(minutes)
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    parts += [f"{hours}h"] if hours else []
    parts += [f"{mins}m"] if mins else []
    return " ".join(parts) or "0"


def _positions(ordered: pl.DataFrame) -> dict[str, float]:
    import polars as pl

    position = pl.int_range(pl.len()).over("case_code") / pl.max_horizontal(pl.len().over("case_code") - 1, pl.lit(1))
    ranked = ordered.select(pl.col("activity").cast(pl.String), position.alias("position")).group_by("activity").agg(pl.col("position").mean())
    return dict(zip(ranked["activity"].to_list(), ranked["position"].to_list()))


def _lanes(ordered: pl.DataFrame) -> dict[str, str]:
    """Each activity's most frequent resource (ties: the first by name)."""
    import polars as pl

    counted = (
        ordered.filter(pl.col("resource").is_not_null())
        .group_by(pl.col("activity").cast(pl.String), "resource")
        .len()
        .sort(["activity", "len", "resource"], descending=[False, True, False])
    )
    return {row["activity"]: row["resource"] for row in counted.unique("activity", keep="first").to_dicts()}


def discover(log: EventLog, measurement: Measurement, flow_id: str, title: str, min_share: float = DEFAULT_MIN_SHARE) -> dict[str, Any]:
    """The blueprint as plain data, ready to write as YAML."""
    ordered = in_case_order(log.events)
    positions = _positions(ordered)
    counts = {figures.name: figures for figures in measurement.activities}
    names = sorted(counts, key=lambda name: (positions[name], -counts[name].count, name))
    rank = {name: index for index, name in enumerate(names)}
    taken: set[str] = set()
    step_ids = {name: _unique(slug(name, f"step-{rank[name] + 1}"), taken) for name in names}

    resources = _lanes(ordered) if log.has_resource else {}
    lane_ids: dict[str, str] = {}
    lanes: list[dict[str, Any]] = []
    lane_taken: set[str] = set()
    for name in names:
        resource = resources.get(name)
        if resource is not None and resource not in lane_ids:
            lane_ids[resource] = _unique(slug(resource, f"lane-{len(lanes) + 1}"), lane_taken)
            lanes.append({"id": lane_ids[resource], "title": resource, "type": "person"})
    if len(resources) < len(names):
        lanes.append({**DEFAULT_LANE, "id": _unique(DEFAULT_LANE["id"], lane_taken)})
    fallback_lane = lanes[-1]["id"]

    waits = _waits(ordered)
    cases = max(measurement.cases, 1)
    steps = []
    for name in names:
        figures = counts[name]
        step: dict[str, Any] = {
            "id": step_ids[name],
            "lane": lane_ids.get(resources.get(name, ""), fallback_lane),
            "title": name,
            "activity": name,
        }
        if name in waits:
            step["wait"] = duration_text(waits[name])
        if figures.handling is not None:
            step["handling"] = duration_text(figures.handling.mean)
        step["share"] = round(min(1.0, figures.cases / cases), 3)
        steps.append(step)

    edges: list[dict[str, Any]] = []
    chosen: set[tuple[str, str]] = set()
    strongest_into: dict[str, tuple[str, int]] = {}
    for edge in measurement.edges:
        forward = rank[edge.source] < rank[edge.target]
        if forward and edge.durations.count > strongest_into.get(edge.target, ("", 0))[1]:
            strongest_into[edge.target] = (edge.source, edge.durations.count)
        if edge.durations.count / cases >= min_share:
            chosen.add((edge.source, edge.target))
    for target, (source, _count) in strongest_into.items():
        chosen.add((source, target))
    for edge in measurement.edges:
        if (edge.source, edge.target) not in chosen:
            continue
        entry: dict[str, Any] = {"from": step_ids[edge.source], "to": step_ids[edge.target]}
        if rank[edge.source] >= rank[edge.target]:
            entry["rework"] = True
        edges.append(entry)
    rank_by_id = {step_ids[name]: rank[name] for name in names}
    edges.sort(key=lambda entry: (rank_by_id[entry["from"]], rank_by_id[entry["to"]]))
    volume = min(max(round(measurement.volume.cases_per_working_day, 2), 0.01), MAX_VOLUME)
    return {"kind": "flow", "id": flow_id, "title": title, "volume": volume, "lanes": lanes, "steps": steps, "edges": edges}


def _waits(ordered: pl.DataFrame) -> dict[str, float]:
    """The median minutes from a case's previous event to each activity's event (its start, with start times)."""
    import polars as pl

    from sopgen.measure.directly_follows import successions

    pairs = successions(ordered).with_columns(pl.col("target").cast(pl.String))
    medians = pairs.group_by("target").agg(pl.col("minutes").median())
    return dict(zip(medians["target"].to_list(), medians["minutes"].to_list()))


def blueprint_yaml(data: dict[str, Any], header: list[str]) -> str:
    """The blueprint as YAML with a comment header; steps and edges one mapping a line, as people write them."""
    import yaml

    def dumped(value: Any) -> str:
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False).strip()

    lines = [f"# {line}" for line in header]
    for key in ("kind", "id", "title", "volume"):
        lines.append(yaml.safe_dump({key: data[key]}, allow_unicode=True, width=10_000, sort_keys=False).strip())
    for key in ("lanes", "steps", "edges"):
        lines.append(f"{key}:" if data[key] else f"{key}: []")
        lines += [f"  - {dumped(item)}" for item in data[key]]
    return "\n".join(lines) + "\n"


def default_title(logs: Sequence[Path]) -> str:
    return "Measured flow: " + ", ".join(path.name for path in logs[:3]) + (" …" if len(logs) > 3 else "")


def discovered_flow(
    log: EventLog, measurement: Measurement, flow_id: str, title: str, min_share: float, shown_path: str | None = None
) -> tuple[dict[str, Any], str, FlowBlueprint]:
    """The blueprint as data, as YAML text and as a record validated like any other flow."""
    from sopgen.blueprints.validation import build_library
    from sopgen.blueprints.yaml_loading import parse_yaml

    data = discover(log, measurement, flow_id, title, min_share)
    source = measurement.source
    files = ", ".join(Path(name).name for name in source.get("files", ())) or "the log"
    header = [
        f"Discovered by sopgen from {files}:",
        f"{source['cases']} cases, {source['events']} events, {source['first'][:10]} to {source['last'][:10]}.",
        "Waits are medians from the log, shares the cases that reach each step, volume the cases per working day.",
    ]
    text = blueprint_yaml(data, header)
    record = build_library([parse_yaml(text, shown_path or f"{flow_id}.yaml")]).flows[0]
    return data, text, record

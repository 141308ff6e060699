"""The designed flow beside the measured one: per-step figures through each step's `activity:` names.

Each event whose activity a step names counts as that step. A step's measured wait is the time
from the case's previous event (of any other step or activity) to the step's event — to its
start where the log has start times, else to its time, which then holds the handling too. Its
handling is complete − start. Its share is the fraction of cases that reach it. The measured
flow is the designed one with these put in: wait = median wait, handling = mean handling (the
workload per order), share = measured share, volume = cases per working day; the measured
bottleneck is that flow's bottleneck, by the usual rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.analysis.figures import Bottleneck, analyse
from sopgen.blueprints.model import FlowBlueprint
from sopgen.measure.directly_follows import Durations, Measurement, duration_figures, in_case_order, successions
from sopgen.measure.sources import EventLog, ReadOptions

if TYPE_CHECKING:
    import polars as pl

UNMAPPED = "\x00"  # marks a label that is a log activity no step names, never a step id


@dataclass(frozen=True)
class StepMeasure:
    step: str
    activities: tuple[str, ...]
    cases: int
    share: float
    wait: Durations | None
    handling: Durations | None

    def as_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"cases": self.cases, "share": self.share}
        if self.wait is not None:
            shown.update({"wait_count": self.wait.count, **self.wait.as_json("wait_")})
        if self.handling is not None:
            shown.update(self.handling.as_json("handling_"))
        return shown


@dataclass(frozen=True)
class Comparison:
    """A flow's designed figures, its measured ones, and where design and log disagree."""

    flow: FlowBlueprint
    measured_flow: FlowBlueprint
    steps: dict[str, StepMeasure]
    not_in_log: tuple[str, ...]  # steps that name activities the log never has
    unmeasured: tuple[str, ...]  # steps that name no activity
    not_in_design: tuple[tuple[str, int], ...]  # log activities no step names, with their event counts
    edges_not_in_design: tuple[tuple[str, str, int], ...]  # measured step-to-step pairs no designed edge joins
    designed_edges_not_seen: tuple[tuple[str, str], ...]
    bottleneck: Bottleneck | None  # of the measured flow

    def as_json(self) -> dict[str, Any]:
        steps = []
        for step in self.flow.steps:
            entry: dict[str, Any] = {
                "id": step.id,
                "activities": list(step.activity),
                "designed": {"wait_minutes": step.wait, "handling_minutes": step.handling, "share": step.share},
                "measured": self.steps[step.id].as_json() if step.id in self.steps else None,
            }
            steps.append(entry)
        bottleneck = self.bottleneck
        return {
            "id": self.flow.id,
            "volume": {"designed": self.flow.volume, "measured": self.measured_flow.volume},
            "steps": steps,
            "measured_bottleneck": None
            if bottleneck is None
            else {"step": bottleneck.step, "utilization": bottleneck.utilization, "severity": bottleneck.severity},
            "not_in_design": [{"activity": name, "count": count} for name, count in self.not_in_design],
            "not_in_log": list(self.not_in_log),
            "unmeasured_steps": list(self.unmeasured),
            "edges_not_in_design": [{"from": a, "to": b, "count": count} for a, b, count in self.edges_not_in_design],
            "designed_edges_not_seen": [{"from": a, "to": b} for a, b in self.designed_edges_not_seen],
        }


def compare(flow: FlowBlueprint, log: EventLog, measurement: Measurement) -> Comparison:
    import polars as pl

    measured_by = {name: step.id for step in flow.steps for name in step.activity}
    ordered = in_case_order(log.events).with_columns(_labels(measured_by).alias("label"))
    pairs = successions(ordered, label="label")
    into_steps = pairs.filter((pl.col("source") != pl.col("target")) & ~pl.col("target").str.starts_with(UNMAPPED))
    waits = {row["target"]: row for row in into_steps.group_by("target").agg(duration_figures(pl.col("minutes"))).to_dicts()}
    handling = (pl.col("time") - pl.col("start")).dt.total_microseconds() / 60_000_000
    per_step = ordered.filter(~pl.col("label").str.starts_with(UNMAPPED)).group_by("label").agg(
        pl.col("case_code").n_unique().alias("cases"),
        *(expression.name.prefix("handling_") for expression in duration_figures(handling.drop_nulls())),
    )
    total = max(measurement.cases, 1)
    steps: dict[str, StepMeasure] = {}
    for row in per_step.to_dicts():
        wait = waits.get(row["label"])
        timed = None
        if log.has_start and row["handling_count"]:
            timed = Durations(*(row[f"handling_{key}"] for key in ("count", "mean", "median", "p90")))
        steps[row["label"]] = StepMeasure(
            row["label"],
            flow.step(row["label"]).activity,
            int(row["cases"]),
            row["cases"] / total,
            Durations(int(wait["count"]), wait["mean"], wait["median"], wait["p90"]) if wait else None,
            timed,
        )
    seen_activities = {figures.name: figures.count for figures in measurement.activities}
    step_pairs = into_steps.filter(~pl.col("source").str.starts_with(UNMAPPED)).group_by("source", "target").len()
    measured_pairs = {(row["source"], row["target"]): int(row["len"]) for row in step_pairs.to_dicts()}
    designed_pairs = {(edge.from_step, edge.to_step) for edge in flow.edges}
    measured_flow = with_measured_figures(flow, steps, measurement)
    return Comparison(
        flow=flow,
        measured_flow=measured_flow,
        steps=steps,
        not_in_log=tuple(step.id for step in flow.steps if step.activity and step.id not in steps),
        unmeasured=tuple(step.id for step in flow.steps if not step.activity),
        not_in_design=tuple((name, count) for name, count in seen_activities.items() if name not in measured_by),
        edges_not_in_design=tuple(
            (a, b, count) for (a, b), count in sorted(measured_pairs.items(), key=lambda item: -item[1]) if (a, b) not in designed_pairs
        ),
        designed_edges_not_seen=tuple(
            (edge.from_step, edge.to_step)
            for edge in flow.edges
            if edge.from_step in steps and edge.to_step in steps and (edge.from_step, edge.to_step) not in measured_pairs
        ),
        bottleneck=analyse(measured_flow).bottleneck,
    )


def _labels(measured_by: dict[str, str]) -> pl.Expr:
    """Each event's step id, or its activity marked as no step's."""
    import polars as pl

    activity = pl.col("activity").cast(pl.String)
    if not measured_by:
        return pl.lit(UNMAPPED) + activity
    return activity.replace_strict(measured_by, default=None, return_dtype=pl.String).fill_null(pl.lit(UNMAPPED) + activity)


def with_measured_figures(flow: FlowBlueprint, steps: dict[str, StepMeasure], measurement: Measurement) -> FlowBlueprint:
    """The flow with measured wait (median), handling (mean), share and volume (cases per working day) put in."""
    updated = []
    for step in flow.steps:
        figures = steps.get(step.id)
        if figures is None:
            updated.append(step)
            continue
        changes: dict[str, Any] = {"share": min(1.0, figures.share)}
        if figures.wait is not None:
            changes["wait"] = figures.wait.median
        if figures.handling is not None:
            changes["handling"] = figures.handling.mean
        updated.append(step.model_copy(update=changes))
    volume = measurement.volume.cases_per_working_day
    changes = {"steps": tuple(updated)}
    if volume > 0:
        changes["volume"] = volume
    return flow.model_copy(update=changes)


def measured_flow(flow: FlowBlueprint, paths: Sequence[Path], options: ReadOptions | None = None) -> FlowBlueprint:
    """`sopgen analyze --measured`: the flow with the figures its logs give."""
    from sopgen.blueprints.yaml_loading import display_path
    from sopgen.measure.directly_follows import measure
    from sopgen.measure.sources import read_logs

    log = read_logs(paths, options or ReadOptions(), display_path)
    return compare(flow, log, measure(log)).measured_flow

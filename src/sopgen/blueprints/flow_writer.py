"""A flow record as readable blueprint YAML that loads back to the same flow (durations as `4m`, `1.5h`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sopgen.blueprints.durations import MINUTES_PER_UNIT
from sopgen.blueprints.model import FlowBlueprint, FlowStep

# The biggest unit that shows a duration with at most two decimals: 90 minutes is 1.5h, not 90m.
_UNITS = ("d", "h", "m", "s")


def duration_text(minutes: float) -> str:
    """`0`, `30s`, `4m`, `1.5h`, `2d`: the way blueprints write durations, read back to exactly these minutes."""
    if minutes == 0:
        return "0"
    for unit in _UNITS:
        amount = minutes / MINUTES_PER_UNIT[unit]
        shown = f"{amount:g}"
        if amount >= 1 and round(amount, 2) == amount and "e" not in shown and float(shown) * MINUTES_PER_UNIT[unit] == minutes:
            return f"{shown}{unit}"
    return format(Decimal(repr(float(minutes))), "f") + "m"  # the shortest exact digits, never 1e-05


def flow_yaml(flow: FlowBlueprint, comments: Sequence[str] = ()) -> str:
    """The flow as YAML in the order of the schema: lanes and edges one per line, steps as blocks."""
    parts = [f"# {line}\n" if line else "#\n" for line in comments]
    head: dict[str, Any] = {"kind": "flow", "id": flow.id, "title": flow.title}
    if flow.description:
        head["description"] = flow.description
    head["volume"] = _number(flow.volume)
    parts.append(_block(head))
    parts.append("lanes:\n")
    parts.extend(f"  - {_inline({'id': lane.id, 'title': lane.title, 'type': lane.type})}\n" for lane in flow.lanes)
    parts.append("steps:\n")
    for step in flow.steps:
        lines = _block(_step_fields(step)).splitlines()
        parts.append(f"  - {lines[0]}\n")
        parts.extend(f"    {line}\n" for line in lines[1:])
    if flow.edges:
        parts.append("edges:\n")
        for edge in flow.edges:
            fields: dict[str, Any] = {"from": edge.from_step, "to": edge.to_step}
            if edge.channel != "system":
                fields["channel"] = edge.channel
            if edge.rework:
                fields["rework"] = True
            if edge.label:
                fields["label"] = edge.label
            parts.append(f"  - {_inline(fields)}\n")
    return "".join(parts)


def _step_fields(step: FlowStep) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": step.id, "lane": step.lane, "title": step.title}
    if step.description:
        fields["description"] = step.description
    if step.mode:
        fields["mode"] = step.mode
    if step.handling:
        fields["handling"] = duration_text(step.handling)
    if step.wait:
        fields["wait"] = duration_text(step.wait)
    if step.staff is not None:
        fields["staff"] = _number(step.staff)
    if step.hours_per_day is not None:
        fields["hours_per_day"] = _number(step.hours_per_day)
    if step.share != 1.0:
        fields["share"] = step.share
    return fields


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _block(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def _inline(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=True, width=1_000_000).strip()

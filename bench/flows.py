"""Synthetic flow blueprints for benchmarks: chains of steps across lanes with a few loop-backs."""

from __future__ import annotations

from pathlib import Path


def write_chain_flow(path: Path, steps: int, lanes: int = 5, compact: bool = False) -> Path:
    """A flow of `steps` steps; `compact` writes short ids and titles, so that 15,000 steps stay within the 2 MB input limit."""
    step_id, title, lane_id = ("s", "Step {index}", "l") if compact else ("step-", "Step {index} of the order flow", "lane-")
    lines = [
        "kind: flow",
        f"id: bench-{steps}",
        f"title: Benchmark flow with {steps} steps",
        "volume: 40",
        "lanes:",
    ]
    lines += [f"  - {{id: {lane_id}{index}, title: Lane {index}, type: {'system' if index % 3 == 2 else 'person'}}}" for index in range(lanes)]
    lines.append("steps:")
    for index in range(steps):
        lane = index % lanes
        staffed = ", staff: 1, hours_per_day: 6" if lane % 3 != 2 and not compact else ""
        lines.append(f"  - {{id: {step_id}{index}, lane: {lane_id}{lane}, title: {title.format(index=index)}, handling: {1 + index % 7}m, wait: {index % 5 * 10}m{staffed}}}")
    lines.append("edges:")
    for index in range(1, steps):
        channel = ("system", "email", "spreadsheet", "chat")[index % 4]
        lines.append(f"  - {{from: {step_id}{index - 1}, to: {step_id}{index}, channel: {channel}}}")
    for index in range(10, steps, 25):
        lines.append(f"  - {{from: {step_id}{index}, to: {step_id}{index - 8}, rework: true}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

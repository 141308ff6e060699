"""Measured figures beside the designed ones (`serve --measured LOG`): the seam to the measure stage.

`sopgen measure LOG --flow FLOW --json` prints measured flow figures in the shape the design
fixes: source, activities, edges with count and mean/median/p90 minutes, variants, volume. The
page shows the volume and, for each edge of the flow, the measured median and count next to
what the blueprint says. The command is run as a program, so this seam depends on nothing
but that documented output; it is used when this sopgen has the measure stage (the package
`sopgen.measure`), and `--measured` says so when it has not.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.model import FlowBlueprint
from sopgen.i18n.localizer import Localizer

MEASURE_TIMEOUT_SECONDS = 300


def measure_available() -> bool:
    return importlib.util.find_spec("sopgen.measure") is not None


def read_measured(log: Path, flow: Path) -> dict[str, Any]:
    """`sopgen measure --json` of the log against the flow, or {"error": its messages}."""
    command = [sys.executable, "-m", "sopgen", "measure", str(log), "--flow", str(flow), "--json"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=MEASURE_TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"{log}: sopgen measure took longer than {MEASURE_TIMEOUT_SECONDS} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip()}
    try:
        data = json.loads(done.stdout)
    except ValueError:
        return {"error": f"{log}: sopgen measure printed no JSON"}
    return data if isinstance(data, dict) else {"error": f"{log}: sopgen measure printed no JSON object"}


def measured_view(data: Mapping[str, Any] | None, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> dict[str, Any] | None:
    """Rows of designed and measured figures for the page; None when nothing was measured."""
    if data is None:
        return None
    if "error" in data:
        return {"error": str(data["error"]), "rows": []}
    _ = localizer._
    rows = []
    volume = _volume(data.get("volume"))
    if volume is not None:
        rows.append({"label": _("Orders per working day"), "designed": localizer.number(flow.volume), "measured": localizer.number(volume)})
    measured_edges = {}
    for edge in data.get("edges") or ():
        if isinstance(edge, Mapping):
            ends = (edge.get("from", edge.get("source")), edge.get("to", edge.get("target")))
            measured_edges[ends] = edge
    titles = {step.id: step.title for step in flow.steps}
    for edge in flow.edges:
        found = measured_edges.get((edge.from_step, edge.to_step))
        if found is None or not isinstance(found.get("median_minutes", found.get("median")), (int, float)):
            continue
        target = flow.step(edge.to_step)
        rows.append(
            {
                "label": f"{titles[edge.from_step]} → {titles[edge.to_step]}",
                "designed": localizer.duration(target.wait + target.handling),
                "measured": _("{median} median, {count} orders").format(
                    median=localizer.duration(found.get("median_minutes", found.get("median"))),
                    count=localizer.number(found.get("count", 0), 0),
                ),
            }
        )
    return {"error": None, "rows": rows}


def _volume(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, Mapping):
        for key in ("per_day", "orders_per_day", "cases_per_day", "per_working_day"):
            if isinstance(value.get(key), (int, float)):
                return float(value[key])
    return None

"""Measured figures beside the designed ones on the workshop page (`serve --measured LOG`).

The log is read and measured once, when the server starts, by the measure stage itself: the
designed flow compared with the log (see "Measuring the current state" in the README). The page
shows the orders per working day and, for every step a log activity measures, its designed
wait next to the measured median and 90th percentile.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sopgen.analysis.figures import FlowAnalysis
from sopgen.blueprints.model import FlowBlueprint
from sopgen.errors import SopgenError
from sopgen.i18n.localizer import Localizer


def read_measured(log: Path, flow: Path, zone: str | None = None) -> dict[str, Any]:
    """The flow compared with the log, as `sopgen measure LOG --flow FLOW --json` gives it under "flow", or {"error": its messages}."""
    from sopgen.blueprints.library import resolve_flow
    from sopgen.blueprints.yaml_loading import display_path
    from sopgen.measure.comparison import compare
    from sopgen.measure.measuring import read_and_measure
    from sopgen.measure.sources import ReadOptions

    try:
        record = resolve_flow(str(flow))
        events, measurement = read_and_measure([log], ReadOptions(zone=zone), display_path)
        return compare(record, events, measurement).as_json()
    except SopgenError as error:
        return {"error": "\n".join(str(problem) for problem in error.problems)}


def measured_view(data: Mapping[str, Any] | None, flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> dict[str, Any] | None:
    """Rows of designed and measured figures for the page; None when nothing was measured."""
    if data is None:
        return None
    if data.get("error"):
        return {"error": str(data["error"]), "rows": []}
    _ = localizer._
    rows = []
    volume = data.get("volume") or {}
    if isinstance(volume.get("measured"), (int, float)):
        rows.append({"label": _("Orders per working day"), "designed": localizer.number(flow.volume), "measured": localizer.number(volume["measured"])})
    titles = {step.id: step.title for step in flow.steps}
    for entry in data.get("steps") or ():
        measured = entry.get("measured") or {}
        median, p90 = measured.get("wait_median_minutes"), measured.get("wait_p90_minutes")
        if entry.get("id") not in titles or not isinstance(median, (int, float)):
            continue
        step = flow.step(entry["id"])
        rows.append(
            {
                "label": titles[step.id],
                "designed": _("wait {duration}").format(duration=localizer.duration(step.wait)),
                "measured": _("median {median}, p90 {p90}, {count} orders").format(
                    median=localizer.duration(median),
                    p90=localizer.duration(p90 if isinstance(p90, (int, float)) else median),
                    count=localizer.number(measured.get("cases", 0), 0),
                ),
            }
        )
    return {"error": None, "rows": rows}

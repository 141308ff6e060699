"""What a swimlane chart shows of a measurement beside the designed figures: lines per step, the measured bottleneck, notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sopgen.charts.text import balanced_wrap as wrap
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.measure.comparison import Comparison

MEASURED_WIDTH = 26  # display columns of a measured line in a step box
NOTE_NAMES = 6  # names listed in a summary card before "…"


@dataclass(frozen=True)
class MeasuredOverlay:
    """Localized text for a chart: extra lines under each step, the bottleneck by measured figures, summary cards."""

    step_lines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    bottleneck: str | None = None
    cards: tuple[tuple[str, str], ...] = ()


def measured_overlay(comparison: Comparison, flow: FlowBlueprint, localizer: Localizer) -> MeasuredOverlay:
    """`flow` is the localized flow, for its step titles; `comparison` holds the figures."""
    _ = localizer._
    duration = localizer.duration
    lines: dict[str, tuple[str, ...]] = {}
    for step in flow.steps:
        figures = comparison.steps.get(step.id)
        if figures is None:
            if step.id in comparison.not_in_log:
                lines[step.id] = (_("measured: not in the log"),)
            continue
        shown = []
        if figures.wait is not None:
            shown.append(
                _("measured wait: median {median}, p90 {p90}").format(median=duration(figures.wait.median), p90=duration(figures.wait.p90))
            )
        if figures.handling is not None:
            shown.append(_("measured work: mean {mean}").format(mean=duration(figures.handling.mean)))
        shown.append(_("reached by {percent} of cases").format(percent=localizer.percent(figures.share)))
        lines[step.id] = tuple(line for text in shown for line in wrap(text, MEASURED_WIDTH))
    titles = {step.id: step.title for step in flow.steps}
    from sopgen.analysis.figures import analyse

    cards = [
        (_("Measured volume"), _("{count} per working day").format(count=localizer.number(comparison.measured_flow.volume, 1))),
        (_("Measured lead time"), duration(analyse(comparison.measured_flow).lead_time_minutes)),
    ]
    if comparison.bottleneck is not None:
        cards.append((_("Measured bottleneck"), titles[comparison.bottleneck.step]))
    if comparison.not_in_design:
        cards.append((_("In the log, not in the design"), _listed([name for name, _count in comparison.not_in_design])))
    missing = [titles[step_id] for step_id in comparison.not_in_log]
    if missing:
        cards.append((_("In the design, not in the log"), _listed(missing)))
    if comparison.edges_not_in_design:
        pairs = [f"{titles[a]} → {titles[b]}" for a, b, _count in comparison.edges_not_in_design]
        cards.append((_("Paths in the log, not in the design"), _listed(pairs)))
    bottleneck = comparison.bottleneck.step if comparison.bottleneck is not None else None
    return MeasuredOverlay(lines, bottleneck, tuple(cards))


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:NOTE_NAMES])
    return shown + (", …" if len(names) > NOTE_NAMES else "")

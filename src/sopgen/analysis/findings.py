"""A flow's findings in words: the sentences below its chart, the one-line summary, the bottleneck in short, and the key figures of a what-if."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, NamedTuple

from sopgen.analysis.figures import FlowAnalysis, Handoff
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.i18n.interface import N_
from sopgen.i18n.localizer import Localizer

SEVERITY_LABELS = MappingProxyType({"ok": N_("ok"), "critical": N_("critical"), "overloaded": N_("overloaded")})


def severity_label(severity: str, localizer: Localizer) -> str:
    return localizer._(SEVERITY_LABELS[severity])


def bottleneck_in_short(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> str | None:
    """The bottleneck as the report, the chart and the summary line name it: "Pack (133 %, overloaded)"."""
    if analysis.bottleneck is None:
        return None
    step = flow.step(analysis.bottleneck.step)
    if analysis.bottleneck.utilization is None:
        return localizer._("{step} (longest wait: {wait})").format(step=step.title, wait=localizer.duration(step.wait))
    return localizer._("{step} ({utilization}, {severity})").format(
        step=step.title,
        utilization=localizer.percent(analysis.bottleneck.utilization),
        severity=severity_label(analysis.bottleneck.severity, localizer),
    )


def summary_line(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> str:
    """Lead time, efficiency, manual hand-offs and the bottleneck in one line (`flow --watch`, the workshop page)."""
    _ = localizer._
    parts = [_("lead time {duration}").format(duration=localizer.duration(analysis.lead_time_minutes))]
    if analysis.cycle_efficiency is not None:
        parts.append(_("cycle efficiency {percent}").format(percent=localizer.percent(analysis.cycle_efficiency)))
    manual = analysis.manual_handoffs
    parts.append(localizer.ngettext("{count} manual hand-off", "{count} manual hand-offs", manual).format(count=manual))
    bottleneck = bottleneck_in_short(flow, analysis, localizer)
    if bottleneck is not None:
        parts.append(_("bottleneck: {step}").format(step=bottleneck))
    return " · ".join(parts)


def chart_caption(flow: FlowBlueprint, localizer: Localizer) -> str:
    return localizer._("{title}: the order flow as it runs today, {volume} orders a day").format(
        title=flow.title, volume=localizer.number(flow.volume)
    )


def describe(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer) -> tuple[str, ...]:
    """Sentences naming every manual hand-off, the bottleneck, lead time, efficiency and what to automate first."""
    _ = localizer._
    sentences = [_handoff_count(analysis, localizer)]
    sentences.extend(_handoff(flow, handoff, localizer) for handoff in analysis.handoffs if handoff.manual)
    if analysis.bottleneck is not None:
        step = flow.step(analysis.bottleneck.step)
        lane = flow.lane_of(step).title
        if analysis.bottleneck.utilization is None:
            sentences.append(
                _("Bottleneck: {step} ({lane}), the longest wait at {wait}.").format(
                    step=step.title, lane=lane, wait=localizer.duration(step.wait)
                )
            )
        else:
            sentences.append(
                _("Bottleneck: {step} ({lane}), {utilization} utilized ({severity}).").format(
                    step=step.title,
                    lane=lane,
                    utilization=localizer.percent(analysis.bottleneck.utilization),
                    severity=severity_label(analysis.bottleneck.severity, localizer),
                )
            )
    lead_time = localizer.duration(analysis.lead_time_minutes)
    if analysis.cycle_efficiency is None:
        sentences.append(_("Lead time {lead_time}.").format(lead_time=lead_time))
    else:
        sentences.append(
            _("Lead time {lead_time}; cycle efficiency {efficiency}.").format(
                lead_time=lead_time, efficiency=localizer.percent(analysis.cycle_efficiency)
            )
        )
    if analysis.critical_path:
        sentences.append(
            _("Critical path: {steps}.").format(steps=" → ".join(flow.step(step_id).title for step_id in analysis.critical_path))
        )
    if analysis.automation_candidates:
        sentences.append(
            _("Automate first: {steps}.").format(
                steps=localizer.names([localizer.quoted(flow.step(step_id).title) for step_id in analysis.automation_candidates])
            )
        )
    return tuple(sentences)


def _handoff_count(analysis: FlowAnalysis, localizer: Localizer) -> str:
    if not analysis.handoffs:
        return localizer._("No hand-offs between lanes.")
    return localizer._("Manual hand-offs between lanes: {manual} of {total}.").format(
        manual=localizer.number(analysis.manual_handoffs, 0), total=localizer.number(len(analysis.handoffs), 0)
    )


def _handoff(flow: FlowBlueprint, handoff: Handoff, localizer: Localizer) -> str:
    _ = localizer._
    source, target = flow.step(handoff.from_step), flow.step(handoff.to_step)
    if handoff.channel == "system":
        how = _("in the system, but by a person")
    else:
        how = _(EDGE_CHANNEL_LABELS[handoff.channel])
    if handoff.rework:
        message = _("Hand-off {number} (rework, {channel}): {source_lane} → {target_lane}, from “{source}” back to “{target}”.")
    else:
        message = _("Hand-off {number} ({channel}): {source_lane} → {target_lane}, from “{source}” to “{target}”.")
    return message.format(
        number=localizer.number(handoff.number, 0),
        channel=how,
        source_lane=flow.lane_of(source).title,
        target_lane=flow.lane_of(target).title,
        source=source.title,
        target=target.title,
    )


class FigureRow(NamedTuple):
    """One key figure in words: its value now and, for a what-if, in the future state and the change."""

    key: str
    label: str
    current: str
    future: str | None = None
    change: str | None = None
    better: bool | None = None  # the future state is better (True), worse (False), or neither


def key_figures(
    flow: FlowBlueprint,
    analysis: FlowAnalysis,
    localizer: Localizer,
    future_flow: FlowBlueprint | None = None,
    future: FlowAnalysis | None = None,
) -> tuple[FigureRow, ...]:
    """Lead time, cycle efficiency, manual hand-offs and the bottleneck; with a future state, both and the change."""
    _ = localizer._

    def lead_time(figures: FlowAnalysis) -> float:
        return figures.lead_time_minutes

    def bottleneck_load(figures: FlowAnalysis) -> float | None:
        return figures.bottleneck.utilization if figures.bottleneck else None

    def bottleneck_name(shown: FlowBlueprint, figures: FlowAnalysis) -> str:
        if figures.bottleneck is None:
            return "–"
        return _("{step} ({severity})").format(
            step=shown.step(figures.bottleneck.step).title, severity=severity_label(figures.bottleneck.severity, localizer)
        )

    def percent(value: float | None) -> str:
        return localizer.percent(value) if value is not None else "–"

    numeric = (
        ("lead_time", _("Lead time"), lead_time, localizer.duration, True),
        ("cycle_efficiency", _("Cycle efficiency"), lambda figures: figures.cycle_efficiency, percent, False),
        ("manual_handoffs", _("Manual hand-offs"), lambda figures: figures.manual_handoffs, lambda n: localizer.number(n, 0), True),
    )
    rows = []
    for key, label, value_of, shown, lower_is_better in numeric:
        rows.append(_row(key, label, value_of(analysis), value_of(future) if future else None, shown, lower_is_better, future is not None))
    bottleneck = FigureRow("bottleneck", _("Bottleneck"), bottleneck_name(flow, analysis))
    if future is not None and future_flow is not None:
        bottleneck = bottleneck._replace(future=bottleneck_name(future_flow, future))
    rows.append(bottleneck)
    rows.append(
        _row("bottleneck_utilization", _("Bottleneck utilization"), bottleneck_load(analysis), bottleneck_load(future) if future else None, percent, True, future is not None)
    )
    return tuple(rows)


def _row(key: str, label: str, now: Any, then: Any, shown: Any, lower_is_better: bool, has_future: bool) -> FigureRow:
    if not has_future:
        return FigureRow(key, label, shown(now) if now is not None else "–")
    row = FigureRow(key, label, shown(now) if now is not None else "–", shown(then) if then is not None else "–")
    if now is None or then is None:
        return row
    difference = then - now
    if difference == 0:
        return row._replace(change="±0")
    sign = "+" if difference > 0 else "−"
    return row._replace(change=sign + shown(abs(difference)), better=(difference < 0) == lower_is_better)

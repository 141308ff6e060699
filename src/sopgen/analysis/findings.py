"""A flow's findings in words: the sentences below its chart, the one-line summary, and the bottleneck in short."""

from __future__ import annotations

from types import MappingProxyType

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

"""One flow chart end to end: load the flow, localize, analyse, draw, write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, OutputError, Problem, Source
from .output import write_atomically
from .uitext import _ as ui_


@dataclass(frozen=True)
class ChartRequest:
    flow: str  # a built-in id or a path
    locale: str
    fmt: str
    out: Path
    profile: Path | None = None
    strict: bool = False

    @classmethod
    def create(cls, flow: str, locale: str, fmt: str | None, out: Path | None, profile: Path | None, strict: bool) -> ChartRequest:
        from .graphviz_run import CHART_FORMATS
        from .locales import LANGUAGE_TAGS
        from .validate import choices_hint

        chosen = (fmt or (out.suffix.lstrip(".").lower() if out and out.suffix else "svg")).lower()
        if chosen not in CHART_FORMATS:
            raise InputError.single(
                Source("--format"), ui_("unknown chart format '{format}'").format(format=chosen), choices_hint(chosen, CHART_FORMATS)
            )
        stem = Path(flow).stem if Path(flow).suffix else flow
        return cls(flow, locale, chosen, out or Path(f"{stem}.{LANGUAGE_TAGS[locale]}.{chosen}"), profile, strict)


def render_flow_chart(request: ChartRequest) -> tuple[bytes, str, list[Problem]]:
    """The chart's bytes, a one-line summary of its analysis, and any translation warnings."""
    from .analysis import analyse
    from .graphviz_run import render_chart
    from .i18n import Localization, Localizer
    from .library import resolve_flow
    from .render_flowchart import flowchart

    record = resolve_flow(request.flow)
    if request.fmt != "dot":
        refuse_oversized_chart(record)
    localization = Localization(Localizer.for_locale(request.locale, strict=request.strict), _profile_for(record, request.profile))
    localized = localization.record(record)
    localization.check()
    analysis = analyse(record)
    data = render_chart(flowchart(localized, analysis, localization.localizer), request.fmt)
    return data, summary_line(localized, analysis, localization.localizer), list(localization.missing)


def _profile_for(flow: Any, path: Path | None) -> Any:
    """The shop profile fills placeholders; a flow without any needs only a minimal one."""
    from .model import Profile, ShopInfo
    from .profile import load_profile
    from .validate import translatable_texts

    if path is None and not any("{{" in text for _where, text, _source in translatable_texts(flow)):
        return Profile(shop=ShopInfo(name="-"))
    return load_profile(path)


def refuse_oversized_chart(flow: Any) -> None:
    """Refuse before any layout work: dot has no time limit, and big dense charts take minutes."""
    from .graphviz_run import MAX_EDGES, MAX_NODES

    if len(flow.steps) > MAX_NODES or len(flow.edges) > MAX_EDGES:
        raise OutputError.single(
            flow.source,
            ui_("the flow has {steps} steps and {edges} edges; charts are drawn up to {max_steps} steps and {max_edges} edges").format(
                steps=len(flow.steps), edges=len(flow.edges), max_steps=MAX_NODES, max_edges=MAX_EDGES
            ),
            ui_("split the flow into smaller flows, or write --format dot and run dot yourself"),
        )


def summary_line(flow: Any, analysis: Any, localizer: Any) -> str:
    _ = localizer._
    parts = [_("lead time {duration}").format(duration=localizer.duration(analysis.lead_time_minutes))]
    if analysis.cycle_efficiency is not None:
        parts.append(_("cycle efficiency {percent}").format(percent=localizer.percent(analysis.cycle_efficiency)))
    parts.append(_("{count} manual hand-offs").format(count=analysis.manual_handoffs))
    if analysis.bottleneck is not None:
        title = flow.step(analysis.bottleneck.step).title
        if analysis.bottleneck.utilization is not None:
            parts.append(_("bottleneck: {step} ({percent})").format(step=title, percent=localizer.percent(analysis.bottleneck.utilization)))
        else:
            parts.append(_("bottleneck: {step}").format(step=title))
    return " · ".join(parts)


def write_flow_chart(request: ChartRequest) -> tuple[Path, list[Problem]]:
    data, _summary, warnings = render_flow_chart(request)
    write_atomically(request.out, data)
    return request.out, warnings

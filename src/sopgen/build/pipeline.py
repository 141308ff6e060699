"""One flow chart: load the flow, localize it, analyse it, draw it, and write it (`sopgen flow`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.errors import InputError, OutputError, Problem, Source
from sopgen.i18n.interface import _ as ui_

if TYPE_CHECKING:
    pass

from sopgen.build.files import write_atomically


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
        from sopgen.blueprints.hints import choices_hint
        from sopgen.charts.graphviz_run import CHART_FORMATS
        from sopgen.i18n.locales import LANGUAGE_TAGS

        chosen = (fmt or (out.suffix.lstrip(".").lower() if out and out.suffix else "svg")).lower()
        if chosen not in CHART_FORMATS:
            raise InputError.single(
                Source("--format"), ui_("unknown chart format '{format}'").format(format=chosen), choices_hint(chosen, CHART_FORMATS)
            )
        stem = Path(flow).stem if Path(flow).suffix else flow
        return cls(flow, locale, chosen, out or Path(f"{stem}.{LANGUAGE_TAGS[locale]}.{chosen}"), profile, strict)


def render_flow_chart(request: ChartRequest) -> tuple[bytes, str, list[Problem]]:
    """The chart's bytes, a one-line summary of its analysis, and any translation warnings."""
    from sopgen.analysis.figures import analyse
    from sopgen.analysis.findings import summary_line
    from sopgen.blueprints.library import resolve_flow
    from sopgen.blueprints.profile import load_profile
    from sopgen.charts.flowchart import flowchart
    from sopgen.charts.graphviz_run import render_chart
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    record = resolve_flow(request.flow)
    if request.fmt != "dot":
        refuse_oversized_chart(record)
    profile = load_profile(request.profile) if request.profile else None
    localization = Localization(Localizer.for_locale(request.locale, strict=request.strict), profile)
    localized = localization.record(record)
    localization.check()
    analysis = analyse(record)
    data = render_chart(flowchart(localized, analysis, localization.localizer), request.fmt)
    return data, summary_line(localized, analysis, localization.localizer), list(localization.missing)


def refuse_oversized_chart(flow: Any) -> None:
    """Refuse before any layout work: dot has no time limit, and big dense charts take minutes."""
    from sopgen.charts.graphviz_run import MAX_EDGES, MAX_NODES

    if len(flow.steps) > MAX_NODES or len(flow.edges) > MAX_EDGES:
        raise OutputError.single(
            flow.source,
            ui_("the flow has {steps} steps and {edges} edges; charts are drawn up to {max_steps} steps and {max_edges} edges").format(
                steps=len(flow.steps), edges=len(flow.edges), max_steps=MAX_NODES, max_edges=MAX_EDGES
            ),
            ui_("split the flow into smaller flows, or write --format dot and run dot yourself"),
        )


def write_flow_chart(request: ChartRequest) -> tuple[Path, list[Problem]]:
    data, _summary, warnings = render_flow_chart(request)
    write_atomically(request.out, data)
    return request.out, warnings

"""One flow chart: load the flow, localize it, analyse it, draw it, and write it (`sopgen flow`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopgen.charts.graphviz_run import CHART_FORMATS
from sopgen.errors import InputError, OutputError, Problem, Source
from sopgen.export import EXPORT_FORMATS
from sopgen.i18n.interface import _ as ui_

if TYPE_CHECKING:
    from sopgen.analysis.whatif import WhatIf
    pass

from sopgen.build.output_stage import opened_folder

# Every format `sopgen flow` writes, with the file extension it is written with and known by in
# --out: the charts Graphviz draws, then the editable exports.
FLOW_FORMATS = {**{fmt: fmt for fmt in CHART_FORMATS}, **EXPORT_FORMATS}


@dataclass(frozen=True)
class ChartRequest:
    flow: str  # a built-in id or a path
    locale: str
    fmt: str  # one of FLOW_FORMATS
    out: Path
    profile: Path | None = None
    strict: bool = False
    what_if: WhatIf | None = None  # draw the future state, its changed steps marked
    force: bool = False
    paper: str | None = None  # a PDF of pages of this paper (see charts/paper.py), else one page as wide as the chart

    @classmethod
    def create(
        cls,
        flow: str,
        locale: str,
        fmt: str | None,
        out: Path | None,
        profile: Path | None,
        strict: bool,
        what_if: WhatIf | None = None,
        force: bool = False,
        paper: str | None = None,
    ) -> ChartRequest:
        from sopgen.blueprints.hints import choices_hint
        from sopgen.charts.graphviz_run import PAPER_SIZES
        from sopgen.i18n.locales import LANGUAGE_TAGS

        by_extension = {extension: name for name, extension in FLOW_FORMATS.items()}
        suffix = out.suffix.lstrip(".").lower() if out and out.suffix else ""
        chosen = (fmt or by_extension.get(suffix, suffix) or "svg").lower()
        if chosen not in FLOW_FORMATS:
            raise InputError.single(
                Source("--format"), ui_("unknown chart format '{format}'").format(format=chosen), choices_hint(chosen, FLOW_FORMATS)
            )
        if fmt and suffix in by_extension and by_extension[suffix] != chosen:
            raise InputError.single(
                Source("--out"),
                ui_("'{out}' has the extension of {named} files, but --format is {format}").format(
                    out=out, named=by_extension[suffix], format=chosen
                ),
                ui_("name the file '{name}', or leave --format out").format(name=out.with_suffix("." + FLOW_FORMATS[chosen]).name if out else ""),
            )
        if paper is not None:
            paper = paper.strip().lower()
            if paper not in PAPER_SIZES:
                raise InputError.single(Source("--paper"), ui_("unknown paper size '{paper}'").format(paper=paper), choices_hint(paper, PAPER_SIZES))
            if chosen != "pdf":
                raise InputError.single(
                    Source("--paper"),
                    ui_("--paper is for PDF charts, but the format is {format}").format(format=chosen),
                    ui_("add --format pdf, or leave --paper out"),
                )
        stem = Path(flow).stem if Path(flow).suffix else flow
        if what_if is not None:
            stem += ".future"
        chosen_out = out or Path(f"{stem}.{LANGUAGE_TAGS[locale]}.{FLOW_FORMATS[chosen]}")
        return cls(flow, locale, chosen, chosen_out, profile, strict, what_if, force, paper)


def render_flow_chart(request: ChartRequest) -> tuple[bytes, str, list[Problem]]:
    """The chart's (or export's) bytes, a one-line summary of its analysis, and any translation warnings."""
    from sopgen.analysis.figures import analyse
    from sopgen.analysis.findings import summary_line
    from sopgen.blueprints.library import resolve_flow
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    record = resolve_flow(request.flow)
    changed: frozenset[str] = frozenset()
    if request.what_if is not None:
        from sopgen.analysis.whatif import apply

        record = apply(record, request.what_if)
        changed = frozenset(request.what_if.step_ids())
    if request.fmt in CHART_FORMATS and request.fmt != "dot":
        refuse_oversized_chart(record)
    profile = None
    if request.profile:
        from sopgen.blueprints.profile import load_profile

        profile = load_profile(request.profile)
    localization = Localization(Localizer.for_locale(request.locale, strict=request.strict), profile)
    localized = localization.record(record)
    localization.check()
    analysis = analyse(record)
    warnings = list(localization.missing)
    if request.fmt in EXPORT_FORMATS:
        from sopgen.export import export_flow, export_warnings

        data = export_flow(localized, analysis, localization.localizer, request.fmt)
        warnings += export_warnings(record, request.fmt, data)
    else:
        from sopgen.build.preflight import chart_epoch
        from sopgen.charts.flowchart import flowchart
        from sopgen.charts.graphviz_run import fitting_png_dpi, render_chart

        epoch = chart_epoch(profile.document.effective if profile else None)
        if request.paper is not None:
            from sopgen.charts.paper import paper_chart

            data, _folded = paper_chart(localized, analysis, localization.localizer, request.paper, epoch, changed)
        else:
            graph = flowchart(localized, analysis, localization.localizer, changed=changed)
            dpi = fitting_png_dpi(graph.source) if request.fmt == "png" else None
            if dpi is not None:
                warnings.append(png_shrunk_warning(record, graph.source, dpi))
            data = render_chart(graph, request.fmt, epoch, dpi)
    return data, summary_line(localized, analysis, localization.localizer), warnings


def png_shrunk_warning(flow: Any, source: str, dpi: float) -> Problem:
    """What a user is told when a chart's PNG is drawn at a lower resolution than usual, to keep within Graphviz's limit."""
    from sopgen.charts.graphviz_run import PNG_LIMIT, png_size

    width, height = png_size(source)
    return Problem(
        flow.source,
        ui_("the PNG of '{flow}' would be {width} × {height} pixels, more than Graphviz draws ({limit} a side): it is drawn at {dpi} dpi instead of 96").format(
            flow=flow.id, width=width, height=height, limit=PNG_LIMIT, dpi=dpi
        ),
        ui_("for a sharp chart of any size, write SVG (--format svg), or a PDF of pages (--format pdf --paper a4)"),
        severity="warning",
    )


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
    """The chart drawn and written with its folder checked and locked first: a file in the way is refused before the drawing."""
    with opened_folder(request.out.parent, request.force, [request.out.name]) as folder:
        data, _summary, warnings = render_flow_chart(request)
        return folder.write(request.out.name, data), warnings


def check_output_file(request: ChartRequest) -> None:
    """Refuse now, before the chart is drawn, to overwrite a file sopgen did not write."""
    with opened_folder(request.out.parent, request.force, [request.out.name]):
        pass


def write_chart_file(request: ChartRequest, data: bytes) -> Path:
    """The chart written beside the manifest of its folder, so that a later run knows the file is sopgen's."""
    with opened_folder(request.out.parent, request.force, [request.out.name]) as folder:
        return folder.write(request.out.name, data)

"""`sopgen analyze` and `sopgen flow`: a current-state flow's numbers and chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sopgen.blueprints.yaml_loading import display_path
from sopgen.build.pipeline import FLOW_FORMATS
from sopgen.cli.options import ForceOption, LangOption, ProfileOption, StrictOption, one_language
from sopgen.cli.output import print_json, report, warn
from sopgen.i18n.interface import _

commands = typer.Typer()


@commands.command("analyze", help=_("Print hand-offs, bottleneck, lead time and cycle efficiency of a current-state flow."))
def analyze_command(
    flow: Annotated[str, typer.Argument(help=_("A built-in flow's id or a flow blueprint file."))],
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the figures as JSON."))] = False,
    strict: StrictOption = False,
) -> None:
    from sopgen.analysis.figures import analyse
    from sopgen.blueprints.library import resolve_flow

    record = resolve_flow(flow)
    analysis = analyse(record)
    if as_json:
        print_json(analysis.as_json())
        return
    from sopgen.cli.analysis_report import print_analysis
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    localization = Localization(Localizer.for_locale(one_language(lang), strict=strict))
    localized = localization.record(record)
    localization.check()
    print_analysis(localized, analysis, localization.localizer)

@commands.command("flow", help=_("Draw a current-state flow as a swimlane chart, or export it as BPMN, draw.io or Mermaid."))
def flow_command(
    flow: Annotated[str, typer.Argument(help=_("A built-in flow's id or a flow blueprint file."))],
    lang: LangOption = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help=_("{formats}; by default taken from the extension of --out, else svg.").format(formats=", ".join(FLOW_FORMATS))),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help=_("The chart file to write (.bpmn, .drawio and .mmd are editable diagrams)."))] = None,
    profile: ProfileOption = None,
    strict: StrictOption = False,
    watch: Annotated[bool, typer.Option("--watch", help=_("Redraw the chart every time the blueprint file is saved."))] = False,
    force: ForceOption = False,
) -> None:
    from sopgen.build.pipeline import ChartRequest, write_flow_chart

    request = ChartRequest.create(flow, one_language(lang), fmt, out, profile, strict, force)
    if watch:
        from sopgen.build.watching import watch_chart

        watch_chart(request, on_change=lambda line: typer.echo(line), on_error=report)
        return
    path, warnings = write_flow_chart(request)
    warn(warnings)
    typer.echo(_("wrote {path}").format(path=display_path(path)))

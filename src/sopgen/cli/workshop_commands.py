"""`sopgen whatif` and `sopgen serve`: try a future state of a flow, on the command line or on a live page."""

from pathlib import Path
from typing import Annotated

import typer

from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.command_index import command_help
from sopgen.cli.options import LangOption, ProfileOption, StrictOption, one_language, split_list
from sopgen.cli.output import print_json, warn
from sopgen.i18n.interface import _

commands = typer.Typer()

DEFAULT_PORT = 8765

@commands.command("whatif", help=command_help("whatif"))
def whatif_command(
    flow: Annotated[str, typer.Argument(help=_("A built-in flow's id or a flow blueprint file."))],
    automate: Annotated[list[str] | None, typer.Option("--automate", metavar="STEP[,STEP…]", help=_("Steps to automate."))] = None,
    staff: Annotated[list[str] | None, typer.Option("--staff", metavar="STEP=N", help=_("People doing a step."))] = None,
    hours: Annotated[list[str] | None, typer.Option("--hours", metavar="STEP=H", help=_("Hours per day each of them gives the step."))] = None,
    handling: Annotated[list[str] | None, typer.Option("--handling", metavar="STEP=DURATION", help=_("Work time per order, such as 2m."))] = None,
    wait: Annotated[list[str] | None, typer.Option("--wait", metavar="STEP=DURATION", help=_("Queue time before the step starts, such as 1h."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the current and future figures and the changes as JSON."))] = False,
    out: Annotated[Path | None, typer.Option("--out", help=_("Draw the future state, its changes marked, into this chart file."))] = None,
    fmt: Annotated[str | None, typer.Option("--format", help=_("The chart's format; by default taken from --out."))] = None,
    lang: LangOption = None,
    profile: ProfileOption = None,
    strict: StrictOption = False,
) -> None:
    from sopgen.analysis.figures import analyse
    from sopgen.analysis.whatif import WhatIf, apply, check, whatif_json
    from sopgen.blueprints.library import resolve_flow
    from sopgen.errors import InputError

    current = resolve_flow(flow)
    what_if, problems = WhatIf.read(
        [step for value in automate or () for step in split_list(value)],
        staff=step_values(staff, "--staff"),
        hours=step_values(hours, "--hours"),
        handling=step_values(handling, "--handling"),
        wait=step_values(wait, "--wait"),
    )
    problems += check(current, what_if)
    if problems:
        raise InputError(problems)
    future = apply(current, what_if)
    locale = one_language(lang)
    if out is not None or fmt is not None:
        from sopgen.build.pipeline import ChartRequest, write_flow_chart

        request = ChartRequest.create(flow, locale, fmt, out, profile, strict, what_if=what_if)
        path, warnings = write_flow_chart(request)
        warn(warnings)
        typer.echo(_("wrote {path}").format(path=display_path(path)), err=as_json)
    if as_json:
        print_json(whatif_json(analyse(current), analyse(future)))
        return
    from sopgen.blueprints.profile import load_profile
    from sopgen.cli.analysis_report import print_whatif
    from sopgen.i18n.localizer import Localizer
    from sopgen.localize.localization import Localization

    localization = Localization(Localizer.for_locale(locale, strict=strict), load_profile(profile) if profile else None)
    localized_current, localized_future = localization.record(current), localization.record(future)
    localization.check()
    print_whatif(localized_current, analyse(current), localized_future, analyse(future), localization.localizer)


def step_values(values: list[str] | None, option: str) -> dict[str, str]:
    """`STEP=VALUE` pairs of a repeatable option; a step named twice keeps the last value."""
    from sopgen.errors import InputError, Problem, Source

    pairs: dict[str, str] = {}
    problems = []
    for value in values or ():
        step, separator, amount = value.partition("=")
        if not separator or not step.strip() or not amount.strip():
            problems.append(Problem(Source(option), _("'{value}' should look like STEP=VALUE").format(value=value), _("for example {option} pack=2").format(option=option)))
            continue
        pairs[step.strip()] = amount.strip()
    if problems:
        raise InputError(problems)
    return pairs


@commands.command("serve", help=command_help("serve"))
def serve_command(
    flow: Annotated[Path, typer.Argument(help=_("The flow blueprint file to show and follow."))],
    lang: Annotated[str | None, typer.Option("--lang", help=_("The page's language at first: da, en, zh-TW or id; the page can switch."))] = None,
    profile: ProfileOption = None,
    measured: Annotated[Path | None, typer.Option("--measured", help=_("An order export or event log whose measured figures to show beside the designed ones."))] = None,
    host: Annotated[str, typer.Option("--host", help=_("The address to serve on; other than 127.0.0.1, the page is open to the network."))] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=_("The port; 0 picks a free one."))] = DEFAULT_PORT,
    strict: StrictOption = False,
) -> None:
    from sopgen.serve.server import ServeSettings, serve

    settings = ServeSettings.create(flow, one_language(lang), profile, measured, host, port, strict)
    serve(settings, say=lambda line: typer.echo(line), warn=lambda line: typer.secho(line, err=True, fg="red", bold=True))

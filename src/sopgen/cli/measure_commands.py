"""`sopgen measure` and `sopgen discover`: what the shop's order exports and event logs say about its flow."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sopgen.cli.command_index import command_help
from sopgen.cli.options import LangOption, ProfileOption, StrictOption, one_language
from sopgen.cli.output import print_json, warn
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.measure.directly_follows import Measurement
    from sopgen.measure.sources import EventLog, ReadOptions

commands = typer.Typer()

LogsArgument = Annotated[list[Path], typer.Argument(help=_("Order exports (Shopify, WooCommerce, Shopee) or event logs (CSV, XES, Parquet)."))]
SourceOption = Annotated[str | None, typer.Option("--source", help=_("What the files are: shopify, woocommerce, shopee, csv, xes or parquet; recognised when left out."))]
CaseOption = Annotated[str | None, typer.Option("--case", help=_("The event log's case column (default: case:concept:name or case_id)."))]
ActivityOption = Annotated[str | None, typer.Option("--activity", help=_("The event log's activity column (default: concept:name or activity)."))]
TimestampOption = Annotated[str | None, typer.Option("--timestamp", help=_("The event log's time column (default: time:timestamp or timestamp)."))]
StartOption = Annotated[str | None, typer.Option("--start", help=_("The event log's start-time column (default: start_timestamp, if present)."))]
ResourceOption = Annotated[str | None, typer.Option("--resource", help=_("The event log's resource column (default: org:resource or resource, if present)."))]
ZoneOption = Annotated[
    str | None, typer.Option("--tz", help=_("The shop's time zone, for days and weekdays (Europe/Copenhagen); default: the profile's country, else the log's own offset."))
]


def read_options(
    source: str | None, case: str | None, activity: str | None, timestamp: str | None, start: str | None, resource: str | None, tz: str | None, profile: Path | None
) -> "ReadOptions":
    from sopgen.errors import Source
    from sopgen.measure.sources import ReadOptions
    from sopgen.measure.times import country_zone, valid_zone

    zone = valid_zone(tz, Source("--tz")) if tz else None
    if zone is None and profile is not None:
        from sopgen.blueprints.profile import load_profile

        zone = country_zone(load_profile(profile).shop.country)
    return ReadOptions(source, case, activity, timestamp, start, resource, zone)


def read_and_measure(logs: list[Path], options: "ReadOptions") -> "tuple[EventLog, Measurement]":
    from sopgen.blueprints.yaml_loading import display_path
    from sopgen.measure.measuring import read_and_measure as measured

    return measured(logs, options, display_path)


@commands.command("measure", help=command_help("measure"))
def measure_command(
    logs: LogsArgument,
    flow: Annotated[str | None, typer.Option("--flow", help=_("A flow (built-in id or file) to set the measured figures beside, step by step."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the figures as JSON."))] = False,
    out: Annotated[Path | None, typer.Option("--out", help=_("A chart to draw: the flow with measured figures beside the designed ones (svg, png, pdf, dot)."))] = None,
    lang: LangOption = None,
    source: SourceOption = None,
    case: CaseOption = None,
    activity: ActivityOption = None,
    timestamp: TimestampOption = None,
    start: StartOption = None,
    resource: ResourceOption = None,
    tz: ZoneOption = None,
    profile: ProfileOption = None,
    strict: StrictOption = False,
) -> None:
    locale = one_language(lang)
    request = None
    if out is not None:  # the chart's format is checked before the logs are read
        from sopgen.build.pipeline import ChartRequest

        request = ChartRequest.create(flow or "measured-flow", locale, None, out, profile, strict)
    record = None
    if flow is not None:  # the flow is checked before the logs are read
        from sopgen.blueprints.library import resolve_flow

        record = resolve_flow(flow)
    log, measurement = read_and_measure(logs, read_options(source, case, activity, timestamp, start, resource, tz, profile))
    warn(measurement.warnings())
    comparison = None
    if record is not None:
        from sopgen.measure.comparison import compare

        comparison = compare(record, log, measurement)
    if request is not None:
        from sopgen.blueprints.yaml_loading import display_path
        from sopgen.build.measured import write_measured_chart

        if record is None:
            from sopgen.measure.comparison import compare
            from sopgen.measure.discovery import DEFAULT_MIN_SHARE, default_title, discovered_flow

            _data, _text, record = discovered_flow(log, measurement, "measured-flow", default_title(logs), DEFAULT_MIN_SHARE)
            comparison = compare(record, log, measurement)
        assert comparison is not None
        path, warnings = write_measured_chart(request, record, comparison)
        if flow is not None:  # a discovered flow's titles are the log's own words, with nothing to translate
            warn(warnings)
        typer.echo(_("wrote {path}").format(path=display_path(path)), err=as_json)
    if as_json:
        data = measurement.as_json()
        if comparison is not None and flow is not None:
            data["flow"] = comparison.as_json()
        print_json(data)
        return
    from sopgen.cli.measure_report import print_measurement
    from sopgen.i18n.localizer import Localizer

    print_measurement(measurement, comparison if flow is not None else None, record, Localizer.for_locale(locale, strict=strict))


@commands.command("discover", help=command_help("discover"))
def discover_command(
    logs: LogsArgument,
    out: Annotated[Path, typer.Option("--out", help=_("The flow blueprint to write (flow.yaml)."))],
    min_share: Annotated[
        float, typer.Option("--min-share", min=0.0, max=1.0, help=_("Keep a directly-follows pair as an edge when it occurs at least this often per case (0 to 1)."))
    ] = 0.05,
    flow_id: Annotated[str | None, typer.Option("--id", help=_("The flow's id; default: from the file name."))] = None,
    title: Annotated[str | None, typer.Option("--title", help=_("The flow's title."))] = None,
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite the blueprint file if it exists."))] = False,
    source: SourceOption = None,
    case: CaseOption = None,
    activity: ActivityOption = None,
    timestamp: TimestampOption = None,
    start: StartOption = None,
    resource: ResourceOption = None,
    tz: ZoneOption = None,
    profile: ProfileOption = None,
) -> None:
    from sopgen.blueprints.fields import ID_PATTERN
    from sopgen.blueprints.yaml_loading import display_path
    from sopgen.build.measured import write_discovered_flow
    from sopgen.errors import InputError, Source
    from sopgen.measure.discovery import default_title, discovered_flow, slug

    chosen_id = flow_id or slug(out.stem, "measured-flow")
    if not ID_PATTERN.match(chosen_id):
        raise InputError.single(Source("--id"), _("'{value}' is not a valid id: use lower-case letters, digits and hyphens").format(value=chosen_id))
    log, measurement = read_and_measure(logs, read_options(source, case, activity, timestamp, start, resource, tz, profile))
    warn(measurement.warnings())
    data, text, _record = discovered_flow(log, measurement, chosen_id, title or default_title(logs), min_share, display_path(out))
    path = write_discovered_flow(out, text, force)
    typer.echo(
        _("wrote {path}: {steps} steps, {edges} edges, from {cases} cases").format(
            path=display_path(path), steps=len(data["steps"]), edges=len(data["edges"]), cases=measurement.cases
        )
    )

"""`sopgen analyze` and `sopgen flow`: a current-state flow's numbers and chart."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from sopgen.blueprints.vocabulary import CHANNELS
from sopgen.blueprints.yaml_loading import display_path
from sopgen.build.pipeline import FLOW_FORMATS
from sopgen.charts.graphviz_run import PAPER_SIZES
from sopgen.cli.command_index import command_help
from sopgen.cli.flow_options import ChatsOption, LabelsOption, OrdersPerDayOption, PackerOption, flow_choices
from sopgen.cli.options import ForceOption, LangOption, ProfileOption, StrictOption, key_value_pairs, one_language, split_list
from sopgen.cli.output import print_json, report, warn
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.shop_profile import Profile

commands = typer.Typer()


@commands.command("analyze", help=command_help("analyze"))
def analyze_command(
    flow: Annotated[str, typer.Argument(help=_("A built-in flow's id or a flow blueprint file."))],
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the figures as JSON."))] = False,
    strict: StrictOption = False,
    measured: Annotated[list[Path] | None, typer.Option("--measured", help=_("An order export or event log whose measured figures replace the designed ones."))] = None,
    everything: Annotated[bool, typer.Option("--all", help=_("Show every step and hand-off, also of a big flow."))] = False,
) -> None:
    from sopgen.analysis.figures import analyse
    from sopgen.blueprints.library import resolve_flow

    record = resolve_flow(flow)
    if measured:
        from sopgen.measure.comparison import measured_flow

        record = measured_flow(record, measured)
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
    print_analysis(localized, analysis, localization.localizer, everything)


NEW = "new"
new_flow_commands = typer.Typer(rich_markup_mode=None)


class FlowCommand(TyperCommand):
    """`sopgen flow ID|PATH` draws a flow; `sopgen flow new …` writes a starting one (a flow file called `new` is `./new`)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if args and args[0] == NEW:
            command = typer.main.get_command(new_flow_commands)
            return command.make_context(f"{info_name} {NEW}", list(args[1:]), parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


@commands.command(
    "flow",
    cls=FlowCommand,
    help=command_help("flow"),
)
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
    paper: Annotated[
        str | None,
        typer.Option("--paper", help=_("With --format pdf: landscape pages of this paper ({choices}), the chart folded to fit with no text under 6 points.").format(choices=", ".join(PAPER_SIZES))),
    ] = None,
) -> None:
    from sopgen.build.pipeline import ChartRequest, write_flow_chart

    request = ChartRequest.create(flow, one_language(lang), fmt, out, profile, strict, force=force, paper=paper)
    if watch:
        from sopgen.build.watching import watch_chart

        watch_chart(request, on_change=lambda line: typer.echo(line), on_error=report)
        return
    path, warnings = write_flow_chart(request)
    warn(warnings)
    typer.echo(_("wrote {path}").format(path=display_path(path)))


# ---------------------------------------------------------------- sopgen flow new


@new_flow_commands.command(NEW, help=_("Write a shop's starting order flow from its channels, tools and team, for a workshop to correct."))
def flow_new_command(
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the flow."))] = Path("flow.yaml"),
    profile: Annotated[Path | None, typer.Option("--profile", help=_("Take the channels, tools and team from this shop profile."))] = None,
    channels: Annotated[str | None, typer.Option("--channels", help=_("Sales channels, comma-separated: {choices}.").format(choices=", ".join(CHANNELS)))] = None,
    country: Annotated[str | None, typer.Option("--country", help=_("Two-letter country code; DK, TW and ID bring their payments, carriers and rules."))] = None,
    tool: Annotated[list[str] | None, typer.Option("--tool", help=_("A tool by job, e.g. shipping=Shipmondo; repeat for more."))] = None,
    team: Annotated[list[str] | None, typer.Option("--team", help=_("Who holds a role, e.g. virtual-assistant=Rina; repeat for more."))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=_("The shop owner's name, when not given with --team."))] = None,
    payments: Annotated[str | None, typer.Option("--payments", help=_("Payment methods, comma-separated; by default the country's."))] = None,
    carriers: Annotated[str | None, typer.Option("--carriers", help=_("Carriers, comma-separated; by default the country's."))] = None,
    name: Annotated[str | None, typer.Option("--name", help=_("The shop's name, for the flow's title."))] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=_("The flow's language: da, en, zh-TW or id; by default the profile's or the country's."))] = None,
    orders_per_day: OrdersPerDayOption = None,
    packer: PackerOption = None,
    chats: ChatsOption = None,
    labels: LabelsOption = None,
    force: ForceOption = False,
) -> None:
    from sopgen.blueprints.own_flow import starting_flow
    from sopgen.blueprints.profile_writer import refuse_existing
    from sopgen.build.files import write_atomically

    choices = flow_choices(orders_per_day, packer, chats, labels)
    shop_options = {"--channels": channels, "--country": country, "--tool": tool, "--team": team, "--owner": owner, "--payments": payments, "--carriers": carriers, "--name": name}
    if profile is not None:
        from sopgen.blueprints.profile import load_profile, profile_locales
        from sopgen.errors import InputError, Source

        given = [option for option, value in shop_options.items() if value]
        if given:
            raise InputError.single(Source(given[0]), _("the shop comes from --profile; its options cannot be given as well"), _("change the profile, or leave out --profile"))
        shop = load_profile(profile)
        locale = one_language(lang) if lang else profile_locales(shop)[0]
        result = starting_flow(shop, choices, locale, display_path(out), origin=display_path(profile))
    else:
        from sopgen.blueprints.own_flow import new_flow_locale

        shop = _shop_from_options(channels, country, tool, team, owner, payments, carriers, name)
        locale = one_language(lang) if lang else new_flow_locale(country)
        result = starting_flow(shop, choices, locale, display_path(out), named=name is not None)
    refuse_existing(out, force)
    write_atomically(out, result.text.encode("utf-8"))
    warn(result.warnings)
    typer.echo(_("wrote {path}; draw it with: sopgen flow {path}").format(path=display_path(out)))


def _shop_from_options(
    channels: str | None, country: str | None, tool: list[str] | None, team: list[str] | None, owner: str | None,
    payments: str | None, carriers: str | None, name: str | None,
) -> "Profile":
    """The shop the options describe, as a profile that is checked but never written."""
    from sopgen.blueprints.own_flow import NO_COUNTRY, shop_from_answers
    from sopgen.blueprints.profile_writer import ShopAnswers
    from sopgen.errors import InputError, Source

    if not split_list(channels):
        raise InputError.single(Source("--channels"), _("name the shop's sales channels"), _("for example --channels shopify,instagram, or take them from a profile with --profile"))
    code = (country or NO_COUNTRY).strip().upper()
    answers = ShopAnswers(
        name=name or "-", country=code, channels=split_list(channels),
        payments=split_list(payments) if payments is not None else None,
        carriers=split_list(carriers) if carriers is not None else None,
        tools=key_value_pairs(tool, "--tool"), team=key_value_pairs(team, "--team"), owner=owner,
    )
    return shop_from_answers(answers)

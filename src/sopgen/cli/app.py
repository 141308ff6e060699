"""The `sopgen` command line: parse arguments, delegate to the pipeline, map errors to exit codes."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sopgen import __version__
from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.collector import command_starts
from sopgen.errors import Problem, SopgenError
from sopgen.i18n.interface import _, ngettext


class SopgenGroup(TyperGroup):
    """The command group: the one place where sopgen's own errors become `file:line: error: …` and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        command_starts()
        try:
            return super().invoke(ctx)
        except SopgenError as error:
            report(error.problems)
            raise typer.Exit(code=error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(_("interrupted; files already written are complete, run the command again to finish"), err=True)
            raise typer.Exit(code=130) from None


app = typer.Typer(
    cls=SopgenGroup,
    help=_("Multilingual SOP documents and order-flow charts for online shops."),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
    rich_markup_mode=None,
    add_completion=False,
)


def report(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))] = False,
) -> None:
    """Multilingual SOP documents and order-flow charts for online shops."""


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command("validate", help=_("Check blueprint files and folders; print every problem as file:line."))
def validate_command(
    paths: Annotated[list[Path], typer.Argument(help=_("Blueprint files or folders to check."))],
    strict: Annotated[bool, typer.Option("--strict", help=_("Treat warnings as errors."))] = False,
) -> None:
    from sopgen.blueprints.library import user_library

    library = user_library(paths)
    report(library.warnings)
    if strict and library.warnings:
        raise typer.Exit(code=2)
    typer.echo(
        _("{sops} SOPs and {flows} flows are valid").format(sops=len(library.sops), flows=len(library.flows))
    )


@app.command("blueprints", help=_("List the built-in blueprints, grouped by lifecycle phase."))
def blueprints_command(
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the catalogue as JSON."))] = False,
) -> None:
    from sopgen.blueprints.catalogue import catalogue_rows, print_catalogue

    rows = catalogue_rows()
    if as_json:
        print_json(rows)
    else:
        print_catalogue(rows)


i18n_app = typer.Typer(help=_("Maintain the translation catalogs."), no_args_is_help=True)
app.add_typer(i18n_app, name="i18n")

BlueprintsOption = Annotated[
    Path | None,
    typer.Option("--blueprints", help=_("A folder of your own blueprints; its catalogs live in its 'locales' folder.")),
]
LangOption = Annotated[str | None, typer.Option("--lang", help=_("Languages, comma-separated: da,en,zh-TW,id."))]


def _catalog_set(blueprints: Path | None) -> Any:
    from sopgen.localize.catalog_upkeep import CatalogSet

    return CatalogSet.for_user(blueprints) if blueprints else CatalogSet.builtin()


def _translated_locales(lang: str | None) -> tuple[str, ...]:
    from sopgen.localize.catalog_upkeep import TRANSLATED_LOCALES

    if not lang:
        return TRANSLATED_LOCALES
    return tuple(locale for locale in parse_languages(lang) if locale in TRANSLATED_LOCALES)


def parse_languages(text: str) -> tuple[str, ...]:
    from sopgen.errors import InputError, Source
    from sopgen.i18n.locales import UnknownLocale, choices_text, parse_locale_list

    try:
        return parse_locale_list(text)
    except UnknownLocale as error:
        raise InputError.single(
            Source("--lang"),
            _("unknown language '{language}'").format(language=error.text.strip()),
            _("choose from: {choices}").format(choices=choices_text()),
        ) from None


@i18n_app.command("extract", help=_("Write the message templates (.pot) from the sources."))
def i18n_extract(blueprints: BlueprintsOption = None) -> None:
    from sopgen.localize.catalog_upkeep import write_template

    catalogs = _catalog_set(blueprints)
    for domain in catalogs.domains:
        typer.echo(_("wrote {path}").format(path=display_path(write_template(catalogs, domain))))


@i18n_app.command("update", help=_("Merge new and changed messages into every catalog, keeping existing translations."))
def i18n_update(blueprints: BlueprintsOption = None, lang: LangOption = None) -> None:
    from sopgen.localize.catalog_upkeep import update, write_template

    catalogs = _catalog_set(blueprints)
    for domain in catalogs.domains:
        write_template(catalogs, domain)
        for path in update(catalogs, domain, _translated_locales(lang)):
            typer.echo(_("updated {path}").format(path=display_path(path)))


@i18n_app.command("compile", help=_("Compile every catalog (.po) into its binary form (.mo)."))
def i18n_compile(
    blueprints: BlueprintsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help=_("Print nothing on success."))] = False,
) -> None:
    from sopgen.localize.catalog_upkeep import compile_catalogs

    written = compile_catalogs(_catalog_set(blueprints))
    if not quiet:
        for path in written:
            typer.echo(_("compiled {path}").format(path=display_path(path)))


@i18n_app.command("check", help=_("Report translated, untranslated, fuzzy and obsolete counts and placeholder errors; exit 2 if incomplete."))
def i18n_check(
    blueprints: BlueprintsOption = None,
    lang: LangOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the report as JSON."))] = False,
) -> None:
    from sopgen.localize.catalog_upkeep import check, raise_if_incomplete

    reports = check(_catalog_set(blueprints), _translated_locales(lang))
    if as_json:
        print_json([report.as_json() for report in reports])
    else:
        from sopgen.cli.i18n_report import print_reports

        print_reports(reports)
    if any(not report.complete for report in reports):
        if as_json:
            raise typer.Exit(code=2)
        raise_if_incomplete(reports)


ProfileOption = Annotated[Path | None, typer.Option("--profile", help=_("The shop profile (shop.yaml); without it, the built-in demo shop."))]
StrictOption = Annotated[bool, typer.Option("--strict", help=_("Fail on a missing translation instead of falling back to English."))]
TemplateOption = Annotated[Path | None, typer.Option("--template", help=_("A Word document (.docx) whose styles, header logo and page set-up to use."))]
ForceOption = Annotated[bool, typer.Option("--force", help=_("Overwrite output files that were changed by hand."))]
FontOption = Annotated[str | None, typer.Option("--east-asian-font", help=_("The font for Chinese text in Word documents."))]


def _one_language(lang: str | None) -> str:
    from sopgen.i18n.locales import interface_locale

    if lang is None:
        return interface_locale()
    locales = parse_languages(lang)
    if len(locales) != 1:
        from sopgen.errors import InputError, Source

        raise InputError.single(Source("--lang"), _("give one language for this command"))
    return locales[0]


def _warn(problems: list[Problem] | tuple[Problem, ...]) -> None:
    shown = list(problems)[:20]
    report(shown)
    if len(problems) > len(shown):
        hidden = len(problems) - len(shown)
        typer.echo(ngettext("… and {count} more warning", "… and {count} more warnings", hidden).format(count=hidden), err=True)


@app.command("analyze", help=_("Print hand-offs, bottleneck, lead time and cycle efficiency of a current-state flow."))
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

    localization = Localization(Localizer.for_locale(_one_language(lang), strict=strict))
    localized = localization.record(record)
    localization.check()
    print_analysis(localized, analysis, localization.localizer)


@app.command("flow", help=_("Draw a current-state flow as a swimlane chart."))
def flow_command(
    flow: Annotated[str, typer.Argument(help=_("A built-in flow's id or a flow blueprint file."))],
    lang: LangOption = None,
    fmt: Annotated[str | None, typer.Option("--format", help=_("svg, png, pdf or dot; by default taken from --out, else svg."))] = None,
    out: Annotated[Path | None, typer.Option("--out", help=_("The chart file to write."))] = None,
    profile: ProfileOption = None,
    strict: StrictOption = False,
    watch: Annotated[bool, typer.Option("--watch", help=_("Redraw the chart every time the blueprint file is saved."))] = False,
) -> None:
    from sopgen.build.pipeline import ChartRequest, write_flow_chart

    request = ChartRequest.create(flow, _one_language(lang), fmt, out, profile, strict)
    if watch:
        from sopgen.build.watching import watch_chart

        watch_chart(request, on_change=lambda line: typer.echo(line), on_error=report)
        return
    path, warnings = write_flow_chart(request)
    _warn(warnings)
    typer.echo(_("wrote {path}").format(path=display_path(path)))


@app.command("sop", help=_("Write one SOP as a Word document, in each language asked for."))
def sop_command(
    sop: Annotated[str, typer.Argument(help=_("A built-in SOP's id or an SOP blueprint file."))],
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=_("The folder to write into."))] = Path("."),
    profile: ProfileOption = None,
    template: TemplateOption = None,
    east_asian_font: FontOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
) -> None:
    from sopgen.build.pipeline import write_sop_documents
    from sopgen.build.sessions import RunSettings

    settings = RunSettings(profile, strict, template, east_asian_font)
    locales = parse_languages(lang) if lang else None
    written, warnings = write_sop_documents(sop, settings, locales, out, force)
    _warn(warnings)
    for path in written:
        typer.echo(_("wrote {path}").format(path=display_path(path)))


@app.command("pack", help=_("Write the starter SOP pack: every SOP, the handbook and the flow charts, per language."))
def pack_command(
    profile: ProfileOption = None,
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", help=_("The folder to write the pack into."))] = Path("sop-pack"),
    template: TemplateOption = None,
    east_asian_font: FontOption = None,
    blueprints: Annotated[
        list[Path] | None, typer.Option("--blueprints", help=_("Your own blueprint folder, used instead of the built-in SOPs."))
    ] = None,
    strict: StrictOption = False,
    force: ForceOption = False,
) -> None:
    from sopgen.cli.pack_progress import run_pack_with_progress
    from sopgen.build.sessions import RunSettings

    user_locales = tuple(folder / "locales" for folder in blueprints or ())
    settings = RunSettings(profile, strict, template, east_asian_font, tuple(blueprints or ()), user_locales)
    locales = parse_languages(lang) if lang else None
    run_pack_with_progress(settings, locales, out, force)


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    from sopgen.errors import InputError, Source

    pairs: dict[str, str] = {}
    for value in values or ():
        key, separator, name = value.partition("=")
        if not separator or not key.strip() or not name.strip():
            raise InputError.single(Source(option), _("'{value}' should look like key=name").format(value=value))
        pairs[key.strip()] = name.strip()
    return pairs


@app.command("init", help=_("Write a shop profile, asking for each answer unless --no-input is given."))
def init_command(
    out: Annotated[Path, typer.Option("--out", help=_("Where to write the profile."))] = Path("shop.yaml"),
    no_input: Annotated[bool, typer.Option("--no-input", help=_("Ask nothing; take every answer from the options."))] = False,
    name: Annotated[str | None, typer.Option("--name", help=_("The shop's name."))] = None,
    country: Annotated[str, typer.Option("--country", help=_("Two-letter country code."))] = "DK",
    currency: Annotated[str, typer.Option("--currency", help=_("Three-letter currency code."))] = "DKK",
    website: Annotated[str | None, typer.Option("--website")] = None,
    email: Annotated[str | None, typer.Option("--email", help=_("Customer service email address."))] = None,
    working_hours: Annotated[str | None, typer.Option("--working-hours")] = None,
    channels: Annotated[str, typer.Option("--channels", help=_("Sales channels, comma-separated."))] = "shopify",
    tool: Annotated[list[str] | None, typer.Option("--tool", help=_("A tool by job, e.g. helpdesk=Gorgias; repeat for more."))] = None,
    team: Annotated[list[str] | None, typer.Option("--team", help=_("Who holds a role, e.g. virtual-assistant=Rina; repeat for more."))] = None,
    owner: Annotated[str | None, typer.Option("--owner", help=_("The SOPs' owner."))] = None,
    approver: Annotated[str | None, typer.Option("--approver", help=_("Who approves the SOPs."))] = None,
    languages: Annotated[str, typer.Option("--languages", help=_("Document languages, comma-separated: da,en,zh-TW,id."))] = "en",
    force: ForceOption = False,
) -> None:
    from sopgen.blueprints.profile_writer import ShopAnswers, checked_profile, profile_yaml, refuse_existing

    refuse_existing(out, force)
    tools, holders = _pairs(tool, "--tool"), _pairs(team, "--team")
    if not no_input:
        from sopgen.cli.init_questions import ask

        name, country, currency, channels, tools, holders, owner, approver, languages = ask(
            name, country, currency, channels, tools, holders, owner, approver, languages
        )
    if not name:
        from sopgen.errors import InputError, Source

        raise InputError.single(Source("--name"), _("the shop needs a name"), _("pass --name \"My Shop\""))
    parse_languages(languages)
    answers = ShopAnswers(
        name=name, country=country, currency=currency, website=website, email=email, working_hours=working_hours,
        channels=_split(channels), tools=tools, team=holders, owner=owner, approver=approver, languages=_split(languages),
    )
    text = profile_yaml(answers)
    checked_profile(text, str(out))
    from sopgen.build.pipeline import write_atomically

    write_atomically(out, text.encode("utf-8"))
    typer.echo(_("wrote {path}; next: sopgen pack --profile {path}").format(path=display_path(out)))

"""`sopgen i18n extract|update|compile|check`: catalog upkeep."""

from pathlib import Path
from typing import Annotated, Any

import typer

from sopgen.blueprints.yaml_loading import display_path
from sopgen.cli.command_index import command_help
from sopgen.cli.options import BlueprintsOption, LangOption, parse_languages
from sopgen.cli.output import print_json
from sopgen.i18n.interface import _

commands = typer.Typer(help=command_help("i18n"), no_args_is_help=True)


def _catalog_set(blueprints: Path | None) -> Any:
    from sopgen.localize.catalog_upkeep import CatalogSet

    return CatalogSet.for_user(blueprints) if blueprints else CatalogSet.builtin()


def _translated_locales(lang: str | None) -> tuple[str, ...]:
    from sopgen.localize.catalog_upkeep import TRANSLATED_LOCALES

    if not lang:
        return TRANSLATED_LOCALES
    return tuple(locale for locale in parse_languages(lang, pairs=False) if locale in TRANSLATED_LOCALES)

@commands.command("extract", help=_("Write the message templates (.pot) from the sources."))
def i18n_extract(blueprints: BlueprintsOption = None) -> None:
    from sopgen.build.files import write_if_changed
    from sopgen.localize.catalog_upkeep import template_file

    catalogs = _catalog_set(blueprints)
    for domain in catalogs.domains:
        typer.echo(_("wrote {path}").format(path=display_path(write_if_changed(*template_file(catalogs, domain)))))


@commands.command("update", help=_("Merge new and changed messages into every catalog, keeping existing translations."))
def i18n_update(blueprints: BlueprintsOption = None, lang: LangOption = None) -> None:
    from sopgen.build.files import write_if_changed
    from sopgen.localize.catalog_upkeep import template_file, updated_catalogs

    catalogs = _catalog_set(blueprints)
    for domain in catalogs.domains:
        write_if_changed(*template_file(catalogs, domain))
        for path, data in updated_catalogs(catalogs, domain, _translated_locales(lang)):
            typer.echo(_("updated {path}").format(path=display_path(write_if_changed(path, data))))


@commands.command("compile", help=_("Compile every catalog (.po) into its binary form (.mo)."))
def i18n_compile(
    blueprints: BlueprintsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help=_("Print nothing on success."))] = False,
) -> None:
    from sopgen.build.files import write_if_changed
    from sopgen.localize.catalog_upkeep import compiled_catalogs

    for path, data in compiled_catalogs(_catalog_set(blueprints)):
        write_if_changed(path, data, compiled_from=path.with_suffix(".po"))
        if not quiet:
            typer.echo(_("compiled {path}").format(path=display_path(path)))


@commands.command("check", help=_("Report translated, untranslated, fuzzy and obsolete counts and placeholder errors; exit 2 if incomplete."))
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

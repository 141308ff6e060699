"""`sopgen validate` and `sopgen blueprints`: the blueprints themselves."""

from pathlib import Path
from typing import Annotated

import typer

from sopgen.cli.command_index import command_help
from sopgen.cli.options import ProfileOption
from sopgen.cli.output import print_json, report
from sopgen.i18n.interface import _, ngettext

commands = typer.Typer()


@commands.command("validate", help=command_help("validate"))
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
    if library.messages:
        count = sum(len(message_set.messages) for message_set in library.messages)
        typer.echo(ngettext("{count} customer message template is valid", "{count} customer message templates are valid", count).format(count=count))

@commands.command("blueprints", help=command_help("blueprints"))
def blueprints_command(
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the catalogue as JSON."))] = False,
    profile: ProfileOption = None,
) -> None:
    from sopgen.blueprints.catalogue import catalogue_rows
    from sopgen.cli.catalogue_report import print_catalogue

    shop = None
    if profile is not None:
        from sopgen.blueprints.profile import load_profile

        shop = load_profile(profile)
    rows = catalogue_rows(shop)
    if as_json:
        print_json(rows)
    else:
        print_catalogue(rows)

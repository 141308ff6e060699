"""The `sopgen` command line: the commands of each area under one group that maps errors to exit codes.

`app_for(name)` builds the group with only the area that defines the command `name`, so that a
command line imports what its command needs; `app` (for tests and any other caller) has them all.
"""

from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sopgen import __version__
from sopgen.cli.collector import command_starts
from sopgen.cli.command_index import AREAS, COMMANDS, GROUPS, area_of
from sopgen.cli.output import report
from sopgen.cli.overview import overview
from sopgen.cli.signals import exit_code, stop_on_sigterm
from sopgen.errors import SopgenError
from sopgen.i18n.interface import _


class SopgenGroup(TyperGroup):
    """The command group: the one place where sopgen's own errors become `file:line: error: …` and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        command_starts()
        stop_on_sigterm()
        try:
            return super().invoke(ctx)
        except SopgenError as error:
            report(error.problems)
            raise typer.Exit(code=error.exit_code) from None
        except KeyboardInterrupt as interrupt:
            typer.echo(_("interrupted; files already written are complete, run the command again to finish"), err=True)
            raise typer.Exit(code=exit_code(interrupt)) from None

    def get_help(self, ctx: Any) -> str:
        return overview()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))] = False,
) -> None:
    """Multilingual SOP documents and order-flow charts for online shops."""


def build_app(areas: tuple[str, ...] = AREAS) -> typer.Typer:
    """The group with the commands of these areas, in the order of the command index."""
    built = typer.Typer(
        cls=SopgenGroup,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,
        pretty_exceptions_short=True,
        rich_markup_mode=None,
        add_completion=False,
    )
    built.callback()(_main)
    for area in areas:
        commands = import_module(f"sopgen.cli.{area}").commands
        groups = [command.name for command in COMMANDS if command.area == area and command.name in GROUPS]
        built.add_typer(commands, name=groups[0] if groups else None)
    return built


def app_for(name: str | None) -> typer.Typer:
    """The group a command line needs: only the named command's area, or every area for anything else."""
    area = area_of(name) if name else None
    return build_app((area,)) if area else build_app()


def __getattr__(name: str) -> Any:
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)

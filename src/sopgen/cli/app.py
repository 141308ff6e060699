"""The `sopgen` command line: the commands of each area under one group that maps errors to exit codes."""

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sopgen import __version__
from sopgen.cli import (
    blueprint_commands,
    document_commands,
    flow_commands,
    i18n_commands,
    init_command,
    measure_commands,
    workshop_commands,
)
from sopgen.cli.collector import command_starts
from sopgen.cli.output import report
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


app = typer.Typer(
    cls=SopgenGroup,
    help=_("Multilingual SOP documents and order-flow charts for online shops."),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
    rich_markup_mode=None,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))] = False,
) -> None:
    """Multilingual SOP documents and order-flow charts for online shops."""


for area in (init_command, blueprint_commands, document_commands, flow_commands, measure_commands, workshop_commands):
    app.add_typer(area.commands)
app.add_typer(i18n_commands.commands, name="i18n")

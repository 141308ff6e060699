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
)
from sopgen.cli.collector import command_starts
from sopgen.cli.output import report
from sopgen.errors import SopgenError
from sopgen.i18n.interface import _


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it stops as after Ctrl-C: files whole, workers stopped."""


def _terminate(_signum: int, _frame: Any) -> None:
    raise Terminated


class SopgenGroup(TyperGroup):
    """The command group: the one place where sopgen's own errors become `file:line: error: …` and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        import signal

        command_starts()
        signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except SopgenError as error:
            report(error.problems)
            raise typer.Exit(code=error.exit_code) from None
        except KeyboardInterrupt as interrupt:
            typer.echo(_("interrupted; files already written are complete, run the command again to finish"), err=True)
            raise typer.Exit(code=143 if isinstance(interrupt, Terminated) else 130) from None


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


for area in (init_command, blueprint_commands, document_commands, flow_commands):
    app.add_typer(area.commands)
app.add_typer(i18n_commands.commands, name="i18n")

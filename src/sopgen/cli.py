"""The `sopgen` command line: parse arguments, delegate to the pipeline, map errors to exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import Problem, SopgenError
from .uitext import _

app = typer.Typer(
    help=_("Multilingual SOP documents and order-flow charts for online shops."),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def report(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)


def user_errors_exit_2(command: F) -> F:
    """Print sopgen's own errors as `file:line: error: …` and exit 2, without a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SopgenError as error:
            report(error.problems)
            raise typer.Exit(code=error.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(_("interrupted; files already written are complete, run the command again to finish"), err=True)
            raise typer.Exit(code=130) from None

    return wrapper  # type: ignore[return-value]


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


@app.command("validate")
@user_errors_exit_2
def validate_command(
    paths: Annotated[list[Path], typer.Argument(help=_("Blueprint files or folders to check."))],
    strict: Annotated[bool, typer.Option("--strict", help=_("Treat warnings as errors."))] = False,
) -> None:
    """Check blueprint files and folders; print every problem as file:line."""
    from .library import user_library

    library = user_library(paths)
    report(library.warnings)
    if strict and library.warnings:
        raise typer.Exit(code=2)
    typer.echo(
        _("{sops} SOPs and {flows} flows are valid").format(sops=len(library.sops), flows=len(library.flows))
    )


@app.command("blueprints")
@user_errors_exit_2
def blueprints_command(
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the catalogue as JSON."))] = False,
) -> None:
    """List the built-in blueprints, grouped by lifecycle phase."""
    from .catalogue import catalogue_rows, print_catalogue

    rows = catalogue_rows()
    if as_json:
        print_json(rows)
    else:
        print_catalogue(rows)

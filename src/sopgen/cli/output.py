"""What commands print: problems on stderr, JSON on stdout, warnings shortened."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer

from sopgen.errors import Problem
from sopgen.i18n.interface import ngettext


def report(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=True)

def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

def warn(problems: list[Problem] | tuple[Problem, ...]) -> None:
    shown = list(problems)[:20]
    report(shown)
    if len(problems) > len(shown):
        hidden = len(problems) - len(shown)
        typer.echo(ngettext("… and {count} more warning", "… and {count} more warnings", hidden).format(count=hidden), err=True)

"""The overview `sopgen --help` prints: usage, what sopgen does, its two options and every command.

Printed from the command index without loading the command framework, so that it takes no longer
than Python's own start-up; the app's group prints the same text (`SopgenGroup.get_help`).
"""

from __future__ import annotations

import shutil

from sopgen.cli.command_index import ABOUT, COMMANDS
from sopgen.i18n.display_text import display_width, wrap_words
from sopgen.i18n.interface import _

USAGE = "Usage: sopgen [OPTIONS] COMMAND [ARGS]..."
MAX_WIDTH = 80


def overview() -> str:
    """The text, wrapped to the terminal as click wraps help: at most 78 columns, at least 50."""
    width = max(min(shutil.get_terminal_size().columns, MAX_WIDTH) - 2, 50)
    lines = [USAGE, "", *(f"  {line}" for line in wrap_words(_(ABOUT), width - 2)), "", "Options:"]
    # --help in the framework's own words, as every command's help has them (click prints them in English)
    lines += _definitions([("--version", _("Show the version and exit.")), ("--help", "Show this message and exit.")], width)
    lines += ["", "Commands:"]
    lines += _definitions([(command.name, _(command.help)) for command in COMMANDS], width)
    return "\n".join(lines)


def _definitions(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Names in a column, each text wrapped beside its name."""
    column = max(display_width(name) for name, _text in rows) + 2
    text_width = max(width - column - 2, 10)
    lines: list[str] = []
    for name, text in rows:
        wrapped = wrap_words(text, text_width)
        lines.append(f"  {name.ljust(column)}{wrapped[0]}")
        lines += [" " * (column + 2) + line for line in wrapped[1:]]
    return lines

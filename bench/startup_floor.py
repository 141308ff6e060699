"""The start-up floor of `sopgen flow`: import what the command cannot do without, run Graphviz once.

It imports typer with its pydantic-based argument parsing, pydantic's models, PyYAML,
babel (with the locale's number data loaded) and graphviz, then draws the DOT source that
sopgen writes for the same flow with `neato -n2`. No loading, validation, analysis or layout:
what any command built on this stack pays before it does its own work.

Usage: startup_floor.py CHART.dot OUT.svg
"""

from __future__ import annotations

import sys
from pathlib import Path

import babel.numbers
import graphviz
import pydantic
import typer
import typer._adapters  # noqa: F401  typer imports it to parse any argument
import yaml  # noqa: F401


class _Model(pydantic.BaseModel):
    name: str


def main(dot_file: str, svg_file: str) -> None:
    _Model(name=typer.__name__)
    babel.numbers.format_decimal(1.5, locale="en")
    data = graphviz.pipe("neato", "svg", Path(dot_file).read_bytes(), neato_no_op=2, quiet=True)
    Path(svg_file).write_bytes(data)


if __name__ == "__main__":
    main(*sys.argv[1:3])

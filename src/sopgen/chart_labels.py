"""HTML-like Graphviz labels built from escaped text, with a generous estimate of their size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .chart_text import escape, line_height, text_width

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Row:
    """One line or several, in one font size and colour; user text is escaped when written out."""

    lines: tuple[str, ...]
    size: int = 14
    bold: bool = False
    color: str | None = None
    background: str | None = None
    padding: int = 1
    left: bool = False

    def html(self) -> str:
        text = "<BR/>".join(escape(line) for line in self.lines)
        if self.bold:
            text = f"<B>{text}</B>"
        font = f' POINT-SIZE="{self.size}"' + (f' COLOR="{self.color}"' if self.color else "")
        cell = f' CELLPADDING="{self.padding}"' + (f' BGCOLOR="{self.background}"' if self.background else "")
        if self.left:
            cell += ' ALIGN="LEFT" BALIGN="LEFT"'
        return f"<TR><TD{cell}><FONT{font}>{text}</FONT></TD></TR>"

    def size_points(self) -> tuple[float, float]:
        width = max((text_width(line, self.size, self.bold) for line in self.lines), default=0.0)
        return width + 2 * self.padding, len(self.lines) * line_height(self.size) + 2 * self.padding


@dataclass(frozen=True)
class Table:
    """A one-column table of rows: the label of a node."""

    rows: tuple[Row, ...]
    border: int = 0
    color: str | None = None
    background: str | None = None

    def label(self, size: tuple[float, float] | None = None) -> str:
        """The label; with `size` (points), the table fills exactly that much (enough for its text)."""
        attributes = f'BORDER="{self.border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"'
        if size is not None:
            attributes += f' WIDTH="{round(size[0])}" HEIGHT="{round(size[1])}" FIXEDSIZE="TRUE"'
        if self.color:
            attributes += f' COLOR="{self.color}"'
        if self.background:
            attributes += f' BGCOLOR="{self.background}"'
        return f"<<TABLE {attributes}>{''.join(row.html() for row in self.rows)}</TABLE>>"

    def size_points(self) -> tuple[float, float]:
        sizes = [row.size_points() for row in self.rows]
        width = max((w for w, _ in sizes), default=0.0) + 2 * self.border
        return width, sum(h for _, h in sizes) + 2 * self.border


def table(*rows: Row | None, **attributes: object) -> Table:
    return Table(tuple(row for row in rows if row is not None), **attributes)  # type: ignore[arg-type]


def inches(points: float) -> str:
    return f"{points / POINTS_PER_INCH:.3f}"


def lines_of(text: str | Sequence[str]) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else tuple(text)

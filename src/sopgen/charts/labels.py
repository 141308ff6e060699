"""HTML-like Graphviz labels built from escaped text, with a generous estimate of their size."""

from __future__ import annotations

from typing import NamedTuple

from sopgen.charts.text import escape, line_height, needs_cjk_font, text_width

POINTS_PER_INCH = 72.0


class Row(NamedTuple):
    """One line or several, in one font size and colour; user text is escaped when written out."""

    lines: tuple[str, ...]
    size: int = 14
    bold: bool = False
    color: str | None = None
    background: str | None = None
    padding: int = 1
    left: bool = False

    def html(self, width: float | None = None) -> str:
        """One table row a line, so that lines keep apart even in fonts with tall glyphs (CJK)."""
        font = f' POINT-SIZE="{self.size}"' + (f' COLOR="{self.color}"' if self.color else "")
        cell = f' CELLPADDING="{self.cell_padding}"' + (f' BGCOLOR="{self.background}"' if self.background else "")
        if width is not None:
            cell += f' WIDTH="{round(width)}"'
        if self.left:
            cell += ' ALIGN="LEFT"'
        rows = []
        for line in self.lines:
            text = f"<B>{escape(line)}</B>" if self.bold else escape(line)
            rows.append(f"<TR><TD{cell}><FONT{font}>{text}</FONT></TD></TR>")
        return "".join(rows)

    @property
    def cell_padding(self) -> int:
        # Graphviz places CJK glyphs a little higher than their line box: keep them off the row above.
        return self.padding + (1 if any(needs_cjk_font(line) for line in self.lines) else 0)

    def size_points(self) -> tuple[float, float]:
        width = max((text_width(line, self.size, self.bold) for line in self.lines), default=0.0)
        return width + 2 * self.cell_padding, len(self.lines) * (line_height(self.size) + 2 * self.cell_padding)


class Table(NamedTuple):
    """A one-column table of rows: the label of a node."""

    rows: tuple[Row, ...]
    border: int = 0
    color: str | None = None
    background: str | None = None

    def label(self, width: float | None = None) -> str:
        """The label; with `width` (points), every row is that wide less the border (the estimate is generous)."""
        attributes = f'BORDER="{self.border}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"'
        inner = None if width is None else width - 2 * self.border
        if self.color:
            attributes += f' COLOR="{self.color}"'
        if self.background:
            attributes += f' BGCOLOR="{self.background}"'
        return f"<<TABLE {attributes}>{''.join(row.html(inner) for row in self.rows)}</TABLE>>"

    def size_points(self) -> tuple[float, float]:
        sizes = [row.size_points() for row in self.rows]
        width = max((w for w, _ in sizes), default=0.0) + 2 * self.border
        return width, sum(h for _, h in sizes) + 2 * self.border


def table(*rows: Row | None, **attributes: object) -> Table:
    return Table(tuple(row for row in rows if row is not None), **attributes)  # type: ignore[arg-type]


def inches(points: float) -> str:
    return f"{points / POINTS_PER_INCH:.3f}"

"""Running Graphviz's dot on a chart: SVG, PNG or PDF bytes, or the DOT source itself."""

from __future__ import annotations

import hashlib
import math
import re
from collections import OrderedDict
from types import MappingProxyType
from typing import TYPE_CHECKING

from sopgen.charts.text import check_cjk_font, needs_cjk_font
from sopgen.errors import OutputError, Problem, Source, ToolMissingError
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    import graphviz

CHART_FORMATS = ("svg", "png", "pdf", "dot")
PAPER_SIZES = MappingProxyType({"a4": (841.89, 595.28), "a3": (1190.55, 841.89), "letter": (792.0, 612.0)})  # landscape, points
PNG_DPI = 96.0  # Graphviz's resolution for PNG
PNG_LIMIT = 32767  # pixels a side: cairo draws no more, and Graphviz shrinks a bigger PNG with only a note on stderr
PAD_POINTS = 0.3 * 72  # the charts' pad (theme.GRAPH_ATTRIBUTES)
_BOUNDING_BOX = re.compile(r'\bbb="([\d.-]+),([\d.-]+),([\d.-]+),([\d.-]+)"')
# Flows are drawn up to this many steps and edges (the pipeline refuses bigger ones before any
# work). Boxes are placed by sopgen, so Graphviz only draws: 2000 steps take about 2 s. pipe()
# has no timeout, so charts of any other origin are bounded too, by what they contain.
MAX_NODES = 2000
MAX_EDGES = 4000
MAX_CHART_NODES = 5 * MAX_NODES  # steps, their labels' boxes, lane heads, the legend
MAX_CHART_EDGES = 5 * MAX_EDGES
_NODE_STATEMENT = re.compile(r"^\t+(?!(?:graph|node|edge|subgraph)\b)(\w+|\"[^\"]*\")(?: \[.*)?$")
_EDGE_STATEMENT = re.compile(r"^\t+\S+ -> \S+")
FIXED_EPOCH = 1767225600  # 2026-01-01 00:00 UTC: the date of charts made without one
INSTALL_HINT = "Debian/Ubuntu: 'apt-get install graphviz' · macOS: 'brew install graphviz' · Windows: 'winget install graphviz'"


def chart_size(source: str) -> tuple[int, int]:
    """Nodes and edges declared in DOT source written by sopgen's renderers (one statement a line)."""
    nodes: set[str] = set()
    edges = 0
    for line in source.splitlines():
        if _EDGE_STATEMENT.match(line):
            edges += 1
        elif match := _NODE_STATEMENT.match(line):
            nodes.add(match[1])
    return len(nodes), edges


def png_size(source: str, dpi: float = PNG_DPI) -> tuple[int, int]:
    """Pixels of the PNG Graphviz would draw of a chart placed by sopgen (its bounding boxes and pad in the source)."""
    boxes = [tuple(map(float, match)) for match in _BOUNDING_BOX.findall(source)]
    width = max((right - left for left, _bottom, right, _top in boxes), default=0.0) + 2 * PAD_POINTS
    height = max((top - bottom for _left, bottom, _right, top in boxes), default=0.0) + 2 * PAD_POINTS
    return round(width * dpi / 72), round(height * dpi / 72)


def fitting_png_dpi(source: str) -> float | None:
    """The resolution at which the chart's PNG keeps within what Graphviz draws; None when its own 96 dpi does."""
    width, height = png_size(source)
    if max(width, height) <= PNG_LIMIT:
        return None
    return math.floor(PNG_DPI * PNG_LIMIT / max(width, height) * 10) / 10


def render_chart(graph: graphviz.Digraph, fmt: str, epoch: int = FIXED_EPOCH, dpi: float | None = None) -> bytes:
    """The chart in `fmt` (svg, png, pdf, dot); dot needs no Graphviz installed.

    `epoch` (seconds since 1970) dates a PDF, so that the same chart gives the same bytes; `dpi`
    sets a PNG's resolution (Graphviz's own is 96). A PNG too big for Graphviz is refused
    rather than shrunk without a word: callers choose a lower `dpi` (fitting_png_dpi) and say so.
    """
    import graphviz

    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}; choose one of {', '.join(CHART_FORMATS)}")
    source = graph.source
    if fmt == "png" and dpi is not None:
        source = source.replace("{", f"{{\n\tgraph [dpi={dpi:.1f}]", 1)
    if fmt == "png" and max(png_size(source, dpi or PNG_DPI)) > PNG_LIMIT:
        raise ValueError(f"the PNG of {getattr(graph, 'name', None)!r} would be {png_size(source, dpi or PNG_DPI)} pixels: Graphviz would shrink it; pass a dpi from fitting_png_dpi")
    if fmt == "dot":
        return source.encode("utf-8")
    nodes, edges = chart_size(source)
    if nodes > MAX_CHART_NODES or edges > MAX_CHART_EDGES:
        raise OutputError(
            [
                Problem(
                    Source(getattr(graph, "name", None) or "chart"),
                    _("the chart has {nodes} boxes and {edges} arrows; Graphviz is only run up to {max_nodes} and {max_edges}").format(
                        nodes=nodes, edges=edges, max_nodes=MAX_CHART_NODES, max_edges=MAX_CHART_EDGES
                    ),
                    _("split the flow into smaller flows, or write --format dot and run dot yourself"),
                )
            ]
        )
    if fmt in ("png", "pdf") and needs_cjk_font(source):
        check_cjk_font()
    try:
        data = run_dot(graph.engine, fmt, source.encode("utf-8"), epoch)
    except graphviz.ExecutableNotFound as exc:
        raise ToolMissingError(
            [
                Problem(
                    Source("dot"),
                    _("Graphviz is not installed (its 'dot' program was not found), so the chart cannot be drawn as {format}").format(
                        format=fmt.upper()
                    ),
                    _("install it: {commands}; or write --format dot").format(commands=INSTALL_HINT),
                )
            ]
        ) from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else str(exc.stderr)
        raise RuntimeError(f"dot failed on {getattr(graph, 'name', None)!r} (exit status {exc.returncode}): {stderr.strip()}") from exc
    return _dated_pdf(data, epoch) if fmt == "pdf" else data


_DRAWN: OrderedDict[tuple[str | None, str, str, bytes, int], bytes] = OrderedDict()  # the last charts drawn in this process
_DRAWN_KEPT = 32


def run_dot(engine: str, fmt: str, source: bytes, epoch: int) -> bytes:
    """Graphviz's output for `source`, drawn once in this process: the same chart asked for again
    (a whole page of a chart that needs no folding is the chart itself) is not drawn again."""
    import shutil

    key = (shutil.which("dot"), engine, fmt, hashlib.sha256(source).digest(), epoch)  # the same Graphviz, the same input
    if key[0] is not None and key in _DRAWN:
        _DRAWN.move_to_end(key)
        return _DRAWN[key]
    data = _drawn_by_graphviz(engine, fmt, source, epoch)
    _DRAWN[key] = data
    if len(_DRAWN) > _DRAWN_KEPT:
        _DRAWN.popitem(last=False)
    return data


def _drawn_by_graphviz(engine: str, fmt: str, source: bytes, epoch: int) -> bytes:
    """Graphviz on `source`, in a process group of its own and never outliving this call.

    A Ctrl-C (or a signal to a background job) goes to the terminal's process group: dot, in its
    own, is not cut off mid-file; sopgen stops it here instead, and no half-drawn chart is used.
    """
    import os
    import subprocess

    import graphviz
    from graphviz.backend.dot_command import command

    arguments = [str(part) for part in command(engine, fmt, neato_no_op=2 if engine == "neato" else None)]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}  # cairo from 1.17 dates PDFs by it
    try:
        process = subprocess.Popen(
            arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, start_new_session=True
        )
    except FileNotFoundError as exc:
        raise graphviz.ExecutableNotFound(arguments) from exc
    try:
        stdout, stderr = process.communicate(source)
    except BaseException:
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        raise graphviz.CalledProcessError(process.returncode, arguments, output=stdout, stderr=stderr)
    return stdout


_PDF_CREATION_DATE = re.compile(rb"/CreationDate \(D:(\d{14})([^)]*)\)")


def _dated_pdf(data: bytes, epoch: int) -> bytes:
    """The PDF with its creation date set to `epoch`, in as many bytes, so its cross-reference table still holds."""
    import datetime as dt

    stamp = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y%m%d%H%M%S").encode("ascii")

    def replace(match: re.Match[bytes]) -> bytes:
        zone = match[2]
        fixed = b"Z" if zone == b"Z" else (b"+00'00'" if zone.endswith(b"'") else b"+00'00")[: len(zone)].ljust(len(zone), b"'")
        return b"/CreationDate (D:" + stamp + fixed + b")"

    return _PDF_CREATION_DATE.sub(replace, data, count=1)

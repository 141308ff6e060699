"""`sopgen flow --watch`: redraw a chart whenever its blueprint file is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sopgen.build.pipeline import ChartRequest, check_output_file, render_flow_chart, write_chart_file
from sopgen.errors import InputError, Problem, SopgenError, Source
from sopgen.i18n.interface import _


def watch_chart(request: ChartRequest, on_change: Callable[[str], None], on_error: Callable[[tuple[Problem, ...]], None]) -> None:
    from watchfiles import watch

    path = Path(request.flow)
    if not path.is_file():
        raise InputError.single(Source(request.flow), _("--watch needs a blueprint file, not a built-in id"))
    check_output_file(request)
    _redraw(request, on_change, on_error)
    on_change(_("watching {path}; press Ctrl-C to stop").format(path=request.flow))
    for _changes in watch(path, debounce=150, raise_interrupt=False):
        _redraw(request, on_change, on_error)


def _redraw(request: ChartRequest, on_change: Callable[[str], None], on_error: Callable[[tuple[Problem, ...]], None]) -> None:
    try:
        data, summary, _warnings = render_flow_chart(request)
    except SopgenError as error:
        on_error(error.problems)
        return
    try:
        write_chart_file(request, data)
    except SopgenError as error:
        on_error(error.problems)
        return
    on_change(f"{request.out}: {summary}")

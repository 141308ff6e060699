"""`sopgen flow --watch`: redraw a chart whenever its blueprint file is saved, in place or by rename.

Many editors save by writing a new file and renaming it over the old one (gedit, Emacs,
JetBrains, VS Code's safe save, `sed -i`). That replaces the file's inode, and a watch on the
file itself goes quiet after the first such save; so the folder is watched, and its changes are
filtered by the file's name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopgen.build.pipeline import ChartRequest, check_output_file, render_flow_chart, write_chart_file
from sopgen.errors import InputError, Problem, SopgenError, Source
from sopgen.i18n.interface import _

WATCH_DEBOUNCE_MS = 150


def changes_to(path: Path) -> tuple[Path, Callable[[Any, str], bool]]:
    """The folder to watch for saves of `path`, and the filter that keeps only changes to that name."""
    absolute = path.resolve()
    name = absolute.name

    def only_this_file(_change: Any, changed: str) -> bool:
        return os.path.basename(changed) == name

    return absolute.parent, only_this_file


def watch_chart(request: ChartRequest, on_change: Callable[[str], None], on_error: Callable[[tuple[Problem, ...]], None]) -> None:
    from watchfiles import watch

    path = Path(request.flow)
    if not path.is_file():
        raise InputError.single(Source(request.flow), _("--watch needs a blueprint file, not a built-in id"))
    check_output_file(request)
    folder, only_this_file = changes_to(path)
    _redraw(request, on_change, on_error)
    on_change(_("watching {path}; press Ctrl-C to stop").format(path=request.flow))
    for _changes in watch(folder, watch_filter=only_this_file, recursive=False, debounce=WATCH_DEBOUNCE_MS, raise_interrupt=False):
        if path.is_file():  # a rename save may remove the file for a moment; its arrival is a change too
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

"""The flow a workshop looks at: the last good version of its file, the latest problems, and its views, cached.

A save of the file makes a new version. Views (a language and a what-if) are rendered once per
version; after a save, the views of the open pages are rendered and sent to them.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopgen.analysis.whatif import WhatIf
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.shop_profile import Profile
from sopgen.errors import Problem, SopgenError

VIEW_CACHE_SIZE = 32


@dataclass(frozen=True)
class Version:
    number: int
    flow: FlowBlueprint | None  # the last good flow; None until the file was good once
    problems: tuple[Problem, ...]  # why the latest save is not shown; empty when it is


@dataclass
class Workshop:
    flow_path: Path
    profile: Profile | None = None
    strict: bool = False
    measured: Callable[[], dict[str, Any] | None] | None = None
    version: Version = field(default_factory=lambda: Version(0, None, ()))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _views: OrderedDict[tuple[int, str, WhatIf], bytes] = field(default_factory=OrderedDict)
    _charts: OrderedDict[tuple[int, str, WhatIf], str] = field(default_factory=OrderedDict)
    _pool: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="sopgen-chart"))

    def reload(self) -> Version:
        """Read the file again: a good file becomes the shown flow, a broken one leaves it and brings its problems."""
        from sopgen.blueprints.library import resolve_flow

        try:
            flow, problems = resolve_flow(str(self.flow_path)), ()
        except SopgenError as error:
            flow, problems = None, error.problems
        with self._lock:
            previous = self.version
            self.version = Version(previous.number + 1, flow or previous.flow, tuple(problems))
            return self.version

    def reload_and_render(self, shown: Iterable[tuple[str, WhatIf]]) -> tuple[Version, dict[tuple[str, WhatIf], bytes]]:
        """A save: read the file, then render the views the open pages show (language, what-if), each once."""
        version = self.reload()
        return version, {key: self.view(*key) for key in dict.fromkeys(shown)}

    def view(self, locale: str, what_if: WhatIf) -> bytes:
        """The page's data for a language and a what-if, as JSON bytes."""
        from sopgen.serve.views import build_view

        with self._lock:
            version = self.version
            key = (version.number, locale, what_if)
            cached = self._views.get(key)
        if cached is not None:
            return cached
        data = json.dumps(build_view(self, version, locale, what_if), ensure_ascii=False).encode("utf-8")
        with self._lock:
            self._views[key] = data
            while len(self._views) > VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        return data

    def charts(self, version: Version, jobs: dict[tuple[str, WhatIf], Callable[[], str]]) -> dict[tuple[str, WhatIf], str]:
        """SVG charts for (language, what-if) keys, each made once per version; Graphviz runs for two at a time."""
        found: dict[tuple[str, WhatIf], str] = {}
        pending = {}
        with self._lock:
            for key in jobs:
                cached = self._charts.get((version.number, *key))
                if cached is not None:
                    found[key] = cached
        for key, job in jobs.items():
            if key not in found:
                pending[key] = self._pool.submit(job)
        for key, future in pending.items():
            found[key] = future.result()
        with self._lock:
            for key in pending:
                self._charts[(version.number, *key)] = found[key]
            while len(self._charts) > 2 * VIEW_CACHE_SIZE:
                self._charts.popitem(last=False)
        return found

    def save_future_state(self, what_if: WhatIf) -> Path:
        """Write the shown flow with the what-if applied as `<name>.future.yaml` next to the file."""
        from sopgen.build.future_state import save_future_state
        from sopgen.errors import InputError, Source
        from sopgen.i18n.interface import _

        flow = self.version.flow
        if flow is None:
            raise InputError.single(Source(self.flow_path.name), _("the flow has not loaded yet; fix the file first"))
        if what_if.is_empty():
            raise InputError.single(Source("what-if"), _("nothing is changed yet: automate a step, or change its staff, hours or times"))
        return save_future_state(self.flow_path, flow, what_if)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

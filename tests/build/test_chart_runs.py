"""Each chart of a pack is drawn once: Graphviz runs = distinct (language, chart, format), also with workers."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from sopgen.build.pack import build_pack, load_run, plan
from sopgen.build.sessions import RunSettings

LOCALES = ("en", "da")


@pytest.fixture
def counted_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Graphviz's programs behind a wrapper that logs each run, then runs the real program."""
    log = tmp_path / "graphviz-runs.log"
    shims = tmp_path / "bin"
    shims.mkdir()
    for program in ("dot", "neato"):
        real = shutil.which(program)
        if real is None:
            pytest.skip("Graphviz is not installed")
        shim = shims / program
        shim.write_text(f'#!/bin/sh\necho "{program} $*" >> "{log}"\nexec "{real}" "$@"\n')
        shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shims}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.mark.parametrize("workers", [1, 2])
def test_every_chart_is_drawn_once_per_pack(tmp_path: Path, counted_graphviz: Path, workers: int):
    settings = RunSettings()
    library, profile, _warnings = load_run(settings)
    items, _skipped = plan(library, profile, LOCALES)
    chart_files = [item for item in items if item.kind == "chart"]
    handbooks = [item for item in items if item.kind == "handbook"]  # each draws its lifecycle chart

    build_pack(settings, LOCALES, tmp_path / "pack", workers=workers)

    runs = counted_graphviz.read_text().splitlines()
    assert len(runs) == len(chart_files) + len(handbooks), "\n".join(runs)
    embedding = [item for item in items if item.kind == "sop" and (sop := library.sop(item.key)) and sop.flow]
    assert embedding, "the demo pack has SOPs with a chart"
    for item in embedding:  # the documents still embed their chart
        with zipfile.ZipFile(tmp_path / "pack" / item.relative) as package:
            assert any(name.startswith("word/media/") for name in package.namelist()), item.relative

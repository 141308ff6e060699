"""Each chart of a pack is drawn once: no Graphviz run repeats another's program, options and input, also with workers."""

from __future__ import annotations

import collections
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
    """Graphviz's programs behind a wrapper that logs each run (program, options, a digest of the input), then runs the real program."""
    log = tmp_path / "graphviz-runs.log"
    shims = tmp_path / "bin"
    shims.mkdir()
    for program in ("dot", "neato"):
        real = shutil.which(program)
        if real is None:
            pytest.skip("Graphviz is not installed")
        shim = shims / program
        shim.write_text(
            "#!/bin/sh\n"
            'input=$(mktemp)\ncat > "$input"\n'
            f'echo "{program} $* $(sha256sum < "$input" | cut -c1-16)" >> "{log}"\n'
            f'"{real}" "$@" < "$input"\nstatus=$?\nrm -f "$input"\nexit $status\n'
        )
        shim.chmod(0o755)
    monkeypatch.setenv("PATH", f"{shims}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.mark.parametrize("workers", [1, 2])
def test_every_chart_is_drawn_once_per_pack(tmp_path: Path, counted_graphviz: Path, workers: int):
    build_pack(RunSettings(), LOCALES, tmp_path / "pack", workers=workers)

    runs = counted_graphviz.read_text().splitlines()
    repeated = {run: count for run, count in collections.Counter(runs).items() if count > 1}
    assert not repeated, f"{len(runs)} Graphviz runs, repeated: {repeated}"
    library, profile, _warnings = load_run(RunSettings())
    items, _skipped = plan(library, profile, LOCALES)
    chart_files = [item for item in items if item.kind == "chart"]
    assert len(runs) > len(chart_files)  # the files, and the pictures the documents embed
    embedding = [item for item in items if item.kind == "sop" and (sop := library.sop(item.key)) and sop.flow]
    assert embedding, "the demo pack has SOPs with a chart"
    for item in embedding:  # the documents still embed their chart, as SVG with a PNG beside it
        with zipfile.ZipFile(tmp_path / "pack" / item.relative) as package:
            media = [name for name in package.namelist() if name.startswith("word/media/")]
            assert any(name.endswith(".svg") for name in media) and any(name.endswith(".png") for name in media), item.relative

"""`sopgen flow --watch` redraws the chart each time the blueprint is saved, in place or by rename."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _save_until(path: Path, text: str, predicate, attempts: int = 10) -> bool:
    """Save, and save again if the watcher missed it: it starts a moment after it says it is watching."""
    for _attempt in range(attempts):
        path.write_text(text, encoding="utf-8")
        if _wait_for(predicate, seconds=3):
            return True
    return False


def save_by_rename(path: Path, text: str) -> None:
    """What gedit, Emacs, JetBrains and `sed -i` do: write a new file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _start_watch(tmp_path: Path) -> tuple[Path, Path, Path, subprocess.Popen]:
    flow = tmp_path / "flow.yaml"
    shutil.copy(ROOT / "examples" / "worked-example.yaml", flow)
    chart = tmp_path / "flow.dot"
    log = tmp_path / "log.txt"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sopgen", "flow", str(flow), "--lang", "en", "--out", str(chart), "--watch"],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SOPGEN_LANG": "en"},
        )
    return flow, chart, log, process


def test_watch_redraws_after_each_save_and_reports_errors(tmp_path: Path):
    flow, chart, log, process = _start_watch(tmp_path)
    try:
        assert _wait_for(lambda: "watching" in log.read_text())
        assert "Copy the address" in chart.read_text(encoding="utf-8")

        edited = flow.read_text(encoding="utf-8").replace("Copy the address", "Type the address")
        assert _save_until(flow, edited, lambda: "Type the address" in chart.read_text(encoding="utf-8"))
        assert _wait_for(lambda: log.read_text().count("lead time") >= 2)

        assert _save_until(flow, "kind: flow\nid: broken\n", lambda: "missing required field 'title'" in log.read_text())
        assert "Type the address" in chart.read_text(encoding="utf-8")  # the last good chart stays
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert "Traceback" not in log.read_text()


def test_watch_keeps_redrawing_after_saves_by_rename(tmp_path: Path):
    flow, chart, log, process = _start_watch(tmp_path)
    original = flow.read_text(encoding="utf-8")
    try:
        assert _wait_for(lambda: "watching" in log.read_text())
        first = original.replace("Copy the address", "Type the address")
        for _attempt in range(10):  # the watcher starts a moment after it says it is watching
            save_by_rename(flow, first)
            if _wait_for(lambda: "Type the address" in chart.read_text(encoding="utf-8"), seconds=3):
                break
        assert "Type the address" in chart.read_text(encoding="utf-8")
        # The file is a new inode now; a watch on the old one would miss these.
        save_by_rename(flow, original.replace("Copy the address", "Paste the address"))
        assert _wait_for(lambda: "Paste the address" in chart.read_text(encoding="utf-8"), seconds=10)
        save_by_rename(flow, original.replace("Copy the address", "Key in the address"))
        assert _wait_for(lambda: "Key in the address" in chart.read_text(encoding="utf-8"), seconds=10)
        flow.write_text(original, encoding="utf-8")  # and in place again
        assert _wait_for(lambda: "Copy the address" in chart.read_text(encoding="utf-8"), seconds=10)
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert "Traceback" not in log.read_text()
    assert not (tmp_path / ".flow.yaml.saving").exists()

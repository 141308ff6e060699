"""`sopgen flow --watch` redraws the chart each time the blueprint is saved."""

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


def test_watch_redraws_after_each_save_and_reports_errors(tmp_path: Path):
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

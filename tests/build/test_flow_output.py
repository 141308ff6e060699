"""`sopgen flow --out`: no file sopgen did not write is overwritten, format and extension agree, PDFs repeat, Graphviz never leaves half a chart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sopgen.cli.app import app

FLOW = "shopify-owner-va"


def _flow(*arguments: str):
    return CliRunner().invoke(app, ["flow", FLOW, "--lang", "en", *arguments])


def test_a_file_sopgen_did_not_write_is_not_overwritten_without_force(tmp_path: Path):
    mine = tmp_path / "mine.svg"
    mine.write_text("<svg>my own drawing</svg>", encoding="utf-8")
    refused = _flow("--out", str(mine))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"{mine}: error: was changed since sopgen wrote it, or was not written by sopgen; not overwriting it\n"
        "  hint: move it away, or pass --force to overwrite it\n"
    )
    assert mine.read_text(encoding="utf-8") == "<svg>my own drawing</svg>"
    assert _flow("--out", str(mine), "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8").startswith("<?xml")
    assert _flow("--out", str(mine)).exit_code == 0  # sopgen's own file now: redrawn without --force


def test_a_format_that_disagrees_with_the_extension_is_refused(tmp_path: Path):
    notes = tmp_path / "notes.pdf"
    result = _flow("--format", "dot", "--out", str(notes))
    assert result.exit_code == 2
    assert result.stderr == (
        f"--out: error: '{notes}' has the extension of pdf files, but --format is dot\n  hint: name the file 'notes.dot', or leave --format out\n"
    )
    assert not notes.exists()
    assert _flow("--format", "dot", "--out", str(tmp_path / "chart.gv")).exit_code == 0  # an extension of no format is the user's choice


def test_a_pdf_chart_gives_the_same_bytes_each_run(tmp_path: Path):
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    assert _flow("--out", str(first)).exit_code == 0
    time.sleep(1.1)  # Graphviz stamps the second it runs in
    assert _flow("--out", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"/CreationDate (D:20260101000000" in first.read_bytes()


def _big_flow(path: Path, steps: int) -> None:
    lines = ["kind: flow", "id: big", "title: Big", "volume: 100", "lanes:", "  - {id: a, title: A}", "  - {id: b, title: B}", "steps:"]
    lines += [f"  - {{id: s{index}, lane: {'ab'[index % 2]}, title: Step {index}, handling: 1m}}" for index in range(steps)]
    lines += ["edges:"] + [f"  - {{from: s{index}, to: s{index + 1}}}" for index in range(steps - 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_an_interrupt_to_the_job_stops_graphviz_without_half_a_chart(tmp_path: Path):
    """A Ctrl-C (or `kill -INT %1`) goes to the job's process group; dot, in a group of its own, is stopped by sopgen."""
    flow, chart = tmp_path / "big.yaml", tmp_path / "big.png"
    _big_flow(flow, 2000)
    job = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "flow", str(flow), "--out", str(chart)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SOPGEN_LANG": "en"},
        start_new_session=True,  # the job's own process group, as a shell makes one
    )
    deadline = time.monotonic() + 60
    graphviz: list[int] = []
    while time.monotonic() < deadline and not graphviz and job.poll() is None:
        graphviz = _children(job.pid)
        time.sleep(0.01)
    assert graphviz, "dot never started"
    os.killpg(job.pid, signal.SIGINT)
    _stdout, stderr = job.communicate(timeout=60)
    assert job.returncode == 130
    assert b"Traceback" not in stderr and b"SIGABRT" not in stderr and b"Abort" not in stderr
    assert not chart.exists() and not list(tmp_path.glob(".big.png.*"))
    time.sleep(0.2)
    assert not [pid for pid in graphviz if Path(f"/proc/{pid}").exists() and "Z" not in (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0])]

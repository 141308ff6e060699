"""Two runs into one folder take turns: the second waits for the first's lock, and a killed holder frees it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

SOPGEN = [sys.executable, "-m", "sopgen"]
HOLDER = """
import sys, time
from pathlib import Path
from sopgen.build.output_stage import folder_lock
folder = Path(sys.argv[1])
with folder_lock(folder):
    (folder / "held").write_text("")
    time.sleep(float(sys.argv[2]))
    (folder / "released").write_text(str(time.time()))
time.sleep(60)
"""


def _holding(folder: Path, seconds: float) -> subprocess.Popen:
    folder.mkdir(exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder), str(seconds)])
    deadline = time.monotonic() + 60
    while not (folder / "held").exists():
        assert holder.poll() is None and time.monotonic() < deadline, "the holder did not take the lock"
        time.sleep(0.05)
    return holder


def test_a_second_run_waits_for_the_first(tmp_path: Path):
    folder = tmp_path / "out"
    holder = _holding(folder, 2.0)
    try:
        completed = subprocess.run([*SOPGEN, "sop", "shipping", "--lang", "en", "--out", str(folder)], capture_output=True, text=True, timeout=300)
        finished = time.time()
        assert completed.returncode == 0, completed.stderr
        released = float((folder / "released").read_text())  # written by the holder before it let go
        assert finished >= released
        assert list(folder.glob("*.docx"))
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path):
    folder = tmp_path / "out"
    holder = _holding(folder, 600.0)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    completed = subprocess.run([*SOPGEN, "sop", "shipping", "--lang", "en", "--out", str(folder)], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert not (folder / "released").exists()
    assert list(folder.glob("*.docx"))

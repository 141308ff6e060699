"""A real `sopgen serve` in a subprocess on a free port, for the server and browser tests."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[2]
WORKED_EXAMPLE = ROOT / "examples" / "worked-example.yaml"


class WorkshopServer:
    def __init__(self, folder: Path, *options: str, flow_text: str | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.flow = folder / "order-flow.yaml"
        if flow_text is None:
            shutil.copy(WORKED_EXAMPLE, self.flow)
        else:
            self.flow.write_text(flow_text, encoding="utf-8")
        self.log = folder / "serve.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sopgen", "serve", self.flow.name, "--port", "0", *options],
                cwd=folder,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, "SOPGEN_LANG": "en"},
            )
        self.url = self._wait_for_address()
        match = re.match(r"http://([^/]+)/", self.url)
        assert match is not None
        self.host = match.group(1)
        self.port = int(self.host.rsplit(":", 1)[1])

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = re.search(r"(http://\S+/)", self.log.read_text())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                raise AssertionError(f"sopgen serve stopped: {self.log.read_text()}")
            time.sleep(0.05)
        raise AssertionError(f"sopgen serve did not start: {self.log.read_text()}")

    def stop(self) -> str:
        """Ctrl-C, as a user stops it; returns everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError("sopgen serve did not stop on Ctrl-C") from None
        return self.log.read_text()


def save_by_rename(path: Path, text: str) -> None:
    """What gedit, Emacs, JetBrains and `sed -i` do: write a new file, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)

"""Save-to-page latency of `sopgen serve`: from writing the flow file to the open page painting the new chart.

The page notes when it painted each version (`window.sopgenWorkshop.shown`, milliseconds since
the epoch on the browser's clock); the benchmark notes when it saved, on the same machine's
clock. Saves alternate between writing in place and renaming a new file over the old one.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from flows import write_chain_flow

from sopgen.blueprints.flow_writer import duration_text

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAUSE_BETWEEN_SAVES = 0.4  # seconds: each save is its own change, not merged with the one before


def chromium() -> str | None:
    return shutil.which("chromium")


def save_to_page_times(work: Path, steps: int, runs: int, whatif: str = "", warmups: int = 2) -> tuple[list[float], list[float]]:
    """Seconds from each save to the page showing it, and of that the server's part (until the page is told).

    With `whatif` (a URL fragment) the page shows the future state too: two charts per save.
    """
    from playwright.sync_api import expect, sync_playwright

    folder = work / f"serve-{steps}"
    folder.mkdir(exist_ok=True)
    flow = write_chain_flow(folder / "flow.yaml", steps)
    original = flow.read_text(encoding="utf-8")
    log = folder / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "sopgen"), "serve", flow.name, "--port", "0", "--lang", "en"],
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SOPGEN_LANG": "en"},
        )
    try:
        url = _address(log, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(url + whatif)
            expect(page.locator("body")).to_have_attribute("data-version", re.compile(r"^[1-9]\d*$"), timeout=30_000)
            if whatif:
                expect(page.locator("#future-chart svg")).to_be_visible(timeout=30_000)
            times, server_times = [], []
            for index in range(warmups + runs):
                before = page.evaluate("window.sopgenWorkshop.shown.version")
                wait = 100 + index  # minutes, in step 7's box and its row of the what-if table
                text = re.sub(r"(id: step-7, .*wait: )\w+", rf"\g<1>{wait}m", original)
                saved_at = time.time() * 1000
                if index % 2:
                    temporary = flow.with_name(".flow.yaml.saving")
                    temporary.write_text(text, encoding="utf-8")
                    os.replace(temporary, flow)
                else:
                    flow.write_text(text, encoding="utf-8")
                expect(page.locator("body")).not_to_have_attribute("data-version", str(before), timeout=30_000)
                shown = page.evaluate("window.sopgenWorkshop.shown")
                announced = page.evaluate("window.sopgenWorkshop.announced")
                shown_wait = page.locator("#steps tr[data-step=step-7] input[data-kind=wait]").get_attribute("placeholder")
                assert shown_wait == duration_text(wait), (shown_wait, wait)
                if index >= warmups:
                    times.append((shown["at"] - saved_at) / 1000)
                    server_times.append((announced["at"] - saved_at) / 1000)
                time.sleep(PAUSE_BETWEEN_SAVES)
            browser.close()
        return times, server_times
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)


def _address(log: Path, server: subprocess.Popen) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"(http://\S+/)", log.read_text())
        if found:
            return found.group(1)
        if server.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"sopgen serve did not start: {log.read_text()}")


if __name__ == "__main__":
    import statistics
    import tempfile

    runs = int(os.environ.get("BENCH_RUNS", "5")) * 2
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-") as folder:
        for label, fragment in (("current state only", ""), ("with a what-if (both charts)", '#{"automate":["step-3"]}')):
            page, server = save_to_page_times(Path(folder), 40, runs, whatif=fragment)
            print(
                f"save to page, 40 steps, {label}: median {statistics.median(page):.3f} s "
                f"(min {min(page):.3f}, max {max(page):.3f}, {len(page)} saves); until the page is told {statistics.median(server):.3f} s"
            )

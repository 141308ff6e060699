"""`make bench`: each case several times after a warm-up; median, spread, targets, the floor ratio, peak memory."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
SOPGEN = [str(BIN / "sopgen")]
sys.path.insert(0, str(BENCH))

from flows import write_chain_flow  # noqa: E402
from workshop_latency import chromium, save_to_page_times  # noqa: E402


@dataclass
class Result:
    case: str
    target_seconds: float | None
    median_seconds: float
    min_seconds: float
    max_seconds: float
    runs: int
    met: bool | None
    note: str = ""


def timed(command: list[str], runs: int, cwd: Path, warmups: int = 1, prepare=None) -> list[float]:
    times = []
    for index in range(warmups + runs):
        if prepare:
            prepare()
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env={**os.environ, "SOPGEN_LANG": "en"})
        if index >= warmups:
            times.append(time.perf_counter() - started)
    return times


def timed_alternately(first: list[str], second: list[str], runs: int, cwd: Path) -> tuple[list[float], list[float]]:
    """Both commands in turns, so that both see the same machine: its load changes from minute to minute."""
    pairs = [(timed(first, 1, cwd, warmups=0)[0], timed(second, 1, cwd, warmups=0)[0]) for _ in range(runs + 1)][1:]
    return [pair[0] for pair in pairs], [pair[1] for pair in pairs]


def peak_tree_memory_mb(command: list[str], cwd: Path) -> float:
    """Peak of the memory the process and all its children use together, sampled every 20 ms.

    Each process counts its proportional set size (PSS): pages that forked workers share with
    the main process count once in the sum, not once per process as RSS would have them.
    """
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_pss_kb(process.pid))
        time.sleep(0.02)
    return peak / 1024


def _tree_pss_kb(root: int) -> int:
    """Summed PSS of a process tree; a worker's child that has not yet replaced itself with
    `dot` (same command line as its parent) shares the worker's memory and is not counted again."""
    total, pending = 0, [(root, 0, b"")]
    while pending:
        pid, depth, parent_command = pending.pop()
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            if depth > 1 and command == parent_command:
                continue
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending.extend((int(child), depth + 1, command) for child in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def watch_redraw_times(flow: Path, work: Path, runs: int, warmups: int = 1) -> list[float]:
    """What `sopgen flow --watch` does on each save, timed inside one process."""
    from sopgen.build.pipeline import ChartRequest, render_flow_chart, write_chart_file

    request = ChartRequest.create(str(flow), "en", "svg", work / "watched.svg", None, False)
    times = []
    for index in range(warmups + runs):
        started = time.perf_counter()
        data, _summary, _warnings = render_flow_chart(request)
        write_chart_file(request, data)
        if index >= warmups:
            times.append(time.perf_counter() - started)
    return times


def export_note(flow: Path, fmt: str, runs: int) -> str:
    """The export's own work inside one process (layout and XML), apart from the command's start-up."""
    from sopgen.analysis.figures import analyse
    from sopgen.blueprints.library import resolve_flow
    from sopgen.export import export_flow
    from sopgen.i18n.localizer import Localizer

    record = resolve_flow(str(flow))
    analysis, localizer = analyse(record), Localizer.for_locale("en")
    export_flow(record, analysis, localizer, fmt)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        export_flow(record, analysis, localizer, fmt)
        times.append(time.perf_counter() - started)
    return f"the export itself: {statistics.median(times):.3f} s"


def result(case: str, times: list[float], target: float | None, note: str = "") -> Result:
    median = statistics.median(times)
    return Result(case, target, round(median, 3), round(min(times), 3), round(max(times), 3), len(times), None if target is None else median < target, note)


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    work = Path(tempfile.mkdtemp(prefix="sopgen-bench-"))
    results: list[Result] = []
    from speed_targets import big_flows, flow_against_floor, graphviz_runs, per_document

    try:
        results.append(result("sopgen --help", timed([*SOPGEN, "--help"], runs, work), 0.1))
        results.append(result("sopgen validate (built-in library)", timed([*SOPGEN, "validate", str(ROOT / "blueprints")], runs, work), 0.5))
        flow_40 = write_chain_flow(work / "flow-40.yaml", 40)
        subprocess.run([*SOPGEN, "flow", str(flow_40), "--out", "f40.dot"], cwd=work, check=True, capture_output=True)
        flow_40_times, startup_times = timed_alternately(
            [*SOPGEN, "flow", str(flow_40), "--out", "f40.svg"],
            [sys.executable, str(BENCH / "startup_floor.py"), "f40.dot", "floor40.svg"],
            2 * runs,
            work,
        )
        own = statistics.median(a - b for a, b in zip(flow_40_times, startup_times))
        results.append(result("sopgen flow, 40 steps, SVG", flow_40_times, 0.3, f"sopgen's own work: {own:.3f} s"))
        results.append(result("  start-up floor: imports + one neato run", startup_times, None))
        results.append(result("  redraw under --watch, 40 steps", watch_redraw_times(flow_40, work, runs), None, "one save of the blueprint"))
        if chromium():
            saves = 2 * runs
            page_times, server_times = save_to_page_times(work, 40, saves)
            server_part = f"until the page is told: {statistics.median(server_times):.3f} s"
            results.append(result("workshop page: save to page, 40 steps", page_times, 0.2, f"in Chromium; {server_part}"))
            page_times, server_times = save_to_page_times(work, 40, saves, whatif='#{"automate":["step-3"]}')
            server_part = f"until the page is told: {statistics.median(server_times):.3f} s"
            results.append(result("  the same with a what-if (both charts)", page_times, None, server_part))
        else:
            print("skipping the workshop page's latency: no chromium (make test installs it)")
        flow_500 = write_chain_flow(work / "flow-500.yaml", 500)
        results.append(result("sopgen flow, 500 steps, SVG", timed([*SOPGEN, "flow", str(flow_500), "--out", "f500.svg"], max(1, runs // 2), work), 5.0))
        results.append(
            result("sopgen flow, 500 steps, BPMN", timed([*SOPGEN, "flow", str(flow_500), "--out", "f500.bpmn"], runs, work), 1.0, export_note(flow_500, "bpmn", runs))
        )

        pack_dir = work / "pack"
        pack_command = [*SOPGEN, "pack", "--out", str(pack_dir), "--force"]
        clean = lambda: shutil.rmtree(pack_dir, ignore_errors=True)  # noqa: E731
        pack_times = timed(pack_command, max(1, runs // 2), work, prepare=clean)
        floor_dir = work / "floor"
        floor_times = timed([sys.executable, str(BENCH / "floor.py"), str(floor_dir)], max(1, runs // 2), work)
        ratio = statistics.median(pack_times) / statistics.median(floor_times)
        results.append(result("full demo pack, 4 languages", pack_times, 10.0))
        results.append(result("floor: same documents with python-docx and dot only", floor_times, None))
        results.append(
            Result("pack ÷ floor", 0.5, round(ratio, 2), round(ratio, 2), round(ratio, 2), 1, ratio <= 0.5, "ratio of medians")
        )
        results.extend(graphviz_runs(work))
        clean()
        peak = peak_tree_memory_mb(pack_command, work)
        results.append(Result("peak memory of the full pack (MB)", 500, round(peak), round(peak), round(peak), 1, peak < 500, "all processes, PSS"))
        unchanged = timed(pack_command, max(1, runs // 2), work, warmups=0)
        results.append(result("pack again, nothing changed", unchanged, None, "outputs compared, none rewritten"))

        results.extend(flow_against_floor(runs, work))
        results.extend(per_document(runs, work))
        results.extend(big_flows(runs, work))

        from measure import measure_results

        results.extend(measure_results(runs, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"sopgen benchmarks on {machine}\n")
    print(f"{'case':<55} {'median':>9} {'min':>8} {'max':>8} {'target':>8}  met")
    for row in results:
        unit = "" if "MB" in row.case or "÷" in row.case or "edges" in row.case else "s"
        target = f"{row.target_seconds}{unit}" if row.target_seconds is not None else "-"
        met = {True: "yes", False: "NO", None: ""}[row.met]
        note = f"  ({row.note})" if row.note else ""
        print(f"{row.case:<55} {row.median_seconds:>8}{unit or ' '} {row.min_seconds:>7}{unit or ' '} {row.max_seconds:>7}{unit or ' '} {target:>8}  {met:<3}{note}")
    (BENCH / "results.json").write_text(json.dumps({"machine": machine, "results": [asdict(row) for row in results]}, indent=1) + "\n")
    print(f"\nwritten to {BENCH / 'results.json'}")


if __name__ == "__main__":
    main()

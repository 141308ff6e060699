"""`sopgen measure` against pm4py on the same logs: time with start-up, peak memory, and the same edges and means.

pm4py runs from its own virtual environment (bench/pm4py-venv, made by `make bench`); it is AGPL
and never a dependency of sopgen. The logs are made here, from a fixed seed.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from logs import write_event_log, write_shopify_export  # noqa: E402
from run import SOPGEN, Result, peak_tree_memory_mb, result  # noqa: E402

PM4PY_PYTHON = BENCH / "pm4py-venv" / "bin" / "python"
ENVIRONMENT = {**os.environ, "SOPGEN_LANG": "en"}


CPU_SECONDS: dict[str, list[float]] = {}  # per command: the processor time each run took, user and system


def _once(command: list[str], cwd: Path) -> float:
    """Wall-clock seconds of one run; its processor time is kept in CPU_SECONDS, which other load on the machine does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENVIRONMENT)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS.setdefault(" ".join(command), []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def _cpu(command: list[str]) -> str:
    return f"processor time {statistics.median(CPU_SECONDS[' '.join(command)]):.2f} s"


def _edges_agree(sopgen_json: dict, pm4py_edges: dict) -> tuple[int, int]:
    """How many of pm4py's edges sopgen has with the same count and the same mean and median (to 1e-9)."""
    ours = {f"{edge['from']} -> {edge['to']}": edge for edge in sopgen_json["edges"]}
    same = 0
    for pair, (count, mean, median) in pm4py_edges.items():
        edge = ours.get(pair)
        if edge and edge["count"] == count and abs(edge["mean_minutes"] - mean) <= 1e-9 * max(1.0, abs(mean)) and abs(edge["median_minutes"] - median) <= 1e-9 * max(1.0, abs(median)):
            same += 1
    return same, max(len(pm4py_edges), len(ours))


def measure_results(runs: int, work: Path) -> list[Result]:
    results: list[Result] = []
    million = work / "log-1m.csv"
    events, cases = write_event_log(million, 1_000_000)
    hundred = work / "log-100k.csv"
    write_event_log(hundred, 100_000)
    shopify = work / "shopify-20k.csv"
    write_shopify_export(shopify, 20_000)
    ours = [*SOPGEN, "measure", str(million), "--json"]
    if PM4PY_PYTHON.exists():
        theirs = [str(PM4PY_PYTHON), str(BENCH / "pm4py_dfg.py"), str(million), str(work / "pm4py-edges.json")]
        _once(ours, work), _once(theirs, work)  # warm-up: file cache and bytecode
        pairs = [(_once(ours, work), _once(theirs, work)) for _ in range(runs)]
        sopgen_times, pm4py_times = [pair[0] for pair in pairs], [pair[1] for pair in pairs]
        # Each pair ran back to back, so it saw the same machine; the median of the pairs' ratios.
        ratios = sorted(ours_time / theirs_time for ours_time, theirs_time in pairs)
        load = os.getloadavg()[0]
        ratio = statistics.median(ratios)
        results.append(result(f"sopgen measure --json, 1,000,000 events ({cases:,} cases)", sopgen_times, None, f"start-up included; {_cpu(ours)}"))
        results.append(result("  pm4py: read_csv, format_dataframe, both DFGs", pm4py_times, None, f"start-up included; {_cpu(theirs)}"))
        results.append(Result("  sopgen ÷ pm4py (time)", 0.2, round(ratio, 3), round(ratios[0], 3), round(ratios[-1], 3), len(ratios), ratio <= 0.2, f"median of the pairs' ratios; target: a fifth; load average {load:.1f}"))
        sopgen_json = json.loads(subprocess.run(ours, cwd=work, check=True, capture_output=True, env=ENVIRONMENT).stdout)
        same, total = _edges_agree(sopgen_json, json.loads((work / "pm4py-edges.json").read_text()))
        results.append(Result("  edges with pm4py's count, mean and median", float(total), same, same, same, 1, same == total, f"{same} of {total}"))
        ours_peak = peak_tree_memory_mb(ours, work)
        theirs_peak = peak_tree_memory_mb(theirs, work)
        results.append(Result("  peak memory, sopgen (MB)", round(theirs_peak), round(ours_peak), round(ours_peak), round(ours_peak), 1, ours_peak < theirs_peak, "PSS; target: below pm4py's"))
        results.append(Result("  peak memory, pm4py (MB)", None, round(theirs_peak), round(theirs_peak), round(theirs_peak), 1, None, "PSS"))
    else:
        results.append(result(f"sopgen measure --json, 1,000,000 events ({events:,})", [_once(ours, work) for _ in range(runs)], None, "no bench/pm4py-venv: run `make bench`"))
    for case, log in (("sopgen measure --json, 100,000 events", hundred), ("sopgen measure --json, Shopify export of 20,000 orders", shopify)):
        command = [*SOPGEN, "measure", str(log), "--json"]
        _once(command, work)
        results.append(result(case, [_once(command, work) for _ in range(runs)], 1.0, f"start-up included; {_cpu(command)}"))
    return results


def main() -> None:
    """Only the measure cases: `python bench/measure.py` (`make bench` runs them with the others)."""
    runs = int(os.environ.get("BENCH_RUNS", "5"))
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="sopgen-bench-measure-") as folder:
        for row in measure_results(runs, Path(folder)):
            print(f"{row.case:<62} median {row.median_seconds:>8}  min {row.min_seconds:>8}  max {row.max_seconds:>8}  target {row.target_seconds}  met {row.met}  {row.note}")


if __name__ == "__main__":
    main()

"""The speed targets that are ratios: each pair measured in turns in the same run, printed with met or not.

- the 40-step `flow` against its start-up floor (imports and one neato run);
- `analyze` on a 15,000-step flow against its own `--json`, and `--json` against a bare PyYAML
  load of the same file with the C loader;
- `flow` on 2,000 steps against `neato -n2` drawing the DOT sopgen writes for it;
- a SOP document against docxtpl filling an equivalent template;
- the pack's Graphviz runs against the distinct (language, chart, format) it needs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from flows import write_chain_flow  # noqa: E402
from run import SOPGEN, Result, timed_alternately  # noqa: E402

YAML_LOAD = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def ratio(case: str, first: list[float], second: list[float], target: float, note: str = "") -> Result:
    """first ÷ second, as the ratio of their medians; met when at most `target`."""
    value = statistics.median(first) / statistics.median(second)
    figures = f"{statistics.median(first):.3f} s ÷ {statistics.median(second):.3f} s"
    return Result(case, target, round(value, 2), round(value, 2), round(value, 2), len(first), value <= target, f"{figures}{'; ' + note if note else ''}")


def flow_against_floor(runs: int, work: Path) -> list[Result]:
    flow = write_chain_flow(work / "ratio-flow-40.yaml", 40)
    subprocess.run([*SOPGEN, "flow", str(flow), "--out", "r40.dot"], cwd=work, check=True, capture_output=True)
    own, floor = timed_alternately(
        [*SOPGEN, "flow", str(flow), "--out", "r40.svg"], [sys.executable, str(BENCH / "startup_floor.py"), "r40.dot", "floor-r40.svg"], 2 * runs, work
    )
    return [ratio("flow, 40 steps ÷ its start-up floor", own, floor, 1.1)]


def big_flows(runs: int, work: Path) -> list[Result]:
    runs = max(3, runs // 2)
    flow = write_chain_flow(work / "flow-15000.yaml", 15000, compact=True)
    size = flow.stat().st_size / 1e6
    analyze = [*SOPGEN, "analyze", str(flow)]
    as_json = [*SOPGEN, "analyze", str(flow), "--json"]
    bare = [sys.executable, "-c", YAML_LOAD, str(flow)]
    text, json_times = timed_alternately(analyze, as_json, runs, work)
    json_again, yaml_times = timed_alternately(as_json, bare, runs, work)
    results = [
        ratio("analyze, 15,000 steps ÷ its --json", text, json_times, 1.2, f"{size:.1f} MB of YAML"),
        ratio("analyze --json, 15,000 steps ÷ bare PyYAML C load", json_again, yaml_times, 1.5),
    ]
    flow = write_chain_flow(work / "flow-2000.yaml", 2000)
    subprocess.run([*SOPGEN, "flow", str(flow), "--out", "f2000.dot"], cwd=work, check=True, capture_output=True)
    neato = shutil.which("neato") or "neato"
    drawn, floor = timed_alternately(
        [*SOPGEN, "flow", str(flow), "--out", "f2000.svg"], [neato, "-n2", "-Tsvg", "-o", "neato-2000.svg", "f2000.dot"], runs, work
    )
    results.append(ratio("flow, 2,000 steps ÷ neato -n2 on its DOT", drawn, floor, 3.0))
    return results


def per_document(runs: int, work: Path) -> list[Result]:
    from docxtpl_peer import per_document_seconds

    sopgen, docxtpl = per_document_seconds(runs, work)
    return [ratio("a SOP document ÷ docxtpl filling a template", [sopgen], [docxtpl], 1.1, "per document, in one process")]


def graphviz_runs(work: Path) -> list[Result]:
    """The demo pack with Graphviz behind a wrapper that counts its runs."""
    from sopgen.build.pack import load_run, plan
    from sopgen.build.sessions import RunSettings
    from sopgen.i18n.locales import LANGUAGE_TAGS, SUPPORTED_LOCALES

    shims, log = work / "counting-bin", work / "graphviz-runs.log"
    shims.mkdir(exist_ok=True)
    for program in ("dot", "neato"):
        shim = shims / program
        shim.write_text(f'#!/bin/sh\necho {program} >> "{log}"\nexec "{shutil.which(program)}" "$@"\n')
        shim.chmod(0o755)
    environment = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}", "SOPGEN_LANG": "en"}
    subprocess.run([*SOPGEN, "pack", "--lang", ",".join(LANGUAGE_TAGS[locale] for locale in SUPPORTED_LOCALES), "--out", str(work / "counted-pack"), "--force"], cwd=work, check=True, capture_output=True, env=environment)
    library, profile, _warnings = load_run(RunSettings())
    items, _skipped = plan(library, profile, SUPPORTED_LOCALES)
    needed = sum(1 for item in items if item.kind in ("chart", "handbook"))  # a handbook draws its lifecycle chart
    counted = len(log.read_text().splitlines())
    return [Result("Graphviz runs per pack ÷ distinct charts", 1.0, round(counted / needed, 2), counted, counted, 1, counted == needed, f"{counted} runs for {needed} (chart, format) pairs")]

"""`sopgen whatif` and `sopgen serve` as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sopgen.analysis.figures import analyse
from sopgen.blueprints.library import resolve_flow
from sopgen.cli.app import app

ROOT = Path(__file__).parents[2]
WORKED_EXAMPLE = ROOT / "examples" / "worked-example.yaml"


def test_automating_copy_matches_the_readme():
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--automate", "copy", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"current", "future", "changes"}
    assert data["current"] == analyse(resolve_flow(str(WORKED_EXAMPLE))).as_json()
    assert data["future"]["manual_handoffs"] == 2
    assert data["future"]["lead_time_minutes"] == 127
    assert data["changes"][0] == {"scope": "flow", "figure": "lead_time_minutes", "current": 491.0, "future": 127.0, "delta": -364.0}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "sopgen whatif examples/worked-example.yaml --automate copy --json" in readme
    assert '"manual_handoffs": 2, "lead_time_minutes": 127.0' in readme
    quoted = re.search(r'\{"scope": "flow", "figure": "lead_time_minutes"[^}]*\}', readme)
    assert quoted is not None and json.loads(quoted.group(0)) == data["changes"][0]


def test_options_combine_and_repeat():
    result = CliRunner().invoke(
        app,
        ["whatif", str(WORKED_EXAMPLE), "--automate", "copy,mail", "--staff", "pack=2", "--hours", "pack=4", "--wait", "pack=30m", "--json"],
    )
    assert result.exit_code == 0, result.output
    future = json.loads(result.stdout)["future"]
    assert [step["mode"] for step in future["steps"]] == ["automated", "automated", "manual", "automated"]
    assert future["steps"][2]["utilization"] == 40 * 6 / (2 * 4 * 60)
    assert future["lead_time_minutes"] == 0 + 0 + 36 + 0  # mail's 1 min of handling is dropped too


def test_human_report_compares_in_the_chosen_language():
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--automate", "copy", "--lang", "da"])
    assert result.exit_code == 0, result.output
    assert "Gennemløbstid" in result.stdout and "8,2 t." in result.stdout and "2,1 t." in result.stdout and "−6,1 t." in result.stdout
    assert "Manuelle overdragelser" in result.stdout


def test_unknown_steps_are_errors_with_the_valid_ids():
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--automate", "cpy", "--staff", "pakc=2", "--wait", "copy=soon"])
    assert result.exit_code == 2
    assert result.stderr == (
        "--wait: error: copy: 'soon' is not a duration\n"
        "  hint: write a duration such as 0, 30s, 4m, 1.5h, 2d or PT4M\n"
        "--automate: error: 'cpy' is not a step of flow 'worked-example'\n"
        "  hint: did you mean 'copy'? The flow's steps: pay, copy, pack, mail\n"
        "--staff: error: 'pakc' is not a step of flow 'worked-example'\n"
        "  hint: did you mean 'pack'? The flow's steps: pay, copy, pack, mail\n"
    )
    assert result.stdout == ""


def test_a_value_without_step_is_an_error():
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--staff", "2"])
    assert result.exit_code == 2
    assert result.stderr == "--staff: error: '2' should look like STEP=VALUE\n  hint: for example --staff pack=2\n"


def test_out_draws_the_future_state_with_the_changed_steps_marked(tmp_path: Path):
    out = tmp_path / "future.svg"
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--automate", "copy", "--staff", "pack=2", "--lang", "en", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # the chart's line goes to stderr, so stdout stays JSON
    svg = out.read_text(encoding="utf-8")
    marked = re.findall(r'<g id="step&#45;(\w+)" class="node step ([^"]*)"', svg)
    assert {step for step, classes in marked if "changed" in classes.split()} == {"copy", "pack"}
    assert dict(marked)["copy"].startswith("automated")
    assert "Changed in the" in svg  # the legend's entry (wrapped over two lines)
    assert ">2.1 hr<" in svg  # the future lead time in the chart's summary


def test_out_as_dot_works_for_a_builtin_flow(tmp_path: Path):
    out = tmp_path / "future.dot"
    result = CliRunner().invoke(app, ["whatif", "shopify-owner-va", "--automate", "copy-address", "--out", str(out)])
    assert result.exit_code == 0, result.output
    source = out.read_text(encoding="utf-8")
    assert re.search(r'class="step automated critical-path changed"[^\n]*id="step-copy-address"|id="step-copy-address"[^\n]*class="step automated critical-path changed"', source)
    assert source.count(" changed") == 1


def test_serve_refuses_a_missing_file_and_names_the_builtin_copy(tmp_path: Path):
    result = CliRunner().invoke(app, ["serve", "shopify-owner-va"])
    assert result.exit_code == 2
    assert result.stderr.startswith("shopify-owner-va: error: no such flow blueprint file\n  hint: the page follows a file you edit; start from a copy of the built-in flow: cp ")
    assert result.stderr.rstrip().endswith("shopify-owner-va.yaml .")


def test_serve_refuses_a_port_in_use(tmp_path: Path):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "sopgen", "serve", str(WORKED_EXAMPLE), "--port", str(port)], capture_output=True, text=True, timeout=60
        )
    finally:
        taken.close()
    assert done.returncode == 2
    assert f"127.0.0.1:{port}: error: cannot serve here: Address already in use" in done.stderr
    assert "hint: choose another port with --port, or --port 0 for any free one" in done.stderr
    assert "Traceback" not in done.stderr


def test_format_without_out_names_the_chart_as_a_future_state(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["whatif", str(WORKED_EXAMPLE), "--automate", "copy", "--format", "dot", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "wrote worked-example.future.en.dot" in result.stdout
    assert (tmp_path / "worked-example.future.en.dot").read_text(encoding="utf-8").startswith("digraph")


def test_serve_refuses_a_folder(tmp_path: Path):
    result = CliRunner().invoke(app, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.endswith(": error: is a folder, not a file\n  hint: give the flow blueprint file to show\n")

"""The command line as a user runs it: CliRunner for most, a real subprocess for start-up and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sample_flows import chain_flow
from sopgen.cli.app import app

ROOT = Path(__file__).parents[2]
WORKED_EXAMPLE = ROOT / "examples" / "worked-example.yaml"


def test_worked_example_numbers_match_the_readme():
    result = CliRunner().invoke(app, ["analyze", str(WORKED_EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["manual_handoffs"] == 4
    assert data["bottleneck"] == {"step": "copy", "utilization": 160 / 180, "severity": "critical"}
    assert data["lead_time_minutes"] == 491
    assert data["cycle_efficiency"] == 11 / 491
    assert data["critical_path"] == ["pay", "copy", "pack", "mail"]
    assert [step["utilization"] for step in data["steps"]] == [None, 160 / 180, 0.8, None]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '"lead_time_minutes": 491.0, "cycle_efficiency": 0.02240325865580448' in readme


def test_analyze_human_report_names_bottleneck_and_handoffs():
    result = CliRunner().invoke(app, ["analyze", "shopify-owner-va", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Bottleneck" in result.stdout and "overloaded" in result.stdout
    assert "Manual hand-offs" in result.stdout and "Automation candidates" in result.stdout


def test_unknown_builtin_id_suggests_the_closest():
    result = CliRunner().invoke(app, ["analyze", "shopify-owner"])
    assert result.exit_code == 2
    assert result.stderr == "shopify-owner: error: no built-in blueprint or file with this name\n  hint: did you mean 'shopify-owner-va'?\n"


def test_unknown_language_lists_the_choices():
    result = CliRunner().invoke(app, ["analyze", "shopify-owner-va", "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stderr == "--lang: error: unknown language 'fr'\n  hint: choose from: da, en, zh-TW, id\n"


def test_flow_writes_dot_without_graphviz(tmp_path: Path):
    out = tmp_path / "chart.dot"
    result = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("digraph")


def test_flow_placeholders_come_from_the_profile_or_the_demo_shop(tmp_path: Path):
    flow = tmp_path / "own-flow.yaml"
    flow.write_text(
        "kind: flow\nid: own-flow\ntitle: Orders at {{ shop.name }}\nvolume: 10\n"
        "lanes:\n  - {id: team, title: Team, type: person}\n"
        "steps:\n  - {id: take, lane: team, title: Take the order, handling: 2m}\n"
        "  - {id: send, lane: team, title: 'Send it with {{ tools.shipping }}', handling: 3m}\n"
        "edges:\n  - {from: take, to: send, channel: chat}\n",
        encoding="utf-8",
    )
    profile = tmp_path / "shop.yaml"
    made = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--name", "Fjord Tekstil", "--tool", "shipping=Shipmondo"])
    assert made.exit_code == 0, made.output

    demo_chart, own_chart = tmp_path / "demo.dot", tmp_path / "own.dot"
    for out, extra in ((demo_chart, []), (own_chart, ["--profile", str(profile)])):
        result = CliRunner().invoke(app, ["flow", str(flow), "--lang", "en", "--out", str(out), *extra])
        assert result.exit_code == 0, result.output

    assert "Orders at Nordlys Keramik" in demo_chart.read_text(encoding="utf-8")
    own = own_chart.read_text(encoding="utf-8")
    assert "Orders at Fjord Tekstil" in own and "Send it with Shipmondo" in own
    assert "{{" not in own


def test_unknown_chart_format(tmp_path: Path):
    result = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--format", "gif", "--out", str(tmp_path / "x.gif")])
    assert result.exit_code == 2
    assert "unknown chart format 'gif'" in result.stderr
    assert not (tmp_path / "x.gif").exists()


def test_flow_exports_take_their_format_from_the_extension_or_the_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    runner = CliRunner()
    for name, opening in (("flow.bpmn", "<bpmn:definitions"), ("flow.drawio", "<mxfile"), ("flow.mmd", "flowchart LR")):
        result = runner.invoke(app, ["flow", "shopify-owner-va", "--lang", "da", "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert opening in text and "Ordreflow" in text, name
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["flow", "shopify-owner-va", "--lang", "zh-TW", "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "shopify-owner-va.zh-TW.mmd").read_text(encoding="utf-8").startswith("---\ntitle: ")
    result = runner.invoke(app, ["flow", "shopify-owner-va", "--format", "bpmn", "--out", str(tmp_path / "chart.xml")])
    assert result.exit_code == 0 and (tmp_path / "chart.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_an_unknown_format_names_the_exports_too(tmp_path: Path):
    result = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--out", str(tmp_path / "x.vsdx")])
    assert result.exit_code == 2
    assert "unknown chart format 'vsdx'" in result.stderr
    assert "svg, png, pdf, dot, bpmn, drawio, mermaid" in result.stderr
    misspelt = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--format", "mermiad"])
    assert misspelt.exit_code == 2 and "did you mean 'mermaid'?" in misspelt.stderr


def test_a_mermaid_export_beyond_mermaids_limits_is_written_with_a_warning(tmp_path: Path):
    flow = tmp_path / "big.yaml"
    flow.write_text(chain_flow(500, 5), encoding="utf-8")
    result = CliRunner().invoke(app, ["flow", str(flow), "--out", str(tmp_path / "big.mmd")])
    assert result.exit_code == 0, result.output
    assert f"{flow}:1: warning: the Mermaid diagram has 589 links" in result.stderr
    assert "maxEdges" in result.stderr and (tmp_path / "big.mmd").is_file()
    small = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--out", str(tmp_path / "small.mmd")])
    assert small.exit_code == 0 and "warning" not in small.stderr


def test_version_and_help_in_a_real_process():
    version = subprocess.run([sys.executable, "-m", "sopgen", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("sopgen ")
    helped = subprocess.run([sys.executable, "-m", "sopgen", "--help"], capture_output=True, text=True, check=True)
    for command in ("init", "blueprints", "validate", "sop", "pack", "flow", "analyze", "i18n"):
        assert command in helped.stdout


def test_help_does_not_import_heavy_libraries():
    code = "import sys; from sopgen import cli; print(sorted(m for m in ('docx','graphviz','babel','pydantic','jinja2','yaml') if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_bad_input_exits_2_without_traceback_in_a_real_process(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: flow\nid: x\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sopgen", "analyze", str(broken)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{broken}:1: error: missing required field 'title'" in result.stderr


def test_console_script_collects_garbage_while_the_command_works(tmp_path: Path):
    """Start-up runs with the collector off; the command's own work with it on and the start-up objects frozen."""
    code = f"""
import gc, sys
from sopgen.build import pipeline
from sopgen.cli import console
seen = []
original = pipeline.write_flow_chart
def spy(request):
    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
    return original(request)
pipeline.write_flow_chart = spy
sys.argv = ["sopgen", "flow", "shopify-owner-va", "--format", "dot", "--out", {str(tmp_path / "chart.dot")!r}]
try:
    console.main()
finally:
    print(seen)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[(True, True)]"
    assert (tmp_path / "chart.dot").read_text(encoding="utf-8").startswith("digraph")


def test_analyze_summarises_a_big_flow_unless_asked_for_everything(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    from flows import write_chain_flow

    flow = write_chain_flow(tmp_path / "big.yaml", 60)
    summary = CliRunner().invoke(app, ["analyze", str(flow), "--lang", "en"], terminal_width=200)
    assert summary.exit_code == 0, summary.output
    assert "the 25 busiest of 60 steps; --all shows every one" in summary.stdout
    assert "more steps …" in summary.stdout  # the critical path, shortened
    everything = CliRunner().invoke(app, ["analyze", str(flow), "--lang", "en", "--all"], terminal_width=200)
    assert everything.exit_code == 0
    assert "--all shows every one" not in everything.stdout
    assert all(f"Step {number} of the order flow" in everything.stdout for number in range(60))

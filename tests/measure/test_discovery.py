"""A flow blueprint discovered from a log validates, keeps frequent pairs, marks loops as rework, and takes lanes from resources."""

from __future__ import annotations

from pathlib import Path

import yaml

from sample_logs import EXAMPLES, at, event_log, run, write_csv
from sopgen.blueprints.library import load_library
from sopgen.measure.discovery import duration_text, slug


def test_discovered_flow_from_the_worked_example_validates(tmp_path: Path):
    out = tmp_path / "shop-flow.yaml"
    code, stdout, err = run("discover", EXAMPLES / "shopify-orders.csv", "--out", out)
    assert code == 0, err
    assert "4 steps" in stdout
    flow = load_library([out]).flows[0]
    assert flow.id == "shop-flow"
    assert [step.id for step in flow.steps] == ["created", "paid", "fulfilled", "cancelled"]
    steps = {step.id: step for step in flow.steps}
    assert steps["fulfilled"].wait == 2039.0 and steps["fulfilled"].share == 0.75 and steps["fulfilled"].activity == ("fulfilled",)
    assert flow.volume == 1.6
    assert {(edge.from_step, edge.to_step) for edge in flow.edges} == {("created", "paid"), ("paid", "fulfilled"), ("created", "cancelled"), ("paid", "cancelled")}
    assert out.read_text(encoding="utf-8").startswith("# Discovered by sopgen from shopify-orders.csv:")


def test_rare_pairs_are_left_out_but_no_step_is_cut_off(tmp_path: Path):
    events = [(f"c{n}", activity, minute) for n in range(20) for activity, minute in (("a", 0), ("b", 10), ("c", 20))]
    events += [("odd", "a", 0), ("odd", "c", 5), ("odd", "d", 9)]
    out = tmp_path / "flow.yaml"
    code, _stdout, err = run("discover", event_log(tmp_path / "log.csv", events), "--out", out, "--min-share", "0.1")
    assert code == 0, err
    flow = load_library([out]).flows[0]
    pairs = {(edge.from_step, edge.to_step) for edge in flow.edges}
    assert ("a", "c") not in pairs  # 1 in 21 cases
    assert ("c", "d") in pairs  # d's only way in, kept so that d is reached


def test_a_loop_back_becomes_a_rework_edge_and_lanes_come_from_resources(tmp_path: Path):
    header = ("case_id", "activity", "timestamp", "resource")
    rows = []
    for n in range(10):
        rows += [(f"t{n}", "drafted", at(0), "Dewi"), (f"t{n}", "approved", at(30), "Sari")]
        if n % 2:
            rows += [(f"t{n}", "drafted", at(40), "Dewi"), (f"t{n}", "approved", at(50), "Sari")]
        rows.append((f"t{n}", "sent", at(60), "helpdesk"))
    out = tmp_path / "tickets.yaml"
    code, _stdout, err = run("discover", write_csv(tmp_path / "log.csv", header, rows), "--out", out)
    assert code == 0, err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [lane["title"] for lane in data["lanes"]] == ["Dewi", "Sari", "helpdesk"]
    assert {"from": "approved", "to": "drafted", "rework": True} in data["edges"]
    assert load_library([out]).flows[0].step("approved").lane == "sari"


def test_an_existing_blueprint_is_not_overwritten_without_force(tmp_path: Path):
    out = tmp_path / "flow.yaml"
    out.write_text("# my own work\n", encoding="utf-8")
    code, _stdout, err = run("discover", EXAMPLES / "shopify-orders.csv", "--out", out)
    assert code == 2 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "# my own work\n"
    code, _stdout, _err = run("discover", EXAMPLES / "shopify-orders.csv", "--out", out, "--force")
    assert code == 0 and load_library([out]).flows


def test_names_and_durations_as_a_person_writes_them():
    assert slug("Bestilling modtaget – på lager", "x") == "bestilling-modtaget-pa-lager"
    assert slug("訂單成立", "step-1") == "step-1"
    assert [duration_text(m) for m in (0, 0.5, 4, 460, 2039, 1440)] == ["0", "30s", "4m", "7h 40m", "1d 9h 59m", "1d"]

"""Designed beside measured: per-step figures through `activity:`, differences listed, `analyze --measured`."""

from __future__ import annotations

import json
from pathlib import Path

from sample_logs import EXAMPLES, event_log, measured_json, run

FLOW = EXAMPLES / "shop-order-flow.yaml"
ORDERS = EXAMPLES / "shopify-orders.csv"


def test_per_step_measured_figures_of_the_worked_example():
    flow = measured_json(ORDERS, "--flow", FLOW)["flow"]
    steps = {step["id"]: step for step in flow["steps"]}
    assert steps["pack"]["designed"] == {"wait_minutes": 180.0, "handling_minutes": 10.0, "share": 1.0}
    assert steps["pack"]["measured"] == {
        "cases": 6, "share": 0.75, "wait_count": 6, "wait_mean_minutes": 12058 / 6, "wait_median_minutes": 2039.0, "wait_p90_minutes": 3270.0,
    }
    assert steps["pay"]["measured"]["wait_median_minutes"] == 4.0
    assert steps["order"]["measured"] == {"cases": 8, "share": 1.0}
    assert steps["mail"]["measured"] is None
    assert flow["unmeasured_steps"] == ["mail"]
    assert flow["not_in_design"] == [{"activity": "cancelled", "count": 2}]
    assert flow["not_in_log"] == [] and flow["edges_not_in_design"] == [] and flow["designed_edges_not_seen"] == []
    assert flow["volume"] == {"designed": 2.0, "measured": 1.6}
    # pack: 1.6 orders a working day × 0.75 reach it × 10 min ÷ (1 × 2 h × 60) = 0.1
    assert flow["measured_bottleneck"] == {"step": "pack", "utilization": 1.6 * 0.75 * 10 / 120, "severity": "ok"}


def test_analyze_uses_measured_values_where_they_exist():
    code, out, err = run("analyze", FLOW, "--measured", ORDERS, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["volume"] == 1.6
    waits = {step["id"]: step["wait_minutes"] for step in data["steps"]}
    assert waits == {"order": 0.0, "pay": 4.0, "pack": 2039.0, "mail": 0.0}
    # order 0 + pay 4 + pack 2039 + 10 + mail 1
    assert data["lead_time_minutes"] == 2054.0


def test_steps_the_design_has_and_the_log_lacks_and_paths_the_design_lacks(tmp_path: Path):
    flow = tmp_path / "flow.yaml"
    flow.write_text(
        """kind: flow
id: small
title: Small flow
volume: 10
lanes: [{id: a, title: A}]
steps:
  - {id: one, lane: a, title: One, activity: a}
  - {id: two, lane: a, title: Two, activity: [b, b2]}
  - {id: three, lane: a, title: Three, activity: never}
edges:
  - {from: one, to: two}
  - {from: two, to: three}
""",
        encoding="utf-8",
    )
    # X: a → b2 → a (a path back the design lacks) · Y: a → b → z (z: no step names it)
    log = event_log(tmp_path / "log.csv", [("X", "a", 0), ("X", "b2", 30), ("X", "a", 40), ("Y", "a", 0), ("Y", "b", 60), ("Y", "z", 70)])
    data = measured_json(log, "--flow", flow)["flow"]
    steps = {step["id"]: step for step in data["steps"]}
    assert steps["two"]["measured"]["wait_median_minutes"] == 45.0 and steps["two"]["measured"]["cases"] == 2
    assert data["not_in_log"] == ["three"]
    assert data["not_in_design"] == [{"activity": "z", "count": 1}]
    assert data["edges_not_in_design"] == [{"from": "two", "to": "one", "count": 1}]
    assert data["designed_edges_not_seen"] == []


def test_human_report_sets_designed_beside_measured():
    code, out, _err = run("measure", ORDERS, "--flow", FLOW, "--lang", "en")
    assert code == 0
    assert "Designed and measured" in out and "Measured bottleneck: Pick, pack and ship" in out
    assert "In the log, not in the design: cancelled" in out


def test_a_flow_that_does_not_validate_is_reported_before_the_log_is_read(tmp_path: Path):
    flow = tmp_path / "flow.yaml"
    flow.write_text("kind: flow\nid: x\ntitle: X\nvolume: 1\nlanes: [{id: a, title: A}]\nsteps: [{id: s, lane: b, title: S}]\n", encoding="utf-8")
    code, _out, err = run("measure", tmp_path / "missing.csv", "--flow", flow)
    assert code == 2 and "unknown lane 'b'" in err and "missing.csv" not in err

"""Analysis of flows on small hand-made flows whose answers were worked out by hand."""

from __future__ import annotations

import json

import pytest

from sample_flows import BRANCHING, flow_from
from sopgen.analysis.figures import analyse


@pytest.fixture(scope="module")
def branching():
    flow = flow_from(BRANCHING)
    return flow, analyse(flow)


def test_handoffs_are_edges_between_lanes_the_manual_ones_numbered_from_1_in_blueprint_order(branching):
    _, analysis = branching
    found = [(h.number, h.from_step, h.to_step, h.channel, h.manual, h.rework) for h in analysis.handoffs]
    assert found == [
        (7, "order", "confirm", "system", False, False),  # system channel, both steps automated: after the manual ones
        (1, "confirm", "check", "email", True, False),  # a channel other than system
        (2, "check", "label", "system", True, False),  # system channel, but `check` is manual
        # check → refund stays in the va lane: no hand-off
        (3, "label", "pack", "system", True, False),  # `pack` has no mode: a person's lane makes it manual
        (4, "pack", "done", "system", True, False),
        (5, "refund", "done", "email", True, False),
        (6, "pack", "check", "system", True, True),  # rework edges hand off too
    ]
    assert analysis.manual_handoffs == 6


def test_step_modes_follow_the_lane_when_unset(branching):
    _, analysis = branching
    modes = {step.id: step.mode for step in analysis.steps}
    assert modes == {
        "order": "automated",
        "confirm": "automated",
        "check": "manual",
        "label": "automated",
        "refund": "manual",
        "pack": "manual",
        "done": "automated",
    }


def test_utilization_per_step(branching):
    _, analysis = branching
    utilization = {step.id: step.utilization for step in analysis.steps}
    assert utilization["check"] == pytest.approx(40 * 1.0 * 3 / (1 * 4 * 60))  # 0.5
    assert utilization["refund"] == pytest.approx(40 * 0.25 * 10 / (1 * 4 * 60))  # 0.41667
    assert utilization["pack"] == pytest.approx(40 * 1.0 * 6 / (2 * 2 * 60))  # 1.0
    assert [step for step, value in utilization.items() if value is None] == ["order", "confirm", "label", "done"]


def test_bottleneck_is_the_highest_utilization(branching):
    _, analysis = branching
    assert analysis.bottleneck is not None
    assert (analysis.bottleneck.step, analysis.bottleneck.severity) == ("pack", "overloaded")
    assert analysis.bottleneck.utilization == pytest.approx(1.0)


def test_lead_time_takes_the_longest_branch_and_leaves_rework_out(branching):
    _, analysis = branching
    assert analysis.lead_time_minutes == pytest.approx(4454)
    assert analysis.critical_path == ("order", "confirm", "check", "refund", "done")
    assert analysis.cycle_efficiency == pytest.approx(14 / 4454)


def test_json_has_plain_numbers(branching):
    _, analysis = branching
    data = json.loads(json.dumps(analysis.as_json()))
    assert data["lead_time_minutes"] == pytest.approx(4454)
    assert data["manual_handoffs"] == 6
    assert data["bottleneck"] == {"step": "pack", "utilization": pytest.approx(1.0), "severity": "overloaded"}
    assert data["critical_path"] == ["order", "confirm", "check", "refund", "done"]
    steps = {step["id"]: step for step in data["steps"]}
    assert steps["refund"]["wait_minutes"] == 1440
    assert steps["label"]["handling_minutes"] == 0.5
    assert steps["done"]["utilization"] is None


def test_a_longer_branch_in_another_order_wins():
    # The longest path ends at the second exit; blueprint order must not decide it.
    flow = flow_from(
        "kind: flow\nid: two-exits\ntitle: T\nvolume: 10\nlanes:\n  - {id: l, title: L}\nsteps:\n"
        "  - {id: a, lane: l, title: A, wait: 10m}\n"
        "  - {id: short, lane: l, title: S, wait: 5m}\n"
        "  - {id: long, lane: l, title: L, wait: 1h, handling: 20m}\n"
        "edges:\n  - {from: a, to: short}\n  - {from: a, to: long}\n"
    )
    analysis = analyse(flow)
    assert analysis.critical_path == ("a", "long")
    assert analysis.lead_time_minutes == pytest.approx(90)
    assert analysis.cycle_efficiency == pytest.approx(20 / 90)
    assert analysis.handoffs == ()


def _utilization_flow(*handlings: str, waits: tuple[str, ...] = (), staffed: bool = True) -> str:
    """One lane, a chain of steps; with staff 1 for 1 hour a day and volume 60, 1m of handling is 100 %."""
    lines = []
    for index, handling in enumerate(handlings):
        wait = waits[index] if index < len(waits) else "0m"
        staff = ", staff: 1, hours_per_day: 1" if staffed else ""
        lines.append(f"  - {{id: s{index}, lane: l, title: S{index}, handling: {handling}, wait: {wait}{staff}}}")
    edges = [f"  - {{from: s{i}, to: s{i + 1}}}" for i in range(len(handlings) - 1)]
    return (
        "kind: flow\nid: u\ntitle: U\nvolume: 60\nlanes:\n  - {id: l, title: L}\nsteps:\n"
        + "\n".join(lines)
        + "\nedges:\n"
        + ("\n".join(edges) if edges else "  []")
        + "\n"
    )


@pytest.mark.parametrize(
    ("handling", "severity"),
    [("50.4s", "ok"), ("51s", "critical"), ("59.4s", "critical"), ("60s", "overloaded"), ("2m", "overloaded")],
)
def test_bottleneck_severity_thresholds(handling: str, severity: str):
    # utilization = 60 × handling(min) ÷ 60: 51 s → 0.85, 60 s → 1.0, 50.4 s → 0.84
    analysis = analyse(flow_from(_utilization_flow("1s", handling)))
    assert analysis.bottleneck is not None
    assert analysis.bottleneck.step == "s1"
    assert analysis.bottleneck.severity == severity


def test_bottleneck_ties_go_to_the_step_listed_first():
    analysis = analyse(flow_from(_utilization_flow("30s", "54s", "54s")))
    assert analysis.bottleneck is not None
    assert (analysis.bottleneck.step, analysis.bottleneck.severity) == ("s1", "critical")
    assert analysis.bottleneck.utilization == pytest.approx(0.9)


def test_without_utilization_the_longest_wait_is_the_bottleneck():
    analysis = analyse(flow_from(_utilization_flow("1m", "1m", "1m", "1m", waits=("1h", "3h", "2h", "3h"), staffed=False)))
    assert all(step.utilization is None for step in analysis.steps)
    assert analysis.bottleneck is not None
    assert (analysis.bottleneck.step, analysis.bottleneck.utilization, analysis.bottleneck.severity) == ("s1", None, "ok")


def test_cycle_efficiency_is_none_when_nothing_takes_time():
    analysis = analyse(flow_from(_utilization_flow("0m", "0m", staffed=False)))
    assert analysis.lead_time_minutes == 0
    assert analysis.cycle_efficiency is None
    assert analysis.critical_path == ("s0", "s1")


def test_a_channel_makes_a_handoff_between_systems_manual():
    flow = flow_from(
        "kind: flow\nid: systems\ntitle: T\nvolume: 5\nlanes:\n"
        "  - {id: shop, title: Shop, type: system}\n  - {id: books, title: Books, type: system}\n"
        "steps:\n  - {id: a, lane: shop, title: A}\n  - {id: b, lane: books, title: B}\n  - {id: c, lane: shop, title: C}\n"
        "edges:\n  - {from: a, to: b, channel: spreadsheet}\n  - {from: b, to: c}\n"
    )
    analysis = analyse(flow)
    assert [(h.from_step, h.to_step, h.manual) for h in analysis.handoffs] == [("a", "b", True), ("b", "c", False)]
    assert analysis.manual_handoffs == 1
    assert analysis.bottleneck is not None and analysis.bottleneck.step == "a"  # no waits, no utilization: first listed

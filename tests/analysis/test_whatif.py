"""What-if on hand-made flows: what automating and re-staffing do to the figures, worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_flows import BRANCHING, flow_from
from sopgen.analysis.figures import analyse
from sopgen.analysis.whatif import WhatIf, apply, check, compare, whatif_json
from sopgen.blueprints.library import resolve_flow
from sopgen.errors import InputError

WORKED_EXAMPLE = Path(__file__).parents[2] / "examples" / "worked-example.yaml"


@pytest.fixture(scope="module")
def worked():
    return resolve_flow(str(WORKED_EXAMPLE))


def test_automating_copy_in_the_worked_example(worked):
    future = apply(worked, WhatIf.parse(["copy"]))
    figures = analyse(future)
    # pay → copy and mail → copy now run in the system between automated steps; copy → pack and
    # pack → mail still touch the manual `pack`.
    assert figures.manual_handoffs == 2
    # pay 0 + copy 0 + pack (120 + 6) + mail 1
    assert figures.lead_time_minutes == 127
    assert figures.cycle_efficiency == 7 / 127
    assert figures.bottleneck == ("pack", 0.8, "ok")
    assert figures.step("copy").utilization is None


def test_automating_sets_mode_drops_staff_and_times_and_makes_its_edges_system(worked):
    future = apply(worked, WhatIf.parse(["copy"]))
    copy = future.step("copy")
    assert (copy.mode, copy.staff, copy.hours_per_day, copy.wait, copy.handling) == ("automated", None, None, 0, 0)
    channels = {(edge.from_step, edge.to_step): edge.channel for edge in future.edges}
    assert channels == {("pay", "copy"): "system", ("copy", "pack"): "system", ("pack", "mail"): "system", ("mail", "copy"): "system"}
    assert [edge.rework for edge in future.edges] == [edge.rework for edge in worked.edges]


def test_the_current_flow_is_left_as_it_is(worked):
    before = worked.model_dump()
    apply(worked, WhatIf.parse(["copy"], staff={"pack": 2}))
    assert worked.model_dump() == before
    assert worked.step("copy").mode == "manual"


def test_given_times_win_over_automation_zeroes(worked):
    future = apply(worked, WhatIf.parse(["copy"], handling={"copy": "30s"}, wait={"copy": "5m"}))
    assert (future.step("copy").handling, future.step("copy").wait) == (0.5, 5)
    # pay 0 + copy (5 + 0.5) + pack 126 + mail 1
    assert analyse(future).lead_time_minutes == 132.5


def test_more_staff_lowers_utilization_and_moves_the_bottleneck(worked):
    future = analyse(apply(worked, WhatIf.parse(staff={"copy": "2"})))
    assert future.step("copy").utilization == pytest.approx(160 / 360)  # 40 × 4 ÷ (2 × 3 × 60)
    assert future.bottleneck == ("pack", 0.8, "ok")
    assert future.lead_time_minutes == 491  # staff changes no waits


def test_new_hours_and_waits_on_a_branching_flow():
    flow = flow_from(BRANCHING)
    # The refund branch (wait 1d) set the lead time (4454). With a 30 min wait it takes
    # 0 + 1 + 123 + (30 + 10) + 2880 = 3034, and the packing branch is the longer one:
    # order → confirm → check → label → pack → done = 0 + 1 + 123 + 0.5 + 66 + 2880 = 3070.5
    future = analyse(apply(flow, WhatIf.parse(hours={"pack": "4"}, wait={"refund": "30m"})))
    assert future.lead_time_minutes == 3070.5
    assert future.critical_path == ("order", "confirm", "check", "label", "pack", "done")
    assert future.step("pack").utilization == pytest.approx(40 * 6 / (2 * 4 * 60))


def test_values_are_read_as_typed():
    what_if = WhatIf.parse(["a, b".split(",")[0], " b "], staff={"a": "1,5"}, hours={"a": 2}, handling={"a": "PT4M"}, wait={"a": "1.5h"})
    assert what_if == WhatIf(("a", "b"), (("a", 1.5),), (("a", 2.0),), (("a", 4.0),), (("a", 90.0),))
    assert WhatIf.from_json(what_if.as_json()) == what_if
    assert what_if.as_json()["wait"] == {"a": "1.5h"}


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("staff", "0", "--staff: error: copy: '0' is not a number greater than 0 and at most 1000000"),
        ("staff", "many", "--staff: error: copy: 'many' is not a number greater than 0 and at most 1000000"),
        ("hours", "25", "--hours: error: copy: '25' is not a number greater than 0 and at most 24"),
        ("handling", "4", "--handling: error: copy: '4' is not a duration"),
        ("wait", "-1h", "--wait: error: copy: duration '-1h' is negative"),
        ("wait", "2y", "--wait: error: copy: '2y' is not a duration"),
    ],
)
def test_bad_values_are_named_with_their_option(kind, value, message):
    with pytest.raises(InputError) as caught:
        WhatIf.parse(**{kind: {"copy": value}})
    assert str(caught.value.problems[0]).split("\n")[0] == message


def test_unknown_steps_get_a_did_you_mean_and_the_valid_ids(worked):
    problems = check(worked, WhatIf.parse(["cpy"], staff={"unknown-step": 2}))
    assert [str(problem) for problem in problems] == [
        "--automate: error: 'cpy' is not a step of flow 'worked-example'\n  hint: did you mean 'copy'? The flow's steps: pay, copy, pack, mail",
        "--staff: error: 'unknown-step' is not a step of flow 'worked-example'\n  hint: the flow's steps: pay, copy, pack, mail",
    ]
    with pytest.raises(InputError):
        apply(worked, WhatIf.parse(["cpy"]))


def test_staff_needs_hours_per_day_and_automated_steps_take_neither(worked):
    problems = check(worked, WhatIf.parse(["copy"], staff={"copy": 2, "mail": 1}))
    assert [str(problem).split("\n")[0] for problem in problems] == [
        "--staff: error: 'copy' is automated, so it has no staff or hours per day",
        "--staff: error: 'mail' has no hours per day: 'staff' and 'hours_per_day' come together",
    ]
    assert not check(worked, WhatIf.parse(staff={"mail": 1}, hours={"mail": 2}))


def test_compare_lists_every_changed_figure_of_analyze_json(worked):
    current, future = analyse(worked), analyse(apply(worked, WhatIf.parse(["copy"])))
    changes = [change.as_json() for change in compare(current, future)]
    assert changes[:7] == [
        {"scope": "flow", "figure": "lead_time_minutes", "current": 491.0, "future": 127.0, "delta": -364.0},
        {"scope": "flow", "figure": "cycle_efficiency", "current": 11 / 491, "future": 7 / 127, "delta": 7 / 127 - 11 / 491},
        {"scope": "flow", "figure": "manual_handoffs", "current": 4, "future": 2, "delta": -2},
        {"scope": "flow", "figure": "bottleneck.step", "current": "copy", "future": "pack", "delta": None},
        {"scope": "flow", "figure": "bottleneck.utilization", "current": 160 / 180, "future": 0.8, "delta": 0.8 - 160 / 180},
        {"scope": "flow", "figure": "bottleneck.severity", "current": "critical", "future": "ok", "delta": None},
        {"scope": "flow", "figure": "automation_candidates", "current": ["copy", "pack"], "future": ["pack"], "delta": None},
    ]
    assert {"scope": "step", "step": "copy", "figure": "mode", "current": "manual", "future": "automated", "delta": None} in changes
    assert {"scope": "step", "step": "copy", "figure": "wait_minutes", "current": 360.0, "future": 0.0, "delta": -360.0} in changes
    assert {"scope": "handoff", "handoff": 1, "from": "pay", "to": "copy", "figure": "manual", "current": True, "future": False, "delta": None} in changes
    assert not [change for change in changes if change.get("step") in ("pay", "pack", "mail")]


def test_no_changes_compare_to_nothing(worked):
    assert compare(analyse(worked), analyse(apply(worked, WhatIf()))) == ()
    data = whatif_json(analyse(worked), analyse(worked))
    assert data["current"] == data["future"] == analyse(worked).as_json()
    assert data["changes"] == []


def test_steps_that_left_the_flow_are_dropped():
    what_if = WhatIf.parse(["copy", "gone"], staff={"gone": 2}, wait={"copy": "1m"})
    assert what_if.only_steps(["copy", "pack"]) == WhatIf(("copy",), (), (), (), (("copy", 1.0),))
    assert what_if.step_ids() == ("copy", "gone")

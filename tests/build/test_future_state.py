"""Saving a future state next to the flow: a new file with the next free name, never over another file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sopgen.analysis.figures import analyse
from sopgen.analysis.whatif import WhatIf
from sopgen.blueprints.library import load_library, resolve_flow
from sopgen.build.files import write_new_file
from sopgen.build.future_state import future_state_id, save_future_state

ROOT = Path(__file__).parents[2]


@pytest.fixture
def flow_file(tmp_path: Path) -> Path:
    target = tmp_path / "order-flow.yaml"
    shutil.copy(ROOT / "examples" / "worked-example.yaml", target)
    return target


def test_the_future_state_is_a_valid_flow_beside_the_current_one(flow_file: Path):
    current_text = flow_file.read_text(encoding="utf-8")
    saved = save_future_state(flow_file, resolve_flow(str(flow_file)), WhatIf.parse(["copy"], staff={"pack": 2}))
    assert saved == flow_file.with_name("order-flow.future.yaml")
    assert flow_file.read_text(encoding="utf-8") == current_text
    text = saved.read_text(encoding="utf-8")
    assert "#   sopgen whatif order-flow.yaml --automate copy --staff pack=2\n" in text
    future = resolve_flow(str(saved))
    assert future.id == "worked-example-future"
    figures = analyse(future)
    assert (figures.manual_handoffs, figures.lead_time_minutes) == (2, 127)
    assert figures.step("pack").utilization == pytest.approx(0.4)
    # Both files load together: the ids differ.
    assert [flow.id for flow in load_library([flow_file.parent]).flows] == ["worked-example-future", "worked-example"]


def test_saving_again_numbers_the_files_and_ids(flow_file: Path):
    current = resolve_flow(str(flow_file))
    first = save_future_state(flow_file, current, WhatIf.parse(["copy"]))
    first_text = first.read_text(encoding="utf-8")
    second = save_future_state(flow_file, current, WhatIf.parse(["pack"]))
    third = save_future_state(flow_file, current, WhatIf.parse(wait={"pack": "1h"}))
    assert [first.name, second.name, third.name] == ["order-flow.future.yaml", "order-flow.future-2.yaml", "order-flow.future-3.yaml"]
    assert first.read_text(encoding="utf-8") == first_text
    assert resolve_flow(str(third)).id == "worked-example-future-3"
    assert not list(flow_file.parent.glob(".*.part"))


def test_a_new_file_never_replaces_one_that_exists(tmp_path: Path):
    target = tmp_path / "taken.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new_file(target, b"theirs")
    assert target.read_text(encoding="utf-8") == "mine"
    assert [path.name for path in tmp_path.iterdir()] == ["taken.yaml"]


def test_long_ids_stay_within_the_limit():
    assert future_state_id("a" * 64, 12) == "a" * 54 + "-future-12"

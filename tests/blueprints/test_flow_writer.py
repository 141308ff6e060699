"""Flow records written as blueprint YAML load back to the same flow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sample_flows import BRANCHING, flow_from
from sopgen.blueprints.durations import parse_minutes
from sopgen.blueprints.flow_writer import duration_text, flow_yaml
from sopgen.blueprints.library import builtin_references
from sopgen.blueprints.validation import build_library
from sopgen.blueprints.yaml_loading import parse_yaml


def _loaded(text: str):
    return build_library([parse_yaml(text, "written.yaml")]).flows[0]


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0"), (0.5, "30s"), (4, "4m"), (1.5, "1.5m"), (90, "1.5h"), (360, "6h"), (2880, "2d"), (1 / 60, "1s"), (0.1, "6s"), (123, "123m")],
)
def test_durations_in_the_biggest_readable_unit(minutes, text):
    assert duration_text(minutes) == text


@given(st.floats(min_value=0, max_value=366 * 1440, allow_nan=False))
def test_durations_read_back_exactly(minutes):
    text = duration_text(minutes)
    assert (0.0 if text == "0" else parse_minutes(text)) == minutes


def test_every_builtin_flow_and_the_sample_round_trip():
    for flow in (*builtin_references().flows, flow_from(BRANCHING)):
        assert _loaded(flow_yaml(flow)).model_dump() == flow.model_dump(), flow.id


def test_comments_come_first_and_text_that_needs_quotes_gets_them():
    flow = flow_from(BRANCHING)
    step = flow.steps[0].model_copy(update={"title": "Order: #1 {{ shop.name }}"})
    flow = flow.model_copy(update={"steps": (step, *flow.steps[1:])})
    text = flow_yaml(flow, ("Future state", "", "of the flow"))
    assert text.startswith("# Future state\n#\n# of the flow\nkind: flow\n")
    assert _loaded(text).steps[0].title == "Order: #1 {{ shop.name }}"

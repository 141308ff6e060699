"""Folding a long chart into bands for a page: every step once, every edge between bands marked at both ends, text >= 6 pt."""

from __future__ import annotations

import re

import pytest

from sample_flows import BRANCHING, chain_flow, flow_from
from sopgen.analysis.figures import analyse
from sopgen.charts.flowchart import step_columns
from sopgen.charts.folding import MIN_PRINT_POINTS, PageBox, band_plans, connector_mark, fold_flow, smallest_font, svg_size
from sopgen.i18n.localizer import Localizer

A4_LANDSCAPE = PageBox(717.0, 428.0)  # the text box of the built-in template's landscape A4 page, less a heading


def test_connector_marks_run_a_to_z_then_aa():
    assert [connector_mark(n) for n in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_a_chart_that_fits_stays_whole():
    flow = flow_from(BRANCHING)
    folded = fold_flow(flow, analyse(flow), Localizer.for_locale("en"), PageBox(3000, 3000))
    assert len(folded.pages) == 1 and folded.scale == 1.0
    assert "part 1 of" not in folded.pages[0].svg.decode()


@pytest.fixture(scope="module")
def long_chain():
    flow = flow_from(chain_flow(40, 4))
    localizer = Localizer.for_locale("en")
    return flow, analyse(flow), localizer, fold_flow(flow, analyse(flow), localizer, A4_LANDSCAPE)


def test_a_long_flow_folds_into_bands_that_fit_with_readable_text(long_chain):
    _flow, _analysis, _localizer, folded = long_chain
    assert len(folded.pages) > 2
    for page in folded.pages:
        width, height = svg_size(page.svg)
        assert width * folded.scale <= A4_LANDSCAPE.width + 0.5 and height * folded.scale <= A4_LANDSCAPE.height + 0.5
        assert smallest_font(page.svg) * folded.scale >= MIN_PRINT_POINTS - 0.01


def test_every_step_is_drawn_in_exactly_one_band_in_flow_order(long_chain):
    flow, _analysis, _localizer, folded = long_chain
    drawn = [set(re.findall(rb'id="step&#45;(\w+)"', page.svg)) for page in folded.pages]
    assert sum(len(steps) for steps in drawn) == len(flow.steps)
    assert set().union(*drawn) == {step.id.encode() for step in flow.steps}
    first = [min(int(step[1:]) for step in steps) for steps in drawn]
    assert first == sorted(first)  # band 1 the first steps, band 2 the next …


def test_every_edge_between_bands_has_its_mark_in_both(long_chain):
    flow, analysis, localizer, _folded = long_chain
    columns, widths = step_columns(flow, analysis, localizer)
    plans = band_plans(flow, columns, [range(0, len(widths) // 2), range(len(widths) // 2, len(widths))])
    first, second = plans
    assert first.steps.isdisjoint(second.steps) and first.steps | second.steps == {step.id for step in flow.steps}
    crossing = [index for index, edge in enumerate(flow.edges) if (edge.from_step in first.steps) != (edge.to_step in first.steps)]
    assert crossing
    for index in crossing:
        edge = flow.edges[index]
        sender, receiver = (first, second) if edge.from_step in first.steps else (second, first)
        assert sender.outgoing[index][0] == receiver.incoming[index][0]
        assert (sender.outgoing[index][1], receiver.incoming[index][1]) == (receiver.part, sender.part)

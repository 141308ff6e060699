"""Measured figures beside the designed ones, from output in the shape `sopgen measure --json` prints."""

from __future__ import annotations

from workshop_server import WORKED_EXAMPLE

from sopgen.analysis.figures import analyse
from sopgen.i18n.localizer import Localizer
from sopgen.serve.measured import measured_view


def test_volume_and_the_flows_edges_are_set_side_by_side():
    from sopgen.blueprints.library import resolve_flow

    flow = resolve_flow(str(WORKED_EXAMPLE))
    measured = {
        "source": "orders.csv",
        "volume": {"per_day": 38.5},
        "edges": [
            {"from": "copy", "to": "pack", "count": 120, "mean_minutes": 140.0, "median_minutes": 95.0, "p90_minutes": 300.0},
            {"from": "pay", "to": "somewhere-else", "count": 3, "median_minutes": 1.0},
        ],
    }
    view = measured_view(measured, flow, analyse(flow), Localizer.for_locale("en"))
    assert view == {
        "error": None,
        "rows": [
            {"label": "Orders per working day", "designed": "40", "measured": "38.5"},
            {"label": "Copy the address → Pick and pack", "designed": "2.1 hr", "measured": "1.6 hr median, 120 orders"},
        ],
    }


def test_a_failed_measurement_is_shown_as_its_message():
    from sopgen.blueprints.library import resolve_flow

    flow = resolve_flow(str(WORKED_EXAMPLE))
    view = measured_view({"error": "orders.csv:3: error: no timestamp"}, flow, analyse(flow), Localizer.for_locale("en"))
    assert view == {"error": "orders.csv:3: error: no timestamp", "rows": []}
    assert measured_view(None, flow, analyse(flow), Localizer.for_locale("en")) is None


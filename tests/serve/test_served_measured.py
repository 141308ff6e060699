"""Measured figures beside the designed ones: the worked example's Shopify export against its flow."""

from __future__ import annotations

from pathlib import Path

from sopgen.analysis.figures import analyse
from sopgen.blueprints.library import resolve_flow
from sopgen.i18n.localizer import Localizer
from sopgen.serve.measured import measured_view, read_measured

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_volume_and_each_measured_step_are_set_side_by_side():
    flow = resolve_flow(str(EXAMPLES / "shop-order-flow.yaml"))
    measured = read_measured(EXAMPLES / "shopify-orders.csv", EXAMPLES / "shop-order-flow.yaml")
    view = measured_view(measured, flow, analyse(flow), Localizer.for_locale("en"))
    assert view is not None and view["error"] is None
    rows = {row["label"]: row for row in view["rows"]}
    assert rows["Orders per working day"]["measured"] == "1.6"  # the README's worked example
    pack = rows["Pick, pack and ship"]
    assert pack["designed"] == "wait 3 hr" and pack["measured"].startswith("median ") and pack["measured"].endswith(" orders")


def test_a_failed_measurement_is_shown_as_its_message(tmp_path: Path):
    log = tmp_path / "orders.csv"
    log.write_text("order,activity,timestamp\n", encoding="utf-8")
    flow = resolve_flow(str(EXAMPLES / "shop-order-flow.yaml"))
    measured = read_measured(log, EXAMPLES / "shop-order-flow.yaml")
    view = measured_view(measured, flow, analyse(flow), Localizer.for_locale("en"))
    assert view is not None and view["rows"] == [] and "orders.csv" in view["error"]
    assert measured_view(None, flow, analyse(flow), Localizer.for_locale("en")) is None

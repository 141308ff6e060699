"""`sopgen measure`, `discover` and `analyze --measured` as a user runs them; no personal data ever in an output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sample_logs import EXAMPLES, run, shopee_export, shopify_export, woocommerce_export

ROOT = Path(__file__).parents[2]
MARKER = "PII7f3q"  # planted in every personal cell: names, e-mails, addresses, phones, notes

SHOPIFY = [
    {"Name": "#1", "Created at": "2025-03-03 09:00:00 +0100", "Paid at": "2025-03-03 09:10:00 +0100", "Fulfilled at": "2025-03-03 15:10:00 +0100", "items": 2},
    {"Name": "#2", "Created at": "2025-03-04 10:00:00 +0100", "Cancelled at": "2025-03-04 12:00:00 +0100"},
]
WOOCOMMERCE = [
    {"Order Number": "7", "Order Status": "completed", "Order Date": "2025-03-03 10:00", "Paid Date": "2025-03-03 10:05", "Completed Date": "2025-03-04 10:05", "items": 2},
    {"Order Number": "8", "Order Status": "cancelled", "Order Date": "2025-03-03 11:00"},
]
SHOPEE = [
    {"Order ID": "2503X", "Order Status": "Completed", "Estimated Ship Out Date": "2025-03-05 23:59", "Ship Time": "2025-03-04 08:00",
     "Order Creation Date": "2025-03-03 08:00", "Order Paid Time": "2025-03-03 08:05", "Order Complete Time": "2025-03-06 08:00", "items": 2},
    {"Order ID": "2503Y", "Order Status": "To ship", "Estimated Ship Out Date": "2025-03-05 23:59", "Order Creation Date": "2025-03-03 09:00"},
]


def _exports(folder: Path) -> list[Path]:
    return [
        shopify_export(folder / "shopify.csv", SHOPIFY, personal=MARKER),
        woocommerce_export(folder / "woocommerce.csv", WOOCOMMERCE, personal=MARKER),
        shopee_export(folder / "shopee.xlsx", SHOPEE, personal=MARKER),
    ]


def test_the_planted_markers_are_in_the_exports(tmp_path: Path):
    shopify, woocommerce, _shopee = _exports(tmp_path)
    assert shopify.read_text(encoding="utf-8").count(MARKER) == 2 * 20
    assert woocommerce.read_text(encoding="utf-8").count(MARKER) == 3 * 11


def test_no_personal_data_reaches_any_output(tmp_path: Path):
    exports = _exports(tmp_path)
    flow = tmp_path / "flow.yaml"
    flow.write_text((EXAMPLES / "shop-order-flow.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    outputs: list[str] = []
    for index, export in enumerate(exports):
        for arguments in (
            ["measure", export, "--json"],
            ["measure", export, "--lang", "en"],
            ["measure", export, "--flow", flow, "--json", "--out", tmp_path / f"chart{index}.svg"],
            ["measure", export, "--out", tmp_path / f"discovered{index}.dot"],
            ["discover", export, "--out", tmp_path / f"flow{index}.yaml"],
            ["analyze", flow, "--measured", export, "--json"],
            ["measure", export, "--source", "xes"],
            ["measure", export, "--timestamp", "nope"],
        ):
            code, out, err = run(*arguments)
            outputs += [out, err]
        outputs += [
            (tmp_path / f"chart{index}.svg").read_text(encoding="utf-8"),
            (tmp_path / f"discovered{index}.dot").read_text(encoding="utf-8"),
            (tmp_path / f"flow{index}.yaml").read_text(encoding="utf-8"),
        ]
    # A bad time in a row full of personal data: the message names the row and the time only.
    bad = [{**SHOPIFY[0], "Paid at": "the day after"}]
    code, out, err = run("measure", shopify_export(tmp_path / "bad.csv", bad, personal=MARKER))
    assert code == 2 and "row 2" in err
    outputs += [out, err]
    assert len(outputs) == 3 * (8 * 2 + 3) + 2
    assert all(MARKER not in text for text in outputs)
    assert any("created" in text for text in outputs)


def test_every_format_measured_in_one_run(tmp_path: Path):
    code, out, err = run("measure", *_exports(tmp_path), "--json", "--tz", "Europe/Copenhagen")
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["format"] == "shopify+woocommerce+shopee"
    assert data["source"]["cases"] == 6


def test_profile_gives_the_time_zone(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    profile.write_text("kind: profile\nshop: {name: Toko Contoh, country: ID, currency: IDR}\n", encoding="utf-8")
    code, out, err = run("measure", EXAMPLES / "woocommerce-orders.csv", "--profile", profile, "--json")
    assert code == 0, err
    assert json.loads(out)["source"]["zone"] == "Asia/Jakarta"


def test_bad_input_exits_2_without_a_traceback_in_a_real_process(tmp_path: Path):
    broken = tmp_path / "orders.csv"
    broken.write_text("Name,Created at\n#1,yesterday\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sopgen", "measure", str(broken)], capture_output=True, text=True, env={"SOPGEN_LANG": "en", "PATH": ""}, cwd=ROOT
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"{broken}: row 2: error: cannot read the time 'yesterday' in column 'Created at'")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["measure", "discover"])
def test_help_lists_the_options(command: str):
    code, out, _err = run(command, "--help")
    assert code == 0
    for option in ("--source", "--case", "--activity", "--timestamp", "--start", "--resource", "--tz"):
        assert option in out


def test_readme_shows_the_numbers_the_worked_example_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    data = json.loads(run("measure", EXAMPLES / "shopify-orders.csv", "--json")[1])
    paid = next(edge for edge in data["edges"] if (edge["from"], edge["to"]) == ("paid", "fulfilled"))
    assert f'"mean_minutes": {paid["mean_minutes"]!r},' in readme and f'"median_minutes": {paid["median_minutes"]!r}' in readme
    assert '"cases_per_working_day": 1.6' in readme
    assert "= **2,054 minutes** against the designed 196" in readme
    code, out, _err = run("analyze", EXAMPLES / "shop-order-flow.yaml", "--measured", EXAMPLES / "shopify-orders.csv", "--json")
    assert json.loads(out)["lead_time_minutes"] == 2054.0

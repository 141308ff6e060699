"""`sopgen init` asks for the effective and approval dates and writes them; the SOPs show them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from typer.testing import CliRunner

import docx
from sopgen.cli.app import app

SHOP = ["--name", "Nordic Socks", "--country", "DK", "--channels", "shopify", "--owner", "Mette", "--approver", "Anders"]

# name, country, currency, channels; payments, carriers, invoicing; nine tools; five roles; owner, approver
BEFORE_DATES = "Nordic Socks\nDK\nDKK\nshopify\n" + "\n" * 3 + "\n" * 9 + "\n" * 5 + "Mette\nAnders\n"
AFTER_DATES = "da,en\n" + "35\n\n\nn\n"  # languages; orders a day, who packs, who answers, labels from a tool


def _document(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["document"]


def _control_table(profile: Path, out: Path) -> list[list[str]]:
    result = CliRunner().invoke(app, ["sop", "order-processing", "--profile", str(profile), "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    [path] = out.glob("*.docx")
    document = docx.Document(str(path))
    tables = {table.rows[0].cells[0].text: [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables}
    return tables["Document ID"]


def test_init_without_dates_takes_effect_today_as_a_draft(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *SHOP])
    assert result.exit_code == 0, result.output
    assert _document(profile) == {"owner": "Mette", "approver": "Anders", "effective": dt.date.today()}
    control = _control_table(profile, tmp_path / "out")
    assert control[4][:2] == ["Status", "Draft"], "naming an approver is not approving"


def test_init_writes_the_dates_given_as_options(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(
        app, ["init", "--no-input", "--out", str(profile), *SHOP, "--effective", "2027-01-04", "--approved", "2026-12-20"]
    )
    assert result.exit_code == 0, result.output
    assert _document(profile)["effective"] == dt.date(2027, 1, 4)
    assert _document(profile)["approved"] == dt.date(2026, 12, 20)
    control = _control_table(profile, tmp_path / "out")
    assert control[3] == ["Effective date", "January 4, 2027", "Next review", "July 4, 2027"]
    assert control[4][:2] == ["Status", "Approved on December 20, 2026"]


def test_init_refuses_an_approval_date_that_is_no_date(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *SHOP, "--approved", "20.12.2026"])
    assert result.exit_code == 2
    assert "--approved: error: '20.12.2026' is not a date" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert not profile.exists()


def test_init_asks_for_the_dates_and_asks_again_for_a_bad_one(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    answers = BEFORE_DATES + "4 January\n2027-01-04\n2026-12-20\n" + AFTER_DATES
    result = CliRunner().invoke(app, ["init", "--out", str(profile)], input=answers)
    assert result.exit_code == 0, result.output
    assert "'4 January' is not a date" in result.output
    assert _document(profile)["effective"] == dt.date(2027, 1, 4)
    assert _document(profile)["approved"] == dt.date(2026, 12, 20)


def test_init_offers_today_and_no_approval(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--out", str(profile)], input=BEFORE_DATES + "\n\n" + AFTER_DATES)
    assert result.exit_code == 0, result.output
    assert f"[{dt.date.today().isoformat()}]" in result.output
    assert _document(profile)["effective"] == dt.date.today()
    assert "approved" not in _document(profile)

"""The starter pack end to end: init, tailoring by profile, the pack's layout, atomic and resumable writing."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import docx
from sopgen.cli.app import app

MARKETPLACE_SELLER = [
    "--name", "Toko Batik Sari", "--country", "ID", "--currency", "IDR",
    "--channels", "tokopedia,shopee,whatsapp", "--tool", "shipping=Shipper", "--tool", "helpdesk=Zendesk",
    "--team", "virtual-assistant=Dewi", "--owner", "Sari", "--approver", "Budi", "--languages", "id,en",
]
SHOPIFY_SHOP = [
    "--name", "Fjord Tekstil", "--channels", "shopify", "--tool", "shipping=Shipmondo", "--tool", "platform=Shopify",
    "--owner", "Lise", "--languages", "da,en",
]


def _init(folder: Path, answers: list[str]) -> Path:
    profile = folder / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *answers])
    assert result.exit_code == 0, result.output
    return profile


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    return "\n".join(parts)


def _sop(profile: Path, out: Path, sop_id: str = "shipping") -> str:
    result = CliRunner().invoke(app, ["sop", sop_id, "--profile", str(profile), "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    [document] = out.glob("*.docx")
    return _text(document)


def test_init_refuses_to_overwrite_and_explains(tmp_path: Path):
    profile = _init(tmp_path, SHOPIFY_SHOP)
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *SHOPIFY_SHOP])
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr


def test_init_rejects_an_unknown_channel_with_the_choices(tmp_path: Path):
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(tmp_path / "shop.yaml"), "--name", "X", "--channels", "myspace"])
    assert result.exit_code == 2
    assert "'myspace' is not a known sales channel" in result.stderr
    assert not (tmp_path / "shop.yaml").exists()


def test_init_asks_when_input_is_allowed(tmp_path: Path):
    # name, country, currency, channels; payments, carriers, invoicing (the country's); nine tools; five roles; owner, approver,
    # effective date (today), approval date (none yet), languages; the order flow: orders a day, who packs, who answers, labels from a tool
    answers = "Nordic Socks\nDK\nDKK\nshopify,instagram\n" + "\n" * 3 + "\n" * 9 + "Mette\n" + "\n" * 4 + "Mette\nMette\n\n\nda,en\n"
    answers += "35\n\nMette\nn\n"
    result = CliRunner().invoke(app, ["init", "--out", str(tmp_path / "shop.yaml")], input=answers)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "shop.yaml").read_text(encoding="utf-8")
    assert "name: Nordic Socks" in text and "channels: [shopify, instagram]" in text and "shop-owner: Mette" in text
    assert "payments: [card, dankort, mobilepay]" in text and "carriers: [gls, postnord, dao]" in text
    assert "flow: shop-flow.yaml" in text
    assert f"effective: {dt.date.today().isoformat()}" in text and "approved:" not in text
    flow = (tmp_path / "shop-flow.yaml").read_text(encoding="utf-8")
    assert "volume: 35\n" in flow and "language: da" in flow and 'title: "Mette (webshopejer)"' in flow


def test_marketplace_steps_only_for_marketplace_sellers(tmp_path: Path):
    (tmp_path / "seller").mkdir()
    (tmp_path / "shop").mkdir()
    seller = _sop(_init(tmp_path / "seller", MARKETPLACE_SELLER), tmp_path / "out-seller")
    shop = _sop(_init(tmp_path / "shop", SHOPIFY_SHOP), tmp_path / "out-shop")
    for marketplace_only in (
        "Enter the tracking number (resi) on the marketplace",
        "Record a packing video for marketplace orders",
        "Marketplace orders with the resi entered before the shipping deadline",
    ):
        assert marketplace_only in seller
        assert marketplace_only not in shop
    assert "Parcels reported damaged in transit" in seller and "Parcels reported damaged in transit" in shop
    assert "Toko Batik Sari" in seller and "Shipper" in seller
    assert "Fjord Tekstil" in shop and "Shipmondo" in shop
    assert "Sari" in seller and "Budi" in seller


def test_pack_from_an_init_profile(tmp_path: Path):
    profile = _init(tmp_path, MARKETPLACE_SELLER)
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--profile", str(profile), "--lang", "id", "--out", str(out)])
    assert result.exit_code == 0, result.output
    documents = sorted(out.glob("id/*/*.docx"))
    assert len(documents) >= 20
    assert (out / "id" / "handbook-id.docx").is_file()
    # the shop's own flow, which init wrote next to the profile; none of the demo shop's
    charts = sorted((out / "id" / "charts").iterdir())
    assert [path.name for path in charts] == [f"toko-batik-sari-order-flow.{extension}" for extension in ("bpmn", "drawio", "png", "svg")]
    index = (out / "index.html").read_text(encoding="utf-8")
    for document in [*documents, *charts]:
        assert str(document.relative_to(out)) in index
    assert "Camunda Modeler" in index and ">draw.io</a>" in index
    assert "Toko Batik Sari" in (out / "id" / "charts" / "toko-batik-sari-order-flow.bpmn").read_text(encoding="utf-8")
    assert "Toko Batik Sari" in _text(out / "id" / "sale" / "SOP-SAL-001-order-processing.docx")
    assert "wrote" not in result.stderr


def test_rerun_writes_nothing_new_and_hand_edits_are_kept(tmp_path: Path):
    out = tmp_path / "pack"
    runner = CliRunner()
    first = runner.invoke(app, ["pack", "--lang", "en", "--out", str(out)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["pack", "--lang", "en", "--out", str(out)])
    assert second.exit_code == 0
    assert "(0 written" in second.stdout
    edited = out / "en" / "sale" / "SOP-SAL-002-shipping.docx"
    edited.write_bytes(edited.read_bytes() + b"EDITED")
    third = runner.invoke(app, ["pack", "--lang", "en", "--out", str(out)])
    assert third.exit_code == 2
    assert "SOP-SAL-002-shipping.docx" in third.stderr and "--force" in third.stderr
    assert edited.read_bytes().endswith(b"EDITED")
    forced = runner.invoke(app, ["pack", "--lang", "en", "--out", str(out), "--force"])
    assert forced.exit_code == 0
    assert not edited.read_bytes().endswith(b"EDITED")


def test_same_input_gives_the_same_bytes(tmp_path: Path):
    runner = CliRunner()
    for name in ("one", "two"):
        result = runner.invoke(app, ["sop", "order-processing", "--lang", "zh-TW", "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    [one] = (tmp_path / "one").glob("*.docx")
    [two] = (tmp_path / "two").glob("*.docx")
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.slow
def test_interrupted_pack_leaves_only_whole_files_and_a_rerun_finishes(tmp_path: Path):
    out = tmp_path / "pack"
    command = [sys.executable, "-m", "sopgen", "pack", "--lang", "da,en,zh-TW,id", "--out", str(out)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "SOPGEN_LANG": "en"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(out.rglob("*.docx")):
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert b"Traceback" not in stderr
    assert not list(out.rglob("*.part"))
    written = list(out.rglob("*.docx"))
    assert written
    for path in written:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            assert archive.testzip() is None
    finished = subprocess.run(command, capture_output=True, env={**os.environ, "SOPGEN_LANG": "en"}, timeout=600)
    assert finished.returncode == 0, finished.stderr.decode()
    assert len(list(out.rglob("*.docx"))) == 4 * (len(list((out / "en").rglob("SOP-*.docx"))) + 2)  # + handbook and message templates


def test_pack_of_own_blueprints_with_own_catalogs(tmp_path: Path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "gift-wrap.yaml").write_text(
        "kind: sop\nid: gift-wrap\nphase: sale\nnumber: 20\ntitle: Gift wrapping\n"
        "purpose: Every gift order from {{ shop.name }} leaves wrapped.\nscope: Orders with the gift option.\n"
        "roles: [warehouse]\ntools: [shipping]\nsteps:\n  - {id: wrap, title: Wrap the item}\n  - {id: label, title: Print the label}\n"
        "  - {id: check, title: Check the card}\n  - {id: photo, title: Take a photo}\n  - {id: ship, title: Hand over}\nreview_every: 1 year\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["i18n", "update", "--blueprints", str(own)]).exit_code == 0
    out = tmp_path / "out"
    result = runner.invoke(app, ["pack", "--blueprints", str(own), "--lang", "en,da", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(str(path.relative_to(out)) for path in out.rglob("*.docx")) == [
        "da/handbook-da.docx", "da/sale/SOP-SAL-020-gift-wrap.docx", "en/handbook-en.docx", "en/sale/SOP-SAL-020-gift-wrap.docx",
    ]
    assert "no da translation for title" in result.stderr
    assert "Warehouse and packing staff" in _text(out / "en" / "sale" / "SOP-SAL-020-gift-wrap.docx")


def test_the_index_lists_documents_by_number_and_the_shops_flows_only(library, demo_profile):
    import re

    from sopgen.build.pack import index_page, plan

    items, _skipped = plan(library, demo_profile, ("da", "en"))
    page = index_page(demo_profile, library, items, ("da", "en")).decode("utf-8")
    for section in re.findall(r'<section id="[^"]+".*?</section>', page, re.S):
        numbers = re.findall(r"(SOP-[A-Z]+)-(\d+) · ", section)
        for prefix in dict.fromkeys(prefix for prefix, _number in numbers):
            within = [int(number) for p, number in numbers if p == prefix]
            assert within == sorted(within) and len(within) > 1
    embedded = {sop.flow for sop in library.sops if sop.flow and demo_profile.applies(sop.when)}
    shown = set(re.findall(r'charts/([\w-]+)\.svg', page))
    assert shown == embedded
    assert {flow.id for flow in library.flows} - embedded, "the library holds flows of other shops, which the index leaves out"

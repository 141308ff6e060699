"""A shop's starting order flow, as `sopgen init` and `sopgen flow new` write it from the shop's channels, tools and team."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sopgen.blueprints.library import load_library
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.vocabulary import CHANNELS
from sopgen.cli.app import app

# The README's example shop, exactly as the README writes it (without --out and --currency).
README_SHOP = [
    "--name", "Toko Batik Sari", "--country", "ID", "--channels", "tokopedia,shopee,whatsapp",
    "--tool", "shipping=Shipper", "--tool", "helpdesk=Zendesk", "--team", "virtual-assistant=Dewi", "--owner", "Sari",
    "--languages", "id,en",
]
WOO_SHOP = [
    "--name", "Hyggelig Hjem", "--country", "DK", "--channels", "woocommerce", "--tool", "shipping=Shipmondo",
    "--team", "warehouse=Jonas", "--owner", "Mette", "--languages", "da,en",
]


def _init(folder: Path, answers: list[str], *more: str) -> tuple[Path, Path, object]:
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--effective", "2027-03-01", *answers, *more])
    assert result.exit_code == 0, result.output
    return profile, folder / "shop-flow.yaml", result


def _flow(path: Path) -> FlowBlueprint:
    [flow] = load_library([path]).flows
    return flow


def _titles(flow: FlowBlueprint) -> list[str]:
    return [lane.title for lane in flow.lanes] + [step.title for step in flow.steps]


def _names_no_other_channel(flow: FlowBlueprint, channels: set[str]) -> None:
    """No lane or step names a channel the shop does not sell on."""
    own_names = {CHANNELS[channel][0] for channel in channels}
    others = {name for channel, (name, _kind) in CHANNELS.items() if channel not in channels and name not in own_names}
    for title in _titles(flow):
        for name in others:
            assert name not in title, (name, title)


def _analysis(path: Path) -> dict:
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_readme_shop_gets_its_own_flow_next_to_its_profile(tmp_path: Path):
    profile, flow_path, result = _init(tmp_path, README_SHOP)
    assert "flow: shop-flow.yaml" in profile.read_text(encoding="utf-8")
    assert "shop-flow.yaml" in result.stdout
    validated = CliRunner().invoke(app, ["validate", str(flow_path)])
    assert validated.exit_code == 0, validated.output
    flow = _flow(flow_path)
    # In the profile's first language, in the shop's own words: never translated.
    assert flow.language == "id" and flow.title == "Alur pesanan Toko Batik Sari"
    lanes = [lane.title for lane in flow.lanes]
    assert lanes == [
        "Pelanggan", "Tokopedia", "Shopee", "WhatsApp", "Dewi (asisten virtual)", "Sari (pemilik toko)", "Shipper", "Kurir", "Zendesk",
    ]
    _names_no_other_channel(flow, {"tokopedia", "shopee", "whatsapp"})
    people = [lane for lane in flow.lanes if lane.type == "person" and lane.id not in ("customer", "carrier")]
    assert [lane.title.split(" ")[0] for lane in people] == ["Dewi", "Sari"]
    steps = {step.id: step for step in flow.steps}
    # A marketplace order is arranged in the seller centre; a chat order is confirmed and paid by transfer or COD.
    assert steps["tokopedia-arrange"].lane == "dewi" and steps["shopee-arrange"].lane == "dewi"
    assert {"whatsapp-transfer", "whatsapp-check-transfer", "whatsapp-check-cod"} <= set(steps)
    assert steps["whatsapp-check-transfer"].lane == "sari"  # the owner has the bank account, not the remote assistant
    # The shipping tool makes the chat orders' labels; the marketplaces print their own.
    assert steps["whatsapp-enter-shipment"].title == "Ketik alamat ke Shipper dan cetak label"
    assert steps["whatsapp-label"].lane == "shipping-tool"
    assert steps["pack"].lane == "sari"  # a virtual assistant does not pack parcels
    assert steps["ticket"].lane == "helpdesk-tool" and steps["answer"].title == "Balas tiket di Zendesk"
    figures = _analysis(flow_path)
    assert figures["manual_handoffs"] >= 10
    assert figures["bottleneck"]["step"] == "pack"


def test_the_flow_file_says_what_to_correct_in_the_profile_language(tmp_path: Path):
    _profile, flow_path, _result = _init(tmp_path, README_SHOP)
    text = flow_path.read_text(encoding="utf-8")
    assert text.startswith("# Alur pesanan Toko Batik Sari saat ini.\n# Ditulis oleh sopgen dari profil")
    assert "handling: 1.5m  # perkiraan\n" in text and "volume: 20  # perkiraan\n" in text
    assert "# Tokopedia: pesanan yang masuk sebelum pukul 12.00" in text
    assert "# Sari dianggap sebagai pemilik toko karena profil menyebut Sari sebagai pemilik SOP." in text
    assert all(len(line) <= 100 for line in text.splitlines() if line.lstrip().startswith("#"))
    assert yaml.safe_load(text)["kind"] == "flow"


def test_a_woocommerce_shop_with_a_shipping_tool(tmp_path: Path):
    _profile, flow_path, result = _init(tmp_path / "tool", WOO_SHOP)
    assert result.stderr == ""  # everyone the flow needs is on the team
    flow = _flow(flow_path)
    assert flow.language == "da"
    assert [lane.title for lane in flow.lanes] == [
        "Kunde", "WooCommerce", "Jonas (lager- og pakkemedarbejdere)", "Mette (webshopejer)", "Shipmondo", "GLS, PostNord og dao",
    ]
    _names_no_other_channel(flow, {"woocommerce"})
    steps = {step.id: step for step in flow.steps}
    assert steps["woocommerce-order"].title == "Kunden bestiller og betaler i checkout"
    assert steps["woocommerce-imported"].lane == "shipping-tool" and steps["woocommerce-imported"].title == "Ordren importeres i Shipmondo"
    assert steps["woocommerce-print-label"].title == "Udskriv labelen i Shipmondo"
    assert steps["woocommerce-tracking"].lane == "shipping-tool"
    assert steps["woocommerce-capture"].lane == "woocommerce"  # Danish rule: the card payment is captured at dispatch
    assert "woocommerce-copy-address" not in steps
    assert steps["pack"].lane == "jonas"
    # Without the tool, someone copies every address by hand, and that is where the time goes.
    _profile, by_hand_path, _result = _init(tmp_path / "hand", [*WOO_SHOP[:6], *WOO_SHOP[8:]])
    by_hand = {step.id: step for step in _flow(by_hand_path).steps}
    assert by_hand["woocommerce-copy-address"].title == "Kopiér adressen til fragtfirmaets hjemmeside, og udskriv labelen"
    assert by_hand["woocommerce-tracking"].lane == "mette" and "woocommerce-imported" not in by_hand
    assert _analysis(by_hand_path)["bottleneck"]["step"] == "woocommerce-copy-address"
    assert _analysis(flow_path)["bottleneck"]["utilization"] < _analysis(by_hand_path)["bottleneck"]["utilization"]


def test_flow_new_writes_the_same_flow_without_a_profile(tmp_path: Path):
    _profile, from_init, _result = _init(tmp_path, README_SHOP)
    out = tmp_path / "consultant.yaml"
    options = [
        "--name", "Toko Batik Sari", "--country", "ID", "--channels", "tokopedia,shopee,whatsapp", "--tool", "shipping=Shipper",
        "--tool", "helpdesk=Zendesk", "--team", "va=Dewi", "--owner", "Sari", "--lang", "id",
    ]
    result = CliRunner().invoke(app, ["flow", "new", *options, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}; draw it with: sopgen flow {out}\n"
    assert _flow(out).model_dump() == _flow(from_init).model_dump()
    # From the profile as well: the same flow.
    again = tmp_path / "again.yaml"
    result = CliRunner().invoke(app, ["flow", "new", "--profile", str(tmp_path / "shop.yaml"), "--out", str(again)])
    assert result.exit_code == 0, result.output
    assert _flow(again).model_dump() == _flow(from_init).model_dump()


def test_flow_new_follows_lang_and_needs_no_country(tmp_path: Path):
    out = tmp_path / "flow.yaml"
    result = CliRunner().invoke(app, ["flow", "new", "--channels", "shopify,instagram", "--team", "owner=Ana", "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    flow = _flow(out)
    assert flow.title == "Current order flow" and flow.id == "order-flow"
    steps = {step.id: step for step in flow.steps}
    assert steps["instagram-order"].title == "Customer orders by message on Instagram"
    assert steps["instagram-inbox"].lane == "instagram"
    # No country: no country's rules (no Danish capture step, no Indonesian COD).
    assert "shopify-capture" not in steps and "instagram-check-cod" not in steps
    assert [lane.title for lane in flow.lanes][-1] == "Couriers"
    chinese = tmp_path / "tw.yaml"
    result = CliRunner().invoke(
        app, ["flow", "new", "--channels", "shopee-tw,line", "--country", "TW", "--team", "shop-owner=阿明", "--name", "山居茶坊", "--out", str(chinese)]
    )
    assert result.exit_code == 0, result.output
    flow = _flow(chinese)  # the country's language when --lang is not given
    assert flow.language == "zh-TW" and flow.title == "山居茶坊的訂單流程"
    assert "阿明（老闆）" in [lane.title for lane in flow.lanes]


def test_a_taiwanese_shop_ships_to_convenience_stores(tmp_path: Path):
    out = tmp_path / "flow.yaml"
    options = ["--channels", "shopee-tw,own-webshop", "--country", "TW", "--team", "shop-owner=Ming", "--lang", "en", "--out", str(out)]
    result = CliRunner().invoke(app, ["flow", "new", *options])
    assert result.exit_code == 0, result.output
    flow = _flow(out)
    steps = {step.id: step for step in flow.steps}
    assert steps["store-drop"].title == "Drop the parcel at a convenience store"
    assert steps["at-store"].lane == "pickup-stores" and flow.lane_of(steps["at-store"]).title == "7-ELEVEN and FamilyMart"
    assert steps["collect"].title == "Customer collects the parcel and pays at the store"  # the country's cvs-cod
    assert steps["fetch-uncollected"].share < 0.1
    assert steps["courier-pickup"].share + steps["store-drop"].share == pytest.approx(1.0)


def test_a_team_without_a_packer_is_asked_who_packs(tmp_path: Path):
    out = tmp_path / "flow.yaml"
    result = CliRunner().invoke(app, ["flow", "new", "--channels", "shopify", "--team", "va=Rina", "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning: the profile's team names nobody for packing the parcels and checking" not in result.stderr
    assert f"{out}: warning: the profile's team names nobody for packing the parcels: the flow asks who, in a lane for each" in result.stderr
    flow = _flow(out)
    assert [lane.title for lane in flow.lanes if lane.type == "person"] == ["Customer", "Rina (virtual assistant)", "Who packs the parcels?", "Couriers"]
    assert flow.lane_of(flow.step("pack")).title == "Who packs the parcels?"
    assert "# The profile's team names nobody for packing the parcels: write the person's name" in out.read_text(encoding="utf-8")
    # Saying who packs settles it.
    settled = tmp_path / "settled.yaml"
    result = CliRunner().invoke(
        app, ["flow", "new", "--channels", "shopify", "--team", "va=Rina", "--packer", "Rina", "--lang", "en", "--out", str(settled)]
    )
    assert result.exit_code == 0 and result.stderr == ""
    assert _flow(settled).step("pack").lane == "rina"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--channels", "myspace"], "--channels: error: 'myspace' is not a known sales channel\n"),
        (["--channels", "shopify", "--tool", "shiping=Shipmondo"], "--tool: error: 'shiping' is not a known tool\n  hint: did you mean 'shipping'?\n"),
        (["--channels", "shopify", "--team", "warehouse=Jonas", "--packer", "bookkeeper"], "--packer: error: nobody on the team is 'bookkeeper'\n"),
        (["--channels", "shopify", "--labels", "printer"], "--labels: error: 'printer' is not a way of making labels\n"),
        (["--channels", "shopify", "--orders-per-day", "0"], "--orders-per-day: error: give a number of orders from 1 to 1,000,000\n"),
        (["--channels", "shopify", "--country", "XX"], "--country: error: 'XX' is not a country code\n"),
        ([], "--channels: error: name the shop's sales channels\n"),
    ],
)
def test_bad_input_is_one_error_and_nothing_is_written(tmp_path: Path, options: list[str], message: str):
    out = tmp_path / "flow.yaml"
    result = CliRunner().invoke(app, ["flow", "new", *options, "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not out.exists()


def test_init_writes_neither_file_when_the_flow_cannot_be_made(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--name", "X", "--packer", "warehouse"])
    assert result.exit_code == 2
    assert result.stderr.startswith("--packer: error: nobody on the team is 'warehouse'\n")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "shop-flow.yaml").write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--name", "X"])
    assert result.exit_code == 2 and "shop-flow.yaml: error: already exists" in result.stderr
    assert not profile.exists()


def test_a_shop_without_a_sales_channel_has_no_order_flow(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    result = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--name", "X", "--channels", ""])
    assert result.exit_code == 2
    assert result.stderr.startswith("--channels: error: the profile names no sales channel, and an order flow starts where the orders come in\n")
    assert list(tmp_path.iterdir()) == []


def test_flow_new_leaves_drawing_a_flow_as_it_was(tmp_path: Path):
    # A file whose name starts with "new" is a flow to draw, not the `new` command.
    flow = tmp_path / "new.yaml"
    assert CliRunner().invoke(app, ["flow", "new", "--channels", "etsy", "--lang", "en", "--out", str(flow)]).exit_code == 0
    chart = tmp_path / "chart.dot"
    result = CliRunner().invoke(app, ["flow", str(flow), "--format", "dot", "--out", str(chart)])
    assert result.exit_code == 0, result.output
    assert chart.read_text(encoding="utf-8").startswith("digraph")
    result = CliRunner().invoke(app, ["flow", "shopify-owner-va", "--lang", "en", "--out", str(tmp_path / "demo.dot")])
    assert result.exit_code == 0, result.output
    help_text = CliRunner().invoke(app, ["flow", "new", "--help"])
    assert help_text.exit_code == 0 and "flow new [OPTIONS]" in help_text.stdout and "--packer" in help_text.stdout


def test_a_flow_in_its_own_words_is_drawn_as_written(tmp_path: Path):
    out = tmp_path / "flow.yaml"
    assert CliRunner().invoke(app, ["flow", "new", "--channels", "shopify", "--country", "DK", "--out", str(out)]).exit_code == 0
    result = CliRunner().invoke(app, ["flow", str(out), "--lang", "en", "--format", "dot", "--out", str(tmp_path / "chart.dot"), "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # Danish texts drawn in an English chart: nothing to translate, nothing missing
    assert "Pluk og pak pakken" in (tmp_path / "chart.dot").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(out.read_text(encoding="utf-8").replace("language: da", "language: fr"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(broken)])
    assert result.exit_code == 2
    assert "language: 'fr' is not a known language\n  hint: choose one of: da, en, zh-TW, id" in result.stderr

"""A shop's pack shows the shop's own order flow: in the SOPs that embed a flow, the charts, the index and the handbook."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from typer.testing import CliRunner

import docx
from sopgen.cli.app import app

SHOPS = {
    # The README's example: Tokopedia, Shopee and WhatsApp, a virtual assistant and the owner.
    "readme": [
        "--name", "Toko Batik Sari", "--country", "ID", "--channels", "tokopedia,shopee,whatsapp",
        "--tool", "shipping=Shipper", "--tool", "helpdesk=Zendesk", "--team", "virtual-assistant=Dewi", "--owner", "Sari",
        "--languages", "id,en",
    ],
    # A Danish WooCommerce shop with a shipping tool.
    "woo": [
        "--name", "Hyggelig Hjem", "--country", "DK", "--channels", "woocommerce", "--tool", "shipping=Shipmondo",
        "--team", "warehouse=Jonas", "--owner", "Mette", "--languages", "da,en",
    ],
}
SOPS_WITH_A_FLOW = ("SOP-SAL-001-order-processing", "SOP-SAL-002-shipping", "SOP-PST-003-returns-refunds")
DEMO_FLOW_WORDS = ("Shopify", "small Shopify shop", "Indonesian seller on Tokopedia", "Returns and refunds flow of a small web shop")


@functools.cache
def _pack(shop: str) -> tuple[Path, str]:
    """The shop made with `init`, then its pack as `sopgen pack --profile` writes it (every language of the profile)."""
    folder = Path(tempfile.mkdtemp(prefix=f"sopgen-own-flow-{shop}-"))
    profile = folder / "shop.yaml"
    made = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--effective", "2027-03-01", *SHOPS[shop]])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(app, ["pack", "--profile", str(profile), "--out", str(folder / "pack")])
    assert result.exit_code == 0, result.output
    return folder, result.stderr


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in (*section.header.paragraphs, *section.footer.paragraphs)]
    return "\n".join(parts)


def _pictures(path: Path) -> int:
    return len(docx.Document(str(path)).inline_shapes)


def _check_pack(shop: str, title: str, tag: str, flow_id: str) -> Path:
    """The pack embeds the shop's own flow wherever an SOP shows a flow, lists only it, and never names Shopify."""
    folder, stderr = _pack(shop)
    pack = folder / "pack"
    assert "order flow of its own" not in stderr
    for language in (tag, "en"):
        assert sorted(path.name for path in (pack / language / "charts").iterdir()) == [f"{flow_id}.{extension}" for extension in ("bpmn", "drawio", "png", "svg")]
        for name in SOPS_WITH_A_FLOW:
            [document] = pack.glob(f"{language}/*/{name}.docx")
            assert title in _text(document), (document, "the caption names the shop's flow")
            assert _pictures(document) >= 1
        assert title in _text(pack / language / f"handbook-{language}.docx")
    index = (pack / "index.html").read_text(encoding="utf-8")
    assert f"charts/{flow_id}.svg" in index and "shopify-owner-va" not in index and "marketplace-seller-id" not in index
    documents = sorted(pack.rglob("*.docx"))
    assert len(documents) > 40  # two languages
    for document in documents:  # every document of a shop without Shopify
        text = _text(document)
        for words in DEMO_FLOW_WORDS:
            assert words not in text, (document.relative_to(folder), words)
    return pack


def test_the_readme_shop_pack_shows_its_own_flow():
    pack = _check_pack("readme", "Alur pesanan Toko Batik Sari", "id", "toko-batik-sari-order-flow")
    chart = (pack / "en" / "charts" / "toko-batik-sari-order-flow.svg").read_text(encoding="utf-8")
    for name in ("Tokopedia", "Shopee", "WhatsApp", "Dewi", "Sari", "Shipper", "Zendesk"):
        assert name in chart
    for name in ("Shopify", "Lazada", "Virtual assistant", "Shop owner"):
        assert name not in chart


def test_the_woocommerce_shop_pack_shows_its_own_flow():
    pack = _check_pack("woo", "Ordreflow hos Hyggelig Hjem", "da", "hyggelig-hjem-order-flow")
    chart = (pack / "da" / "charts" / "hyggelig-hjem-order-flow.svg").read_text(encoding="utf-8")
    for name in ("WooCommerce", "Jonas", "Mette", "Shipmondo"):
        assert name in chart


def test_a_profile_without_a_flow_of_its_own_is_told_once_and_embeds_none(tmp_path: Path):
    profile = tmp_path / "old.yaml"
    made = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), "--effective", "2027-03-01", *SHOPS["woo"], "--force"])
    assert made.exit_code == 0, made.output
    # A profile from before shops had their own flows: no `flow:` line.
    profile.write_text("".join(line for line in profile.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("flow:")), encoding="utf-8")
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--profile", str(profile), "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    warning = f"{profile}: warning: the profile names no order flow of its own, so the SOPs show no flowchart"
    assert result.stderr.count(warning) == 1
    assert f"hint: write one with 'sopgen flow new --profile {profile} --out {tmp_path / 'old-flow.yaml'}', then add 'flow: old-flow.yaml'" in result.stderr
    assert not (out / "en" / "charts").exists()
    for name in SOPS_WITH_A_FLOW:
        [document] = out.glob(f"en/*/{name}.docx")
        assert _pictures(document) == 0
        assert "Order flow of a small Shopify shop" not in _text(document)
    assert "Order-flow charts" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_flow_file_that_was_moved_is_an_error_and_nothing_is_written(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    made = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *SHOPS["woo"]])
    assert made.exit_code == 0, made.output
    (tmp_path / "shop-flow.yaml").rename(tmp_path / "elsewhere.yaml")
    line = profile.read_text(encoding="utf-8").splitlines().index("flow: shop-flow.yaml") + 1
    for command in (["pack", "--profile", str(profile), "--out", str(tmp_path / "pack")], ["sop", "shipping", "--profile", str(profile), "--out", str(tmp_path / "sop")]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2
        assert result.stderr.lstrip("\n") == (
            f"{profile}:{line}: error: the order flow 'shop-flow.yaml' named here is not there\n"
            f"  hint: put it back next to the profile, or write a new one: sopgen flow new --profile {profile} --out {tmp_path / 'shop-flow.yaml'}\n"
        )
    assert not (tmp_path / "pack").exists() and not (tmp_path / "sop").exists()


def test_one_sop_embeds_the_shops_flow_and_the_demo_pack_keeps_the_demo_flows(tmp_path: Path):
    profile = tmp_path / "shop.yaml"
    made = CliRunner().invoke(app, ["init", "--no-input", "--out", str(profile), *SHOPS["woo"]])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(app, ["sop", "order-processing", "--profile", str(profile), "--lang", "en", "--out", str(tmp_path / "sop")])
    assert result.exit_code == 0, result.output
    [document] = (tmp_path / "sop").glob("*.docx")
    assert "Ordreflow hos Hyggelig Hjem" in _text(document)
    from sopgen.build.pack import load_run
    from sopgen.build.sessions import RunSettings

    library, _profile, warnings = load_run(RunSettings())
    assert [flow.id for flow in library.flows] == ["marketplace-seller-id", "returns-refunds-flow", "shopify-owner-va"] and warnings == []
    assert library.sop("order-processing").flow == "shopify-owner-va"

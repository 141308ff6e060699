"""The bilingual edition (`--lang da+id`): both languages of every heading, step, table cell and chart label, each run tagged."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from typer.testing import CliRunner

import docx
from sopgen.build.bilingual import BilingualSession
from sopgen.build.pack import plan
from sopgen.build.sessions import RunSettings
from sopgen.build.sop_documents import write_sop_documents
from sopgen.cli.app import app
from sopgen.docx.bilingual import ShapeMismatch, paired_document
from sopgen.docx.sop import render_sop

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGUAGES = {"da": "da-DK", "id": "id-ID", "zh_Hant_TW": "zh-TW", "en": "en-US"}


@pytest.fixture(scope="module")
def order_processing(tmp_path_factory) -> dict[str, docx.document.Document]:
    """order-processing in Danish, in Indonesian and as the da+id edition, written the way `sopgen sop` writes them."""
    out = tmp_path_factory.mktemp("bilingual")
    written, _warnings = write_sop_documents("order-processing", RunSettings(strict=True), ("da", "id", "da+id"), out, False)
    by_tag = {path.name.split(".")[-2]: docx.Document(str(path)) for path in written}
    assert set(by_tag) == {"da", "id", "da+id"}, [path.name for path in written]
    return by_tag


def _language(run) -> str | None:
    """The language proofing sees for a run: the East Asian tag for Chinese runs, else the Latin one."""
    tag = run.find(f"{W}rPr/{W}lang")
    if tag is None:
        return None
    return tag.get(f"{W}eastAsia") or tag.get(f"{W}val")


def _runs(element) -> list:
    return [run for run in element.iter(f"{W}r") if "".join(t.text or "" for t in run.iter(f"{W}t"))]


def _text(element, language: str | None = None) -> str:
    """The text of `element`'s runs, only those tagged `language` when it is given."""
    return "".join(
        t.text or "" for run in element.iter(f"{W}r") if language is None or _language(run) == language for t in run.iter(f"{W}t")
    )


def _style(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def _headings(document) -> list:
    return [p for p in document.element.body.iter(f"{W}p") if re.match(r"Heading\d|Title$", _style(p))]


def _content_tables(document) -> list:
    """The document's own tables (styled), not the borderless tables that set the languages side by side."""
    return [table for table in document.element.body.iter(f"{W}tbl") if table.find(f"{W}tblPr/{W}tblStyle") is not None]


def test_every_heading_in_both_languages_each_run_tagged(order_processing):
    bilingual = _headings(order_processing["da+id"])
    for tag in ("da", "id"):
        expected = [_text(p) for p in _headings(order_processing[tag])]
        found = [_text(p, LANGUAGES[tag]).strip(" /") for p in bilingual]
        assert found == expected, tag
    # still real headings, one per heading of each rendering, so contents and navigation work
    assert len(bilingual) == len(_headings(order_processing["da"])) > 10


def test_every_procedure_step_in_both_languages_side_by_side(order_processing):
    def steps(document) -> list[tuple[str, str]]:
        numbered = [p for p in document.element.body.iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None and _style(p).startswith("ListNumber")]
        return [(_text(_runs(p)[0]), _language(_runs(p)[0])) for p in numbered]

    danish, indonesian, both = (steps(order_processing[tag]) for tag in ("da", "id", "da+id"))
    assert len(danish) == len(indonesian) > 10
    assert both == [pair for pairs in zip(danish, indonesian) for pair in pairs]  # left, right, left, right…
    assert {language for _title, language in both} == {"da-DK", "id-ID"}
    # each language counts its own steps: the Indonesian column has list instances of its own
    bilingual = order_processing["da+id"].element.body
    numbered = [p for p in bilingual.iter(f"{W}p") if _style(p).startswith("ListNumber")]
    list_ids = {_language(_runs(p)[0]): p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in numbered if _runs(p)}
    assert list_ids["da-DK"] != list_ids["id-ID"]


def test_every_table_cell_in_both_languages(order_processing):
    tables = {tag: _content_tables(order_processing[tag]) for tag in ("da", "id", "da+id")}
    assert len(tables["da"]) == len(tables["id"]) == len(tables["da+id"]) > 5
    checked = 0
    for danish, indonesian, both in zip(tables["da"], tables["id"], tables["da+id"]):
        cells = [[row.findall(f"{W}tc") for row in table.findall(f"{W}tr")] for table in (danish, indonesian, both)]
        for row_da, row_id, row_both in zip(*cells):
            assert len(row_da) == len(row_id) == len(row_both)
            for cell_da, cell_id, cell_both in zip(row_da, row_id, row_both):
                if _text(cell_da) == _text(cell_id):  # a name, an ID, a version: once
                    assert _text(cell_both) == _text(cell_da)
                    continue
                assert _text(cell_both, "da-DK") == _text(cell_da)
                assert _text(cell_both, "id-ID") == _text(cell_id)
                checked += 1
    assert checked > 50


def test_header_footer_and_title_in_both_languages(order_processing):
    document = order_processing["da+id"]
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Version 1.0" in header and "Versi 1.0" in header
    assert "Udskrevne kopier" in footer and "Salinan cetak" in footer
    assert document.core_properties.title == "Ordrehåndtering / Pemrosesan pesanan"


def test_every_run_carries_its_language(order_processing):
    body = order_processing["da+id"].element.body
    languages = [_language(run) for run in _runs(body)]
    assert None not in languages
    assert languages.count("da-DK") > 100 and languages.count("id-ID") > 100
    # dates in each language's own format, in its own runs
    assert "1. december 2026" in _text(body, "da-DK") and "1 Desember 2026" in _text(body, "id-ID")


def test_a_chinese_pair_sets_chinese_runs_in_the_east_asian_font(tmp_path: Path):
    written, _warnings = write_sop_documents("returns-refunds", RunSettings(strict=True), ("zh_Hant_TW+id",), tmp_path, False)
    assert [path.name for path in written] == ["SOP-PST-003-returns-refunds.zh-TW+id.docx"]
    body = docx.Document(str(written[0])).element.body
    chinese = [run for run in _runs(body) if _language(run) == "zh-TW"]
    assert len(chinese) > 100
    assert all(run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for run in chinese)
    assert "退貨" in _text(body, "zh-TW") and "Retur" in _text(body, "id-ID")


def test_the_chart_labels_carry_both_languages(library, demo_profile, order_processing):
    session = BilingualSession.create(library, demo_profile, "da+id", RunSettings(strict=True))
    flow = library.flow(library.sop("order-processing").flow)
    svg = ElementTree.fromstring(session.chart(flow, "svg"))
    # wrapped lines run together: a word the chart hyphenates or breaks between lines still counts
    drawn = "".join("".join(node.itertext()) for node in svg.iter("{http://www.w3.org/2000/svg}text"))
    drawn = "".join(drawn.split()).replace("-", "")
    for single in (session.first, session.second):
        localized, _analysis = single.flow(flow)
        for text in [step.title for step in localized.steps] + [lane.title for lane in localized.lanes]:
            assert "".join(text.split()).replace("-", "") in drawn, text
    danish, indonesian = ("".join(single.flow(flow)[0].steps[0].title.split()).replace("-", "") for single in (session.first, session.second))
    assert drawn.index(danish) < drawn.index(indonesian)  # the first language first
    # the document embeds this very chart, folded to its page, not a one-language one
    embedded = [part.blob for part in order_processing["da+id"].part.package.iter_parts() if part.partname.endswith(".svg")]
    pages = session.document_chart_pages(flow).pictures
    assert embedded == [page.svg for page in pages]
    on_pages = "".join("".join(node.itertext()) for page in pages for node in ElementTree.fromstring(page.svg).iter("{http://www.w3.org/2000/svg}text"))
    on_pages = "".join(on_pages.split()).replace("-", "")
    assert danish in on_pages and indonesian in on_pages


def test_renderings_of_different_shape_are_refused(library, demo_profile):
    session = BilingualSession.create(library, demo_profile, "da+id", RunSettings())
    one = render_sop(session.first.sop_view(library.sop("order-processing")), session.first.options)
    other = render_sop(session.second.sop_view(library.sop("data-protection")), session.second.options)
    with pytest.raises(ShapeMismatch):
        paired_document(one, other)


def test_pack_plans_single_language_folders_and_the_pair_folder(library, demo_profile):
    items, _skipped = plan(library, demo_profile, ("da", "en", "da+id"))
    folders = {item.relative.split("/")[0] for item in items}
    assert folders == {"da", "en", "da+id"}
    pair = [item.relative for item in items if item.locale == "da+id"]
    danish = [item.relative for item in items if item.locale == "da" and item.kind != "export"]
    assert pair == [path.replace("da/", "da+id/", 1).replace("-da.docx", "-da+id.docx") for path in danish]


@pytest.mark.slow
def test_pack_writes_the_pair_folder_and_the_manifest_lists_it(tmp_path: Path):
    out = tmp_path / "pack"
    result = CliRunner().invoke(app, ["pack", "--lang", "da+id", "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "da+id"
    sops = sorted(folder.glob("*/SOP-*.docx"))
    assert len(sops) > 20
    assert (folder / "handbook-da+id.docx").is_file() and (folder / "message-templates-da+id.docx").is_file()
    manifest = json.loads((out / ".sopgen-manifest.json").read_text(encoding="utf-8"))
    listed = json.dumps(manifest)
    for path in [*sops, folder / "handbook-da+id.docx"]:
        assert path.relative_to(out).as_posix() in listed
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="da+id/handbook-da+id.docx"' in index and "Dansk + Indonesia" in index
    assert '<section id="da+id" lang="da">' in index and 'href="#da+id"' in index
    handbook = docx.Document(str(folder / "handbook-da+id.docx"))
    headings = [_text(p) for p in _headings(handbook)]
    assert "Indledning / Pendahuluan" in headings
    assert any(_text(table, "id-ID") for table in _content_tables(handbook))


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("da+da", "names the same language twice"),
        ("da+xx", "unknown language 'xx'"),
        ("da+id+en", "names more than two languages"),
        ("da,id+", "unknown language"),
    ],
)
@pytest.mark.parametrize("command", [["sop", "order-processing"], ["pack"]])
def test_bad_pairs_are_refused_before_anything_is_written(tmp_path: Path, command: list[str], lang: str, message: str):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, [*command, "--lang", lang, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["flow", "shopify-owner-va", "--lang", "da+id", "--out", "chart.svg"],
        ["analyze", "shopify-owner-va", "--lang", "da+id"],
        ["init", "--no-input", "--name", "X", "--country", "DK", "--languages", "da+id", "--out", "shop.yaml"],
        ["i18n", "check", "--lang", "da+id"],
    ],
)
def test_a_pair_is_refused_where_only_one_language_makes_sense(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2, result.output
    assert "asks for a bilingual edition" in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_pair_led_by_a_latin_language_sets_the_chinese_font_in_the_styles_too(tmp_path: Path):
    written, _warnings = write_sop_documents("payments", RunSettings(strict=True, east_asian_font="Noto Sans CJK TC"), ("da+zh_Hant_TW",), tmp_path, False)
    document = docx.Document(str(written[0]))
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "Noto Sans CJK TC"
    assert document.settings.element.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-TW"
    body = document.element.body
    assert len([run for run in _runs(body) if _language(run) == "zh-TW"]) > 50
    assert len([run for run in _runs(body) if _language(run) == "da-DK"]) > 50

"""`sopgen flow --format pdf --paper …`: pages of that paper with the chart folded onto them; PNGs never shrunk without a word."""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from sample_flows import chain_flow
from sopgen.analysis.figures import analyse
from sopgen.blueprints.library import resolve_flow
from sopgen.charts.folding import MIN_PRINT_POINTS
from sopgen.charts.graphviz_run import PAPER_SIZES, PNG_LIMIT
from sopgen.charts.paper import PAPER_MARGIN, paper_chart
from sopgen.cli.app import app
from sopgen.i18n.localizer import Localizer


@pytest.mark.parametrize("paper", ["a4", "a3", "letter"])
def test_paper_pages_are_landscape_pages_of_that_size_in_order(tmp_path: Path, paper: str):
    out = tmp_path / "returns.pdf"
    result = CliRunner().invoke(app, ["flow", "returns-refunds-flow", "--format", "pdf", "--paper", paper, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    pages = PdfReader(out).pages
    assert len(pages) > 1
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(PAPER_SIZES[paper], abs=0.01)
    texts = [page.extract_text() for page in pages]
    for number, text in enumerate(texts, start=1):
        assert f"part {number} of {len(pages)}" in text
    leaving = [set(re.findall(r"→\s*([A-Z])\b", text)) for text in texts]
    arriving = [set(re.findall(r"\b([A-Z])\s*→", text)) for text in texts]
    assert set().union(*leaving) == set().union(*arriving) != set()
    assert "Lead time" in texts[0] and not any("Lead time" in text for text in texts[1:])  # the key figures once, on page 1


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_page_keeps_its_smallest_text_at_6_points_and_within_the_margins(paper: str):
    flow = resolve_flow("returns-refunds-flow")
    data, folded = paper_chart(flow, analyse(flow), Localizer.for_locale("en"), paper)
    width, height = PAPER_SIZES[paper]
    for page in folded.pages:
        assert page.smallest_font * folded.scale >= MIN_PRINT_POINTS - 0.01
        printed_width, printed_height = folded.print_size(page)
        assert printed_width <= width - 2 * PAPER_MARGIN + 0.5 and printed_height <= height - 2 * PAPER_MARGIN + 0.5
    assert len(PdfReader(io.BytesIO(data)).pages) == len(folded.pages)
    assert paper_chart(flow, analyse(flow), Localizer.for_locale("en"), paper)[0] == data  # the same bytes every time


def test_without_paper_the_pdf_is_one_page_as_big_as_the_chart(tmp_path: Path):
    out = tmp_path / "returns.pdf"
    result = CliRunner().invoke(app, ["flow", "returns-refunds-flow", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    (page,) = PdfReader(out).pages
    assert float(page.mediabox.width) > 2000


def test_an_unknown_paper_is_refused_with_the_choices(tmp_path: Path):
    result = CliRunner().invoke(app, ["flow", "returns-refunds-flow", "--format", "pdf", "--paper", "a5", "--out", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert result.stderr == "--paper: error: unknown paper size 'a5'\n  hint: choose one of: a4, a3, letter\n"
    assert not (tmp_path / "x.pdf").exists()


def test_paper_needs_a_pdf(tmp_path: Path):
    result = CliRunner().invoke(app, ["flow", "returns-refunds-flow", "--format", "svg", "--paper", "a4", "--out", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "--paper is for PDF charts, but the format is svg" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_a_png_too_big_for_graphviz_is_drawn_at_a_lower_resolution_with_a_warning(tmp_path: Path):
    source = tmp_path / "long.yaml"
    source.write_text(chain_flow(200, 4), encoding="utf-8")
    out = tmp_path / "long.png"
    result = CliRunner().invoke(app, ["flow", str(source), "--format", "png", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert max(width, height) <= PNG_LIMIT
    assert "warning: the PNG of 'chain-200' would be" in result.stderr and "--format svg" in result.stderr
    expected = re.search(r"would be (\d+) × (\d+) pixels.*drawn at ([\d.]+) dpi", result.stderr)
    assert expected is not None
    assert width == pytest.approx(int(expected[1]) * float(expected[3]) / 96, rel=0.02)  # shrunk by as much as it says, no more

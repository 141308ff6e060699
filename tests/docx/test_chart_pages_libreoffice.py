"""A folded flow chart as LibreOffice prints it: one band a landscape page, in order, the caption once after the last."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sopgen.build.sessions import PNG_FALLBACK_DPI, LanguageSession, RunSettings

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdfimages") is None or shutil.which("pdfinfo") is None, reason="needs poppler-utils"),
]


@pytest.fixture(scope="module")
def returns_pdf(library, demo_profile, tmp_path_factory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("chart-pages")
    session = LanguageSession.create(library, demo_profile, "en", RunSettings())
    sop = library.sop("returns-refunds")
    document = folder / "returns.docx"
    data = session.sop_document(sop)
    document.write_bytes(data)
    bands = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").count(b"<wp:inline")
    assert bands > 1
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(document)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = document.with_suffix(".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 0
    return pdf, bands


def test_each_band_prints_on_a_landscape_page_of_its_own_in_order(returns_pdf):
    pdf, bands = returns_pdf
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    images = [line.split() for line in listing if line.split()[2] == "image"]
    pages = [int(image[0]) for image in images]
    assert len(pages) == bands and pages == list(range(pages[0], pages[0] + bands))
    for image in images:
        assert float(image[12]) >= PNG_FALLBACK_DPI - 2  # dots per inch of paper, where a reader draws the PNG
    for page in pages:
        info = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(rf"Page\s+{page} size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert width > height
    text = subprocess.run(["pdftotext", "-f", str(pages[0]), "-l", str(pages[-1]), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages_text = text.split("\f")
    assert "Figure 1" in pages_text[len(pages) - 1] and not any("Figure 1" in page for page in pages_text[: len(pages) - 1])

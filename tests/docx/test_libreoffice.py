"""The documents open in LibreOffice: SOPs convert to PDF with every table row, the Chinese one with a CJK font."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sopgen.build import rendered_checks as checks
from sopgen.build.sop_views import sop_view
from sopgen.docx.package import document_bytes
from sopgen.docx.sop import render_sop
from sopgen.docx.views import DocxOptions
from sopgen.i18n.localizer import Localizer
from sopgen.localize.localization import Localization

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]
TIMESTAMP = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
CJK_FONT = re.compile(r"CJK|JhengHei|MingLiU|Ming|Hei|Song|Kai|WenQuanYi|Droid ?Sans ?Fallback|Source ?Han|AR ?PL", re.I)
EMBEDDED_FONT_NAME = re.compile(rb"/(?:BaseFont|FontName)\s*/([A-Za-z0-9+#_.-]+)")


def _localizer(locale: str) -> Localizer:
    if locale == "en":
        return Localizer.for_locale("en")
    return Localizer(locale, gettext.NullTranslations(), gettext.NullTranslations())


@pytest.fixture(scope="module")
def pdfs(library, demo_profile, tmp_path_factory) -> dict[str, Path]:
    """order-processing in English, Danish and Chinese (the shop renamed in Han characters), and the English
    data-protection SOP (whose roles table ran over a page), converted in one go."""
    folder = tmp_path_factory.mktemp("libreoffice")
    chinese_shop = demo_profile.model_copy(update={"shop": demo_profile.shop.model_copy(update={"name": "北光陶藝"})})
    documents = {}
    for locale, profile, sop in (
        ("en", demo_profile, "order-processing"),
        ("zh_Hant_TW", chinese_shop, "order-processing"),
        ("da", demo_profile, "order-processing"),
        ("en-data", demo_profile, "data-protection"),
    ):
        localizer = Localizer.for_locale(locale.split("-")[0]) if locale != "zh_Hant_TW" else _localizer(locale)
        view = sop_view(library.sop(sop), library, Localization(localizer, profile))
        path = folder / f"{sop}.{locale}.docx"
        path.write_bytes(document_bytes(render_sop(view, DocxOptions()), TIMESTAMP))
        documents[locale] = path
    profile_dir = folder / "lo-profile"  # a private profile: parallel test workers must not share one
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile_dir.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *map(str, documents.values())],
        capture_output=True,
        text=True,
        timeout=240,
    )
    converted = {locale: path.with_suffix(".pdf") for locale, path in documents.items()}
    missing = [str(pdf) for pdf in converted.values() if not pdf.is_file() or pdf.stat().st_size == 0]
    assert not missing, f"LibreOffice did not convert {missing}: {completed.stdout}{completed.stderr}"
    return converted


def embedded_fonts(pdf: Path) -> list[str]:
    """Font names in the PDF, by pdffonts when poppler-utils is there, else read from the file."""
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        return [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
    return sorted({name.decode("latin-1") for name in EMBEDDED_FONT_NAME.findall(pdf.read_bytes())})


def test_every_document_converts(pdfs):
    for pdf in pdfs.values():
        assert pdf.read_bytes().startswith(b"%PDF")


def test_the_chinese_pdf_embeds_a_cjk_font(pdfs):
    fonts = embedded_fonts(pdfs["zh_Hant_TW"])
    assert any(CJK_FONT.search(font) for font in fonts), fonts


@pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None, reason="needs poppler-utils")
def test_page_fields_are_filled(pdfs):
    pdf = pdfs["en"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "SOP-SAL-001" in text and "Document control" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_every_table_row_shows_in_the_pdf(pdfs):
    """Each table's rows, by their first cell, are in the PDF's text as often as in the document."""
    for locale, pdf in pdfs.items():
        document = checks.WordDocument.read(pdf.with_suffix(".docx").read_bytes())
        top, bottom = checks.margins_pt(document)
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
        pages = checks.body_page_texts(bbox, top, bottom)
        assert checks.missing_rows(document, "\n".join(pages)) == [], locale
        assert all(page.strip() for page in pages), f"{locale}: a page with nothing but its header and footer"

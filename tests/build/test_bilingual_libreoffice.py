"""A bilingual SOP opens in LibreOffice: its PDF shows both languages, side by side where the body text is."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sopgen.build.bilingual import BilingualSession
from sopgen.build.sessions import RunSettings
from sopgen.build.sop_documents import write_sop_documents

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils"),
]


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("bilingual-pdf")
    (path,), _warnings = write_sop_documents("order-processing", RunSettings(strict=True), ("da+id",), folder, False)
    profile_dir = folder / "lo-profile"  # a private profile: parallel test workers must not share one
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile_dir.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.is_file() and pdf.stat().st_size, f"LibreOffice did not convert {path}: {completed.stdout}{completed.stderr}"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_shows_headings_steps_and_cells_of_both_languages(pdf_text: str, library, demo_profile):
    flat = _flat(pdf_text)
    for heading in ("Formål / Tujuan", "Fremgangsmåde / Prosedur", "Roller og ansvar / Peran dan tanggung jawab"):
        assert heading in flat
    session = BilingualSession.create(library, demo_profile, "da+id", RunSettings(strict=True))
    sop = library.sop("order-processing")
    for single in (session.first, session.second):
        view = single.sop_view(sop)
        for step in view.sop.steps:
            assert _flat(step.title) in flat, step.title
        for description in view.role_descriptions.values():  # the roles table: every row, in both languages
            assert " ".join(description.split()[:3]) in flat, description


def test_the_two_languages_stand_side_by_side(pdf_text: str):
    # the first step's title in Danish and in Indonesian on one line of the page
    lines = pdf_text.splitlines()
    assert any("Åbn listen over nye ordrer" in line and "Buka daftar pesanan baru" in line for line in lines)
    assert "Side 1 af" in pdf_text and "Halaman 1 dari" in pdf_text

"""`--pdf`: a PDF beside every document, made by real LibreOffice, written whole and finished by a rerun; a clear error without it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ENVIRONMENT = {**os.environ, "SOPGEN_LANG": "en"}
GIFT_WRAP = (
    "kind: sop\nid: gift-wrap\nphase: sale\nnumber: 20\ntitle: Gift wrapping\n"
    "purpose: Every gift order leaves wrapped.\nscope: Orders with the gift option.\n"
    "roles: [warehouse]\nsteps:\n  - {id: wrap, title: Wrap the item}\n  - {id: ship, title: Hand over}\nreview_every: 1 year\n"
)


def _sopgen(*arguments: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sopgen", *arguments], capture_output=True, text=True, env=env or ENVIRONMENT, timeout=timeout)


def _pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        return pdf.read_bytes().decode("latin-1")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _own_blueprints(folder: Path) -> Path:
    own = folder / "mine"
    own.mkdir()
    (own / "gift-wrap.yaml").write_text(GIFT_WRAP, encoding="utf-8")
    return own


# ---------------------------------------------------------------- without LibreOffice


@pytest.mark.parametrize("command", [["sop", "order-processing"], ["pack", "--lang", "en"]])
def test_without_libreoffice_one_clear_error_and_nothing_written(tmp_path: Path, command: list[str]):
    empty = tmp_path / "bin"  # a PATH on which no soffice (and nothing else) can be found
    empty.mkdir()
    out = tmp_path / "out"
    result = _sopgen(*command, "--out", str(out), "--pdf", env={**ENVIRONMENT, "PATH": str(empty)})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("--pdf: error: LibreOffice is not installed (its 'soffice' program was not found)")
    assert "apt-get install libreoffice-writer" in result.stderr and "brew install --cask libreoffice" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists(), "nothing is written, not even the folder"


# ---------------------------------------------------------------- with LibreOffice


@pytest.fixture(scope="module")
def sop_pdfs(tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("sop-pdf")
    result = _sopgen("sop", "order-processing", "--lang", "en,da", "--out", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.libreoffice
def test_sop_pdf_beside_each_document(sop_pdfs: Path):
    names = sorted(path.name for path in sop_pdfs.iterdir() if not path.name.startswith("."))
    assert names == [
        "SOP-SAL-001-order-processing.da.docx", "SOP-SAL-001-order-processing.da.pdf",
        "SOP-SAL-001-order-processing.en.docx", "SOP-SAL-001-order-processing.en.pdf",
    ]  # fmt: skip
    english, danish = _pdf_text(sop_pdfs / names[3]), _pdf_text(sop_pdfs / names[1])
    assert sop_pdfs.joinpath(names[3]).read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert "Order processing" in english and "Revision history" in english
        assert "Ordrehåndtering" in danish and "Ændringslog" in danish


@pytest.mark.libreoffice
def test_the_manifest_lists_each_pdf_with_the_document_it_was_made_from(sop_pdfs: Path):
    import hashlib

    manifest = json.loads((sop_pdfs / ".sopgen-manifest.json").read_text())
    for language in ("en", "da"):
        document = f"SOP-SAL-001-order-processing.{language}.docx"
        pdf = document.replace(".docx", ".pdf")
        assert manifest[pdf]["sha256"] == hashlib.sha256((sop_pdfs / pdf).read_bytes()).hexdigest()
        assert manifest[pdf]["inputs"] == "pdf of " + manifest[document]["sha256"]


@pytest.mark.libreoffice
def test_a_rerun_makes_only_the_missing_pdf(sop_pdfs: Path, tmp_path: Path):
    out = tmp_path / "again"
    shutil.copytree(sop_pdfs, out)
    kept = out / "SOP-SAL-001-order-processing.en.pdf"
    before = kept.stat().st_mtime_ns
    (out / "SOP-SAL-001-order-processing.da.pdf").unlink()
    result = _sopgen("sop", "order-processing", "--lang", "en,da", "--out", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    assert (out / "SOP-SAL-001-order-processing.da.pdf").read_bytes().startswith(b"%PDF")
    assert kept.stat().st_mtime_ns == before, "a PDF made from the same document is not made again"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_stopped_while_converting_leaves_no_half_pdf_and_no_libreoffice(tmp_path: Path):
    out = tmp_path / "out"
    temporary = tmp_path / "tmp"  # LibreOffice's work folder lives here, so that its processes can be told from others'
    temporary.mkdir()
    environment = {**ENVIRONMENT, "TMPDIR": str(temporary)}
    command = [sys.executable, "-m", "sopgen", "sop", "order-processing", "--out", str(out), "--pdf"]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not _libreoffice_running(temporary) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
    if not _libreoffice_running(temporary):
        _stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"LibreOffice was not seen converting; the run ended first with exit code {process.returncode}: {stderr.decode(errors='replace')}")
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode != 0
    time.sleep(0.5)
    assert not _libreoffice_running(temporary), "LibreOffice ends with the run"
    assert not list(temporary.iterdir()), "its work folder is removed"
    assert not list(out.glob("*.pdf")) and not list(out.glob(".*.part"))
    finished = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=600)
    assert finished.returncode == 0, finished.stderr
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == 4


def _libreoffice_running(temporary: Path) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"soffice" in arguments and str(temporary).encode() in arguments:
                return True
    return False


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_pack_pdf_for_every_document(tmp_path: Path):
    own = _own_blueprints(tmp_path)
    out = tmp_path / "pack"
    result = _sopgen("pack", "--blueprints", str(own), "--lang", "en", "--out", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    documents = sorted(str(path.relative_to(out)) for path in out.rglob("*.docx"))
    pdfs = sorted(str(path.relative_to(out)) for path in out.rglob("*.pdf"))
    assert documents == ["en/handbook-en.docx", "en/sale/SOP-SAL-020-gift-wrap.docx"]
    assert pdfs == [document.replace(".docx", ".pdf") for document in documents]
    assert "2 Word documents, 2 PDFs," in result.stdout
    manifest = json.loads((out / ".sopgen-manifest.json").read_text())
    assert set(pdfs) <= set(manifest)
    if shutil.which("pdftotext"):
        assert "Gift wrapping" in _pdf_text(out / "en/sale/SOP-SAL-020-gift-wrap.pdf")


def test_a_conversion_over_its_time_is_ended_with_its_process_group(tmp_path: Path):
    from sopgen.build.pdf_documents import _run
    from sopgen.errors import OutputError

    marker = tmp_path / "still-running"
    script = f"sleep 31.7 & wait; touch {marker}"  # a child in the group, as LibreOffice's soffice.bin is
    started = time.monotonic()
    with pytest.raises(OutputError) as raised:
        _run(["sh", "-c", script], 1.0, dict(os.environ))
    assert time.monotonic() - started < 10
    assert "did not finish the PDFs within 1 seconds" in str(raised.value.problems[0])
    time.sleep(0.3)
    assert not marker.exists()
    assert not _running(b"sleep\x0031.7\x00"), "the child is ended too, not left to the system"


def _running(arguments: bytes) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes() == arguments:
                    return True
            except OSError:
                continue
    return False

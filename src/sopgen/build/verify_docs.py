"""`make verify-docs`: packs rendered by LibreOffice to PDF and PNG, then checked page by page.

    python -m sopgen.build.verify_docs OUT [--only-check]

Writes the demo pack (four languages), a tailored Taiwanese and a tailored Indonesian pack, and a
bilingual da+id pack once `sopgen pack` takes that form, under OUT; converts every .docx with
LibreOffice headless (one call per folder) and every PDF to PNG with pdftoppm; then checks each
document (rendered_checks): every table row in the PDF text, the handbook's contents filled, no
blank page, every chart's text at least 6 pt at print size, a CJK font in the Chinese PDFs. Prints each failure and exits 1 when
there is any. --only-check checks what an earlier run left in OUT.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sopgen.build import rendered_checks as checks

TAILORED_SHOPS = {
    "tw": ["--name", "小巷選物", "--country", "TW", "--channels", "shopee-tw,own-webshop"],
    "id": ["--name", "Toko Batik Sari", "--country", "ID", "--channels", "tokopedia,instagram"],
}
PNG_DPI = 24
SOFFICE_TIMEOUT = 1800


@dataclass
class Report:
    documents: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, where: Path, problems: Sequence[str]) -> None:
        self.failures.extend(f"{where}: {problem}" for problem in problems)


def sopgen_command() -> list[str]:
    return [os.environ["SOPGEN"]] if os.environ.get("SOPGEN") else [sys.executable, "-m", "sopgen"]


def run(command: Sequence[str], **options: object) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(list(command), capture_output=True, text=True, **options)  # type: ignore[call-overload]
    if completed.returncode != 0:
        raise SystemExit(f"verify-docs: {' '.join(command)} failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}")
    return completed


def write_packs(out: Path) -> list[Path]:
    """The packs to check, each in a folder of its own under OUT/docx."""
    sopgen = sopgen_command()
    packs = {"demo": ["--lang", "da,en,zh-TW,id"]}
    for name, answers in TAILORED_SHOPS.items():
        profile = out / "profiles" / f"{name}.yaml"
        profile.parent.mkdir(parents=True, exist_ok=True)
        run([*sopgen, "init", "--no-input", "--out", str(profile), *answers])
        packs[name] = ["--profile", str(profile)]
    # rich wraps and frames the help text: look for the form with both taken out
    if "da+id" in re.sub(r"[\s│|]", "", run([*sopgen, "pack", "--help"], env={**os.environ, "COLUMNS": "200"}).stdout):
        packs["bilingual"] = ["--lang", "da+id"]
    folders = []
    for name, options in packs.items():
        folder = out / "docx" / name
        run([*sopgen, "pack", *options, "--out", str(folder)])
        folders.append(folder)
    return folders


def convert(out: Path) -> None:
    """Every .docx under OUT/docx to a PDF under OUT/pdf, and each PDF's pages to grey PGM under OUT/png."""
    docx_root, pdf_root = out / "docx", out / "pdf"
    profile = (out / "lo-profile").resolve().as_uri()
    folders = sorted({path.parent for path in docx_root.rglob("*.docx")})
    for folder in folders:
        target = pdf_root / folder.relative_to(docx_root)
        target.mkdir(parents=True, exist_ok=True)
        documents = sorted(str(path) for path in folder.glob("*.docx"))
        run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(target), *documents],
            timeout=SOFFICE_TIMEOUT)
    for pdf in sorted(pdf_root.rglob("*.pdf")):
        images = out / "png" / pdf.relative_to(pdf_root).with_suffix("")
        images.mkdir(parents=True, exist_ok=True)
        run(["pdftoppm", "-gray", "-r", str(PNG_DPI), str(pdf), str(images / "page")])


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit("verify-docs: LibreOffice (soffice) is not installed; run scripts/system-deps.sh --docs")
    return found


def check_document(docx: Path, pdf: Path, images: Path) -> list[str]:
    """Everything wrong with one rendered document."""
    if not pdf.is_file() or pdf.stat().st_size == 0:
        return ["LibreOffice wrote no PDF"]
    document = checks.WordDocument.read(docx.read_bytes())
    top, bottom = checks.margins_pt(document)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    pages = checks.body_page_texts(bbox, top, bottom)
    problems = checks.missing_rows(document, "\n".join(pages))
    if checks.has_contents(document):
        problems += checks.toc_problems(document)
        problems += checks.contents_shown(document, pages)
    files = sorted(images.glob("page-*.pgm"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
    page_images = [checks.read_pgm(path.read_bytes()) for path in files]
    problems += [f"page {number} is blank" for number in checks.blank_pages(page_images, top, bottom, PNG_DPI)]
    if "zh-TW" in pdf.parts and not _embeds_cjk_font(pdf):
        problems.append("no CJK font embedded")
    for chart in checks.chart_text_sizes(document):
        if chart.smallest_pt is None:
            problems.append(f"chart {chart.name}: no SVG text to measure (a PNG only)")
        elif chart.smallest_pt < checks.MIN_CHART_TEXT_PT - 0.05:
            problems.append(f"chart {chart.name}: text {chart.smallest_pt:.1f} pt at print size, under {checks.MIN_CHART_TEXT_PT:g} pt")
    return problems


def _embeds_cjk_font(pdf: Path) -> bool:
    fonts = run(["pdffonts", str(pdf)]).stdout
    return re.search(r"CJK|JhengHei|MingLiU|Hei|Ming|Song|Kai|Source ?Han", fonts, re.I) is not None


def check(out: Path) -> Report:
    report = Report()
    docx_root = out / "docx"
    for docx in sorted(docx_root.rglob("*.docx")):
        relative = docx.relative_to(docx_root)
        report.documents += 1
        report.add(relative, check_document(docx, (out / "pdf" / relative).with_suffix(".pdf"), out / "png" / relative.with_suffix("")))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="verify-docs", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write the packs, PDFs and page images into")
    parser.add_argument("--only-check", action="store_true", help="check what an earlier run left in OUT")
    arguments = parser.parse_args(argv)
    out: Path = arguments.out
    if not arguments.only_check:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        write_packs(out)
        convert(out)
    report = check(out)
    for failure in report.failures:
        print(failure)
    failed = len({failure.split(": ", 1)[0] for failure in report.failures})
    print(f"verify-docs: {report.documents} documents, {failed} with failures, {len(report.failures)} failures in all")
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

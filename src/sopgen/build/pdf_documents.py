"""PDFs beside the Word documents, made by LibreOffice headless: found before a run writes anything, many converted in one call.

Each call runs LibreOffice with a user profile of its own in a temporary folder, so that runs in
parallel (and a LibreOffice the user has open) never share one, in a process group of its own
that is ended with the call, and with a time limit. The PDFs are written through the output
folder like every other file: a PDF is current while it was made from the same .docx bytes, so
a rerun converts only what an interrupted run left undone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from sopgen.build.manifest import OutputFolder
from sopgen.errors import OutputError, Problem, Source, ToolMissingError
from sopgen.i18n.interface import _

INSTALL_HINT = "Debian/Ubuntu: 'apt-get install libreoffice-writer' · macOS: 'brew install --cask libreoffice'"
MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
BATCH = 16  # documents per LibreOffice call: one start-up for many, and finished PDFs written as the run goes
START_SECONDS = 120  # LibreOffice's first start with a new profile
SECONDS_PER_DOCUMENT = 60


def find_libreoffice() -> str | None:
    """LibreOffice's `soffice` on the PATH (or where the macOS app keeps it), if it is installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and sys.platform == "darwin" and os.access(MAC_SOFFICE, os.X_OK):
        found = MAC_SOFFICE
    return found


def require_libreoffice() -> str:
    """`soffice`, or the error that says how to install it; called before a run writes anything."""
    found = find_libreoffice()
    if found is None:
        raise ToolMissingError(
            [
                Problem(
                    Source("--pdf"),
                    _("LibreOffice is not installed (its 'soffice' program was not found), so no PDF can be made"),
                    _("install it: {commands}; or leave out --pdf").format(commands=INSTALL_HINT),
                )
            ]
        )
    return found


def pdf_name(relative: str) -> str:
    """The PDF's place in the output folder: beside its document, with the same name."""
    return str(PurePosixPath(relative).with_suffix(".pdf"))


def pdf_names(relatives: Iterable[str]) -> list[str]:
    return [pdf_name(relative) for relative in relatives if relative.endswith(".docx")]


def write_pdfs(
    folder: OutputFolder, documents: Sequence[str], soffice: str, on_pdf: Callable[[str, int], None] | None = None
) -> list[Path]:
    """A PDF beside each document (relative paths of .docx files sopgen has just written), converting only those not current."""
    pending: list[tuple[str, str, str]] = []
    done: list[Path] = []
    for relative in documents:
        if not (folder.root / relative).is_file():
            continue  # a planned document the shop turned out not to get
        inputs = "pdf of " + hashlib.sha256((folder.root / relative).read_bytes()).hexdigest()
        if folder.is_current(pdf_name(relative), inputs):
            done.append(folder.keep(pdf_name(relative)))
            if on_pdf:
                on_pdf(pdf_name(relative), len(documents))
        else:
            pending.append((relative, pdf_name(relative), inputs))
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        converted = convert_to_pdf(soffice, [folder.root / relative for relative, _pdf, _inputs in batch])
        for (_relative, pdf, inputs), data in zip(batch, converted, strict=True):
            done.append(folder.write(pdf, data, inputs))
            if on_pdf:
                on_pdf(pdf, len(documents))
    return done


def convert_to_pdf(soffice: str, documents: Sequence[Path]) -> list[bytes]:
    """The documents as PDF, in order, from one LibreOffice call; a document it cannot convert is an error naming it."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sopgen-pdf-") as temporary:
        work = Path(temporary)
        inputs = []
        for number, document in enumerate(documents, start=1):
            # numbered copies: documents of different languages share a file name, and LibreOffice names each PDF after its input
            copy = work / "in" / f"{number:04d}.docx"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(document, copy)
            inputs.append(copy)
        out = work / "out"
        arguments = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(out), *map(str, inputs),
        ]  # fmt: skip
        (work / "tmp").mkdir()  # LibreOffice's own temporary files, removed with the folder even when it is killed
        report = _run(arguments, START_SECONDS + SECONDS_PER_DOCUMENT * len(documents), {**os.environ, "TMPDIR": str(work / "tmp")})
        results = []
        for document, copy in zip(documents, inputs, strict=True):
            pdf = out / copy.with_suffix(".pdf").name
            data = pdf.read_bytes() if pdf.is_file() else b""
            if not data.startswith(b"%PDF"):
                raise OutputError.single(
                    Source(str(document)),
                    _("LibreOffice did not convert it to PDF: {report}").format(report=report or _("no message")),
                )
            results.append(data)
        return results


def _run(arguments: list[str], timeout: float, environment: dict[str, str]) -> str:
    """Run LibreOffice in a process group of its own, ended with the call: on a time-out, an error or Ctrl-C, nothing is left running."""
    try:
        process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment, start_new_session=True
        )
    except OSError as exc:
        raise OutputError.single(Source(arguments[0]), _("LibreOffice could not be started: {reason}").format(reason=exc.strerror or exc)) from None
    try:
        output, _unused = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise OutputError.single(
            Source(arguments[0]),
            _("LibreOffice did not finish the PDFs within {seconds} seconds").format(seconds=int(timeout)),
            _("run the command again: the PDFs already made are kept"),
        ) from None
    except BaseException:
        _end(process)
        raise
    _end(process)  # a helper LibreOffice started and left behind goes with it
    return output.decode("utf-8", "replace").strip()[-500:]


def _end(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
    if process.stdout is not None:
        process.stdout.close()

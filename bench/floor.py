"""The floor: the same documents and charts written by a minimal script that only calls python-docx and dot.

It writes, for each language, one .docx per SOP (headings, every text, the step list, the
tables, the chart picture) plus a handbook with all of them, and renders every flow chart to
SVG and PNG with `dot` from the DOT source sopgen produces. No validation, no translation
lookups, no styling, no determinism: the cost of the libraries themselves.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from docx.shared import Cm

import docx
from sopgen.analysis.figures import analyse
from sopgen.blueprints.sop_model import plain_texts
from sopgen.build.pack import load_run
from sopgen.build.sessions import RunSettings
from sopgen.charts.flowchart import flowchart
from sopgen.i18n.localizer import Localizer

LANGUAGES = ("da", "en", "zh_Hant_TW", "id")


def _steps(steps, depth=0):
    for step in steps:
        yield depth, step
        yield from _steps(step.steps, depth + 1)


def _write_sop(document, sop, picture: bytes | None) -> None:
    document.add_heading(sop.title, 0)
    for heading, text in (("Purpose", sop.purpose), ("Scope", sop.scope)):
        document.add_heading(heading, 1)
        document.add_paragraph(text)
    table = document.add_table(rows=len(sop.roles) + 1, cols=2)
    for row, role in zip(table.rows[1:], sop.roles):
        row.cells[0].text = role
    document.add_heading("Procedure", 1)
    for depth, step in _steps(sop.steps):
        document.add_paragraph(step.title, style="List Number" if depth == 0 else "List Number 2")
        if step.text:
            document.add_paragraph(step.text)
    dos, donts = plain_texts(sop.dos), plain_texts(sop.donts)  # every item, conditions ignored
    table = document.add_table(rows=max(len(dos), len(donts)) + 1, cols=2)
    for index, text in enumerate(dos):
        table.rows[index + 1].cells[0].text = text
    for index, text in enumerate(donts):
        table.rows[index + 1].cells[1].text = text
    table = document.add_table(rows=len(sop.kpis) + 1, cols=2)
    for row, kpi in zip(table.rows[1:], sop.kpis):
        row.cells[0].text, row.cells[1].text = kpi.name, kpi.target
    if picture:
        document.add_picture(io.BytesIO(picture), width=Cm(16))


def main(out: Path) -> None:
    library, profile, _warnings = load_run(RunSettings())  # the demo shop's flows and SOPs, as the pack has them
    sops = [sop for sop in library.sops if profile.applies(sop.when)]
    out.mkdir(parents=True, exist_ok=True)
    for locale in LANGUAGES:
        localizer = Localizer.for_locale(locale)
        charts: dict[str, bytes] = {}
        for flow in library.flows:
            source = flowchart(flow, analyse(flow), localizer).source.encode("utf-8")
            for fmt in ("svg", "png"):
                data = subprocess.run(["dot", f"-T{fmt}"], input=source, capture_output=True, check=True).stdout
                (out / f"{locale}-{flow.id}.{fmt}").write_bytes(data)
                if fmt == "png":
                    charts[flow.id] = data
        handbook = docx.Document()
        for sop in sops:
            document = docx.Document()
            picture = charts.get(sop.flow) if sop.flow else None
            _write_sop(document, sop, picture)
            document.save(str(out / f"{locale}-{sop.id}.docx"))
            _write_sop(handbook, sop, picture)
        handbook.save(str(out / f"{locale}-handbook.docx"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))

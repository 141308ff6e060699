"""Per SOP document: sopgen against docxtpl filling an equivalent template, in one process each.

The template, made here with python-docx, holds what a sopgen SOP holds: title and document
control, purpose, scope, the roles table, the tools table, the numbered steps with their
sub-steps, the do's and don'ts, the KPI table, the flow chart and the records. docxtpl fills it
from the same localized view sopgen renders from (English, the demo shop), the chart's page
pictures drawn beforehand for both, so that only the making of documents is timed.

docxtpl is a bench-only dependency: `make bench` installs it into bench/peers.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
STAMP = __import__("datetime").datetime(2026, 12, 1, 8, 0)
sys.path.insert(0, str(BENCH / "peers"))


def _template(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("{{ document_id }} {{ title }}", 0)
    control = document.add_table(rows=3, cols=4, style="Table Grid")
    for row, (left, right) in zip(control.rows, (("Document", "Version"), ("Owner", "Approver"), ("Effective", "Next review"))):
        row.cells[0].text, row.cells[1].text = left, "{{ " + left.lower().replace(" ", "_") + " }}"
        row.cells[2].text, row.cells[3].text = right, "{{ " + right.lower().replace(" ", "_") + " }}"
    for heading, field in (("Purpose", "purpose"), ("Scope", "scope")):
        document.add_heading(heading, 1)
        document.add_paragraph("{{ " + field + " }}")
    for heading, name, columns in (("Roles", "roles", ("role", "description")), ("Tools", "tools", ("job", "tool")),
                                   ("Do's and don'ts", "rules", ("do", "dont")), ("KPIs", "kpis", ("name", "target"))):
        document.add_heading(heading, 1)
        table = document.add_table(rows=3, cols=2, style="Table Grid")
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = columns
        table.rows[1].cells[0].text = "{%tr for row in " + name + " %}"
        table.rows[2].cells[0].text = "{{ row[0] }}"
        table.rows[2].cells[1].text = "{{ row[1] }}{%tr endfor %}"
    document.add_heading("Procedure", 1)
    document.add_paragraph("{%p for step in steps %}")
    document.add_paragraph("{{ step.number }} {{ step.title }} ({{ step.role }})", style="List Number")
    document.add_paragraph("{{ step.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Flow chart", 1)
    document.add_paragraph("{%p for picture in charts %}")
    document.add_paragraph("{{ picture }}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Records", 1)
    document.add_paragraph("{%p for record in records %}")
    document.add_paragraph("{{ record }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.save(str(path))


def _steps(steps, prefix=""):
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        yield {"number": number, "title": step.title, "role": step.role or "", "text": step.text or ""}
        yield from _steps(step.steps, number + ".")


def _context(view, template, pictures) -> dict:
    from docx.shared import Cm
    from docxtpl import InlineImage

    sop = view.sop
    texts = lambda items: [item if isinstance(item, str) else item.text for item in items]  # noqa: E731
    dos, donts = texts(sop.dos), texts(sop.donts)
    return {
        "document_id": view.document_id, "title": sop.title, "document": view.document_id, "version": sop.version,
        "owner": view.profile.document.owner or "", "approver": view.profile.document.approver or "",
        "effective": str(view.effective), "next_review": str(view.next_review),
        "purpose": sop.purpose, "scope": sop.scope,
        "roles": [(view.role_titles[role], view.role_descriptions.get(role, "")) for role in sop.roles],
        "tools": list(view.tools),
        "rules": [(dos[i] if i < len(dos) else "", donts[i] if i < len(donts) else "") for i in range(max(len(dos), len(donts)))],
        "kpis": [(kpi.name, kpi.target) for kpi in sop.kpis],
        "steps": list(_steps(sop.steps)),
        "records": texts(sop.records),
        "charts": [InlineImage(template, io.BytesIO(picture.png), width=Cm(24)) for picture in pictures],
    }


def per_document_seconds(runs: int, work: Path) -> tuple[float, float]:
    """Median seconds per SOP document: (sopgen, docxtpl), measured in turns over the demo pack's English SOPs."""
    from docxtpl import DocxTemplate

    from sopgen.build.pack import load_run
    from sopgen.build.sessions import LanguageSession, RunSettings
    from sopgen.docx.package import document_bytes
    from sopgen.docx.page_geometry import landscape_chart_box
    from sopgen.docx.sop import render_sop
    from sopgen.docx.writer import new_document

    settings = RunSettings()
    library, profile, _warnings = load_run(settings)
    session = LanguageSession.create(library, profile, "en", settings)
    views = [view for view in (session.sop_view(sop) for sop in library.sops if profile.applies(sop.when)) if view]
    box = landscape_chart_box(new_document(session.options, profile.shop.country).sections[-1])
    pictures = {view.document_id: view.chart.pages(*box).pictures if view.chart and view.chart.pages else () for view in views}
    template_path = work / "sop-template.docx"
    _template(template_path)

    def sopgen_pass() -> float:
        started = time.perf_counter()
        for view in views:
            document_bytes(render_sop(view, session.options), STAMP)
        return (time.perf_counter() - started) / len(views)

    def docxtpl_pass() -> float:
        started = time.perf_counter()
        for view in views:
            template = DocxTemplate(str(template_path))
            template.render(_context(view, template, pictures[view.document_id]))
            template.save(io.BytesIO())
        return (time.perf_counter() - started) / len(views)

    sopgen_pass(), docxtpl_pass()  # warm-up
    pairs = [(sopgen_pass(), docxtpl_pass()) for _ in range(runs)]
    return statistics.median(pair[0] for pair in pairs), statistics.median(pair[1] for pair in pairs)

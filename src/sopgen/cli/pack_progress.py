"""`sopgen pack` for people: a progress bar over documents and charts, then a summary."""

from __future__ import annotations

from pathlib import Path

from sopgen.blueprints.yaml_loading import display_path
from sopgen.build.pack import PackItem, build_pack
from sopgen.build.sessions import RunSettings
from sopgen.i18n.interface import _, ngettext


def run_pack_with_progress(settings: RunSettings, locales: tuple[str, ...] | None, out: Path, force: bool, pdf: bool = False) -> None:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from sopgen.blueprints.profile import load_profile, profile_locales

    chosen = locales or profile_locales(load_profile(settings.profile_path))
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,  # in a log or a pipe the bar would only leave a blank line before any message
    ) as progress:
        task = progress.add_task(_("Writing the SOP pack"), total=None)

        def advance(item: PackItem, total: int) -> None:
            progress.update(task, total=total, advance=1, description=item.relative)

        result = build_pack(settings, chosen, out, force, on_item=advance, pdf=pdf)
    for problem in result.warnings[:20]:
        console.print(str(problem), markup=False, highlight=False, soft_wrap=True)  # a path broken across lines cannot be copied
    if len(result.warnings) > 20:
        hidden = len(result.warnings) - 20
        console.print(ngettext("… and {count} more warning", "… and {count} more warnings", hidden).format(count=hidden))
    for sop_id, reason in result.skipped:
        console.print(_("skipped {sop}: {reason}").format(sop=sop_id, reason=reason))
    documents = sum(1 for path in result.written + result.unchanged if path.suffix == ".docx")
    charts = sum(1 for path in result.written + result.unchanged if path.suffix in (".svg", ".png"))
    editable = sum(1 for path in result.written + result.unchanged if path.suffix in (".bpmn", ".drawio"))
    pdfs = sum(1 for path in result.written + result.unchanged if path.suffix == ".pdf")
    print(
        ngettext("{count} Word document", "{count} Word documents", documents).format(count=documents)
        + ", "
        + (ngettext("{count} PDF", "{count} PDFs", pdfs).format(count=pdfs) + ", " if pdfs else "")
        + ngettext("{count} chart", "{count} charts", charts).format(count=charts)
        + ", "
        + ngettext("{count} editable diagram", "{count} editable diagrams", editable).format(count=editable)
        + " "
        + _("in {folder} ({written} written, {unchanged} unchanged)").format(
            folder=display_path(out), written=len(result.written), unchanged=len(result.unchanged)
        )
    )
    if result.index:
        print(_("open {index} to browse the pack").format(index=display_path(result.index)))

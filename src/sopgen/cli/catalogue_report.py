"""The `sopgen blueprints` tables: the built-in catalogue by phase, and the flows."""

from __future__ import annotations

from typing import Any

from sopgen.blueprints.vocabulary import PHASES
from sopgen.i18n.interface import _


def print_catalogue(rows: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for phase, label in PHASES.items():
        table = Table(title=_(label), title_justify="left", show_edge=False)
        table.add_column(_("Document"))
        table.add_column("ID")
        table.add_column(_("Title"))
        for_shop = any("applies" in sop for sop in rows["sops"])
        if for_shop:
            table.add_column(_("For this shop"))
        for sop in rows["sops"]:
            if sop["phase"] == phase:
                cells = [sop["document_id"], sop["id"], sop["title"]]
                if for_shop:
                    cells.append(_for_shop(sop))
                table.add_row(*cells)
        if table.row_count:
            console.print(table)
            console.print()
    flows = Table(title=_("Current-state flows"), title_justify="left", show_edge=False)
    flows.add_column("ID")
    flows.add_column(_("Title"))
    flows.add_column(_("Steps"), justify="right")
    for flow in rows["flows"]:
        flows.add_row(flow["id"], flow["title"], str(flow["steps"]))
    console.print(flows)


def _for_shop(sop: dict[str, Any]) -> str:
    if not sop["applies"]:
        return _("left out: {reason}").format(reason=sop["left_out_because"] or "")
    return _("{kept} of {all} steps").format(kept=sop["steps_for_shop"], all=sop["steps_in_all"])

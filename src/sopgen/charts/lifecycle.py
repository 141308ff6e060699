"""The handbook's overview chart: pre-sale → sale → post-sale as columns of their SOPs, those across the lifecycle below."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sopgen.blueprints.vocabulary import PHASE_CODES, PHASES
from sopgen.charts.labels import Row, Table, inches, table
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.theme import SMALL_TEXT, THEME, Canvas, box_size, new_graph
from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    import graphviz


PHASE_SEQUENCE = ("pre-sale", "sale", "post-sale")
SOP_WIDTH = 22
PHASE_GAP = 70.0
PHASE_PADDING = 14.0
SOP_GAP = 10.0


def lifecycle_chart(
    sops_by_phase: Mapping[str, Sequence[tuple[str, str]]], localizer: Localizer, font: str | None = None
) -> graphviz.Digraph:
    """The handbook's overview: pre-sale → sale → post-sale as columns of their SOPs; those across the lifecycle below."""
    _ = localizer._
    graph = new_graph("lifecycle", localizer.locale, font)
    canvas = Canvas()
    style = {"shape": "box", "style": "rounded,filled", "fillcolor": THEME["automated_fill"], "color": THEME["automated_border"]}

    def sop_label(document_id: str, title: str) -> Table:
        return table(Row((document_id,), SMALL_TEXT, color=THEME["muted"]), Row(wrap(title, SOP_WIDTH), 13, bold=True, color=THEME["ink"]))

    def heading(phase: str) -> Table:
        return table(Row((_(PHASES[phase]),), 18, bold=True, color=THEME["ink"]))

    columns = [(phase, [sop_label(*sop) for sop in sops_by_phase.get(phase, ())]) for phase in PHASE_SEQUENCE if sops_by_phase.get(phase)]
    across = [sop_label(*sop) for sop in sops_by_phase.get("lifecycle", ())]
    box = max((box_size(label) for _, labels in columns for label in labels), default=(0.0, 0.0))
    box = max([box, *(box_size(label) for label in across)], default=box)
    box_width, box_height = box[0], box[1] + 10  # room for the rounded corners
    head_height = max((heading(phase).size_points()[1] for phase in PHASES), default=20.0)
    column_width = box_width + 2 * PHASE_PADDING
    tallest = max((len(labels) for _, labels in columns), default=0)
    column_height = head_height + PHASE_PADDING * 2 + tallest * (box_height + SOP_GAP)
    total_width = max(len(columns) * column_width + max(len(columns) - 1, 0) * PHASE_GAP, column_width)
    per_row = max(1, int((total_width - 2 * PHASE_PADDING + SOP_GAP) // (box_width + SOP_GAP)))
    across_rows = -(-len(across) // per_row) if across else 0
    across_top = column_height + PHASE_GAP / 2 if columns else 0.0
    across_height = head_height + PHASE_PADDING * 2 + across_rows * (box_height + SOP_GAP) if across else 0.0
    canvas.height = (across_top + across_height) if across else column_height
    graph.attr(bb=canvas.bb(0, 0, total_width, canvas.height))

    for index, (phase, labels) in enumerate(columns):
        left = index * (column_width + PHASE_GAP)
        with graph.subgraph(name=f"cluster_{phase.replace('-', '_')}") as cluster:
            cluster.attr(
                label="",
                style="rounded,filled",
                fillcolor=THEME["person_lane"],
                color=THEME["lane_border"],
                id=f"phase-{phase}",
                bb=canvas.bb(left, 0, left + column_width, column_height),
            )
            cluster.node(f"{phase}_head", heading(phase).label(), shape="plain", pos=canvas.pos(left + column_width / 2, PHASE_PADDING + head_height / 2), id=f"phase-head-{phase}")
            y = PHASE_PADDING * 2 + head_height
            for number, ((document_id, _title), label) in enumerate(zip(sops_by_phase[phase], labels)):
                cluster.node(
                    f"{PHASE_CODES[phase].lower()}{number}",
                    label.label(),
                    id=f"sop-{document_id}",
                    pos=canvas.pos(left + column_width / 2, y + box_height / 2),
                    width=inches(box_width),
                    height=inches(box_height),
                    **style,
                )
                y += box_height + SOP_GAP
        if index:
            previous = (index - 1) * (column_width + PHASE_GAP) + column_width
            graph.node(f"arrow{index}_from", "", shape="point", style="invis", pos=canvas.pos(previous + 4, column_height / 2))
            graph.node(f"arrow{index}_to", "", shape="point", style="invis", pos=canvas.pos(left - 4, column_height / 2))
            graph.edge(f"arrow{index}_from", f"arrow{index}_to", penwidth="5", color=THEME["automated_border"], arrowsize="1.4")
    if across:
        with graph.subgraph(name="cluster_lifecycle") as cluster:
            cluster.attr(
                label="",
                style="rounded,filled",
                fillcolor=THEME["summary_fill"],
                color=THEME["lane_border"],
                id="phase-lifecycle",
                bb=canvas.bb(0, across_top, total_width, across_top + across_height),
            )
            cluster.node("lifecycle_head", heading("lifecycle").label(), shape="plain", pos=canvas.pos(total_width / 2, across_top + PHASE_PADDING + head_height / 2), id="phase-head-lifecycle")
            row_width = min(len(across), per_row) * (box_width + SOP_GAP) - SOP_GAP
            start = (total_width - row_width) / 2
            for position, ((document_id, _title), label) in enumerate(zip(sops_by_phase["lifecycle"], across)):
                row, place = divmod(position, per_row)
                cluster.node(
                    f"{PHASE_CODES['lifecycle'].lower()}{position}",
                    label.label(),
                    id=f"sop-{document_id}",
                    pos=canvas.pos(
                        start + place * (box_width + SOP_GAP) + box_width / 2,
                        across_top + PHASE_PADDING * 2 + head_height + row * (box_height + SOP_GAP) + box_height / 2,
                    ),
                    width=inches(box_width),
                    height=inches(box_height),
                    **style,
                )
    return graph

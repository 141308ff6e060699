"""The human `sopgen analyze` report: a rich table of the numbers, in the chosen language."""

from __future__ import annotations

from sopgen.analysis.figures import FlowAnalysis
from sopgen.analysis.findings import bottleneck_in_short
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.i18n.localizer import Localizer

# Rows a terminal table shows before it summarises the rest: a big flow's report stays readable and fast.
SHOWN_ROWS = 25


def print_analysis(flow: FlowBlueprint, analysis: FlowAnalysis, localizer: Localizer, everything: bool = False) -> None:
    """The figures, then the steps and manual hand-offs; a big flow shows its busiest steps and first hand-offs unless `everything`."""
    from rich.console import Console
    from rich.table import Table

    _ = localizer._
    console = Console()
    title = {step.id: step.title for step in flow.steps}
    console.print(f"[bold]{flow.title}[/bold]")
    console.print(_("{volume} orders per working day").format(volume=localizer.number(flow.volume)))

    summary = Table(show_header=False, show_edge=False, box=None)
    summary.add_column(style="bold")
    summary.add_column()
    bottleneck = bottleneck_in_short(flow, analysis, localizer)
    if bottleneck is not None:
        summary.add_row(_("Bottleneck"), bottleneck)
    summary.add_row(_("Lead time"), localizer.duration(analysis.lead_time_minutes))
    efficiency = analysis.cycle_efficiency
    summary.add_row(_("Cycle efficiency"), localizer.percent(efficiency) if efficiency is not None else "–")
    summary.add_row(_("Manual hand-offs"), localizer.number(analysis.manual_handoffs, 0))
    path = [title[step] for step in analysis.critical_path]
    if not everything and len(path) > SHOWN_ROWS:
        hidden = len(path) - 15
        path = [*path[:10], _("… {count} more steps …").format(count=localizer.number(hidden, 0)), *path[-5:]]
    summary.add_row(_("Critical path"), " → ".join(path))
    console.print(summary)

    steps = Table(title=_("Steps"), title_justify="left")
    steps.add_column(_("Step"))
    steps.add_column(_("Mode"))
    steps.add_column(_("Wait"), justify="right")
    steps.add_column(_("Handling"), justify="right")
    steps.add_column(_("Utilization"), justify="right")
    modes = {"manual": _("manual"), "automated": _("automated")}
    shown_steps = analysis.steps
    if not everything and len(shown_steps) > SHOWN_ROWS:
        busiest = sorted(shown_steps, key=lambda figures: (-(figures.utilization or 0.0), -figures.wait_minutes))[:SHOWN_ROWS]
        chosen = {figures.id for figures in busiest}
        shown_steps = tuple(figures for figures in analysis.steps if figures.id in chosen)
        steps.caption = _("the {shown} busiest of {count} steps; --all shows every one").format(
            shown=localizer.number(SHOWN_ROWS, 0), count=localizer.number(len(analysis.steps), 0)
        )
    for figures in shown_steps:
        load = localizer.percent(figures.utilization) if figures.utilization is not None else "–"
        steps.add_row(
            title[figures.id],
            modes[figures.mode],
            localizer.duration(figures.wait_minutes),
            localizer.duration(figures.handling_minutes),
            load,
        )
    console.print(steps)

    manual = [handoff for handoff in analysis.handoffs if handoff.manual]
    if manual:
        handoffs = Table(title=_("Manual hand-offs"), title_justify="left")
        if not everything and len(manual) > SHOWN_ROWS:
            handoffs.caption = _("the first {shown} of {count} manual hand-offs; --all shows every one").format(
                shown=localizer.number(SHOWN_ROWS, 0), count=localizer.number(len(manual), 0)
            )
            manual = manual[:SHOWN_ROWS]
        handoffs.add_column("#", justify="right")
        handoffs.add_column(_("From"))
        handoffs.add_column(_("To"))
        handoffs.add_column(_("Channel"))
        for handoff in manual:
            handoffs.add_row(str(handoff.number), title[handoff.from_step], title[handoff.to_step], _(EDGE_CHANNEL_LABELS[handoff.channel]))
        console.print(handoffs)
    if analysis.automation_candidates:
        heading = _("Automation candidates")
        console.print(f"[bold]{heading}[/bold]")
        candidates = analysis.automation_candidates if everything else analysis.automation_candidates[:SHOWN_ROWS]
        for step_id in candidates:
            console.print(f"  • {title[step_id]}")
        if len(candidates) < len(analysis.automation_candidates):
            hidden = len(analysis.automation_candidates) - len(candidates)
            console.print("  " + _("… and {count} more; --all shows every one").format(count=localizer.number(hidden, 0)))


def print_whatif(flow: FlowBlueprint, analysis: FlowAnalysis, future_flow: FlowBlueprint, future: FlowAnalysis, localizer: Localizer) -> None:
    """The key figures now and in the future state with the change, then the future state's findings."""
    from rich.console import Console
    from rich.table import Table

    from sopgen.analysis.findings import describe, key_figures

    _ = localizer._
    console = Console()
    console.print(f"[bold]{flow.title}[/bold]: " + _("what if"))
    figures = Table(show_edge=False, box=None, pad_edge=False)
    figures.add_column("")
    figures.add_column(_("Now"), justify="right")
    figures.add_column(_("Future state"), justify="right")
    figures.add_column(_("Change"), justify="right")
    styles = {True: "green", False: "red", None: ""}
    for row in key_figures(flow, analysis, localizer, future_flow, future):
        change = row.change or ""
        figures.add_row(row.label, row.current, row.future or "", f"[{styles[row.better]}]{change}[/]" if styles[row.better] else change)
    console.print(figures)
    heading = _("Future state")
    console.print(f"\n[bold]{heading}[/bold]")
    for sentence in describe(future_flow, future, localizer):
        console.print(f"  • {sentence}", highlight=False)

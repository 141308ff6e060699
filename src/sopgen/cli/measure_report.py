"""The human `sopgen measure` report: the log's figures as rich tables, and the designed flow beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sopgen.i18n.localizer import Localizer

if TYPE_CHECKING:
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.measure.comparison import Comparison
    from sopgen.measure.directly_follows import Measurement

VARIANTS_PRINTED = 10


def print_measurement(measurement: Measurement, comparison: Comparison | None, flow: FlowBlueprint | None, localizer: Localizer) -> None:
    from rich.console import Console
    from rich.table import Table

    _ = localizer._
    number = localizer.number
    duration = localizer.duration
    console = Console()
    source = measurement.source
    console.print(
        "[bold]"
        + _("{events} events in {cases} cases ({format}), {first} to {last}").format(
            events=number(source["events"], 0), cases=number(source["cases"], 0), format=source["format"], first=source["first"][:16].replace("T", " "), last=source["last"][:16].replace("T", " ")
        )
        + "[/bold]"
    )
    if source["skipped_rows"]:
        console.print(_("{count} rows without a case, activity or time were skipped").format(count=number(source["skipped_rows"], 0)))
    volume = measurement.volume
    console.print(
        _("{per_day} cases per day over {days} days; {per_working_day} per working day (Monday to Friday)").format(
            per_day=number(volume.cases_per_day_mean, 1), days=number(volume.days, 0), per_working_day=number(volume.cases_per_working_day, 1)
        )
    )

    activities = Table(title=_("Activities"), title_justify="left")
    activities.add_column(_("Activity"))
    activities.add_column(_("Events"), justify="right")
    activities.add_column(_("Cases"), justify="right")
    if measurement.has_start:
        activities.add_column(_("Work (median)"), justify="right")
    for figures in measurement.activities:
        row = [figures.name, number(figures.count, 0), number(figures.cases, 0)]
        if measurement.has_start:
            row.append(duration(figures.handling.median) if figures.handling else "–")
        activities.add_row(*row)
    console.print(activities)

    edges = Table(title=_("Directly-follows pairs"), title_justify="left")
    for heading, justify in ((_("From"), "left"), (_("To"), "left"), (_("Count"), "right"), (_("Mean"), "right"), (_("Median"), "right"), ("p90", "right")):
        edges.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for edge in measurement.edges:
        figures = edge.durations
        edges.add_row(edge.source, edge.target, number(figures.count, 0), duration(figures.mean), duration(figures.median), duration(figures.p90))
    console.print(edges)

    variants = Table(title=_("Variants ({count} in all)").format(count=number(measurement.variants_total, 0)), title_justify="left")
    variants.add_column(_("Cases"), justify="right")
    variants.add_column(_("Share"), justify="right")
    variants.add_column(_("Activities"))
    for names, count in measurement.variants[:VARIANTS_PRINTED]:
        variants.add_row(number(count, 0), localizer.percent(count / measurement.cases), " → ".join(names))
    console.print(variants)

    if comparison is not None and flow is not None:
        _print_comparison(console, comparison, flow, localizer)


def _print_comparison(console: object, comparison: Comparison, flow: FlowBlueprint, localizer: Localizer) -> None:
    from rich.table import Table

    _ = localizer._
    duration = localizer.duration
    titles = {step.id: step.title for step in flow.steps}
    table = Table(title=_("Designed and measured: {flow}").format(flow=flow.title), title_justify="left")
    for heading in (_("Step"), _("Designed wait"), _("Measured median"), _("Measured p90"), _("Designed share"), _("Measured share")):
        table.add_column(heading, justify="left" if heading == _("Step") else "right")
    for step in flow.steps:
        figures = comparison.steps.get(step.id)
        if figures is None:
            note = _("not in the log") if step.id in comparison.not_in_log else _("not measured")
            table.add_row(titles[step.id], duration(step.wait), note, "", localizer.percent(step.share), "")
            continue
        wait = figures.wait
        table.add_row(
            titles[step.id],
            duration(step.wait),
            duration(wait.median) if wait else "–",
            duration(wait.p90) if wait else "–",
            localizer.percent(step.share),
            localizer.percent(figures.share),
        )
    console.print(table)  # type: ignore[attr-defined]
    if comparison.bottleneck is not None:
        console.print(_("Measured bottleneck: {step}").format(step=titles[comparison.bottleneck.step]))  # type: ignore[attr-defined]
    if comparison.not_in_design:
        names = ", ".join(name for name, _count in comparison.not_in_design)
        console.print(_("In the log, not in the design: {names}").format(names=names))  # type: ignore[attr-defined]
    if comparison.not_in_log:
        console.print(_("In the design, not in the log: {names}").format(names=", ".join(titles[step] for step in comparison.not_in_log)))  # type: ignore[attr-defined]
    if comparison.edges_not_in_design:
        pairs = ", ".join(f"{titles[a]} → {titles[b]} ({count})" for a, b, count in comparison.edges_not_in_design)
        console.print(_("Paths in the log, not in the design: {pairs}").format(pairs=pairs))  # type: ignore[attr-defined]

"""The words of a flow chart: step, lane and hand-off labels, badges, the summary cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sopgen.analysis.figures import CRITICAL_FROM, OVERLOADED_FROM, Handoff
from sopgen.analysis.findings import bottleneck_in_short
from sopgen.blueprints.model import Edge, FlowStep
from sopgen.blueprints.vocabulary import EDGE_CHANNEL_LABELS
from sopgen.charts.labels import Row, Table, table
from sopgen.charts.legend import chart_summary
from sopgen.charts.text import balanced_wrap as wrap
from sopgen.charts.text import join_wrapped
from sopgen.charts.theme import DETAIL_WIDTH, EDGE_LABEL_WIDTH, LANE_TYPE_LABELS, LANE_WIDTH, SMALL_TEXT, THEME, TITLE_WIDTH

if TYPE_CHECKING:
    from collections.abc import Callable

    from sopgen.analysis.figures import FlowAnalysis, StepFigures
    from sopgen.blueprints.model import FlowBlueprint
    from sopgen.charts.measured import MeasuredOverlay
    from sopgen.i18n.localizer import Localizer


class FlowLabels:
    """What a flow chart writes in its boxes; the chart that inherits it holds the flow, its analysis and the localizer."""

    flow: FlowBlueprint
    analysis: FlowAnalysis
    localizer: Localizer
    _: Callable[[str], str]
    measured: MeasuredOverlay | None
    figures: dict[str, StepFigures]
    bottleneck: str | None

    def _lane_label(self, title: str, lane_type: str) -> Table:
        return table(
            Row(wrap(title, LANE_WIDTH, self.localizer.locale), 16, bold=True, color=THEME["ink"], padding=2),
            Row((self._(LANE_TYPE_LABELS[lane_type]),), 12, color=THEME["muted"], padding=2),
        )

    def _summary(self, part: tuple[int, int] | None = None) -> str:
        """The title and the key figures; of a folded chart's first part, with "part 1 of n" after the title."""
        title = self.flow.title
        if part is not None:
            title = self._("{title} · part {part} of {parts}").format(
                title=title, part=self.localizer.number(part[0], 0), parts=self.localizer.number(part[1], 0)
            )
        return chart_summary(title, self._summary_cards())

    def _summary_cards(self) -> list[tuple[str, str, str]]:
        analysis, localizer, _ = self.analysis, self.localizer, self._
        efficiency = analysis.cycle_efficiency
        cards = [
            (_("Lead time"), localizer.duration(analysis.lead_time_minutes), THEME["ink"]),
            (_("Cycle efficiency"), localizer.percent(efficiency) if efficiency is not None else _("n/a"), THEME["ink"]),
            (_("Manual hand-offs"), localizer.number(analysis.manual_handoffs, 0), THEME["handoff_text"]),
        ]
        bottleneck = bottleneck_in_short(self.flow, analysis, localizer)
        if bottleneck is not None:
            cards.append((_("Bottleneck"), bottleneck, THEME["bottleneck_border"]))
        cards += [(label, value, THEME["measured"]) for label, value in (self.measured.cards if self.measured else ())]
        return cards

    def _step_label(self, step: FlowStep, badge: tuple[str, str] | None) -> Table:
        details = self._details(step, badge)
        measured = self.measured.step_lines.get(step.id) if self.measured else None
        measured_bottleneck = self.measured is not None and self.measured.bottleneck == step.id
        return table(
            Row((badge[0],), 12, bold=True, color="white", background=badge[1], padding=3) if badge else None,
            Row((self._("MEASURED BOTTLENECK"),), 12, bold=True, color="white", background=THEME["measured"], padding=3) if measured_bottleneck else None,
            Row(wrap(step.title, TITLE_WIDTH, self.localizer.locale), 14, bold=True, color=THEME["ink"], padding=2),
            Row(tuple(join_wrapped(details, DETAIL_WIDTH)), SMALL_TEXT, color=THEME["muted"], padding=2) if details else None,
            Row(measured, SMALL_TEXT, color=THEME["measured"], padding=2) if measured else None,
        )

    def _details(self, step: FlowStep, badge: tuple[str, str] | None) -> list[str]:
        figures = self.figures[step.id]
        localizer, _ = self.localizer, self._
        details = []
        if figures.wait_minutes:
            details.append(_("wait {duration}").format(duration=localizer.duration(figures.wait_minutes)))
        if figures.handling_minutes:
            details.append(_("work {duration}").format(duration=localizer.duration(figures.handling_minutes)))
        if figures.utilization is not None and badge is None:
            details.append(_("load {percent}").format(percent=localizer.percent(figures.utilization)))
        return details

    def _badge_of(self, step: FlowStep) -> tuple[str, str] | None:
        figures = self.figures[step.id]
        shown = self.localizer.percent(figures.utilization) if figures.utilization is not None else ""
        if step.id == self.bottleneck:
            if figures.utilization is None:
                return self._("BOTTLENECK · longest wait"), THEME["bottleneck_border"]
            return self._("BOTTLENECK · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= OVERLOADED_FROM:
            return self._("OVERLOADED · {percent}").format(percent=shown), THEME["bottleneck_border"]
        if figures.utilization is not None and figures.utilization >= CRITICAL_FROM:
            return self._("CRITICAL · {percent}").format(percent=shown), THEME["critical_border"]
        return None

    def _edge_label(self, edge: Edge, handoff: Handoff | None) -> Table | None:
        """Stacked, so that it takes little width: the hand-off number, the channel, the edge's own label."""
        manual = handoff is not None and handoff.manual
        color = THEME["rework"] if edge.rework else THEME["ink"]
        rows = []
        if manual:
            number = f"#{self.localizer.number(handoff.number, 0)}"
            rows.append(Row((number,), 15, bold=True, color="white", background=THEME["handoff"], padding=2))
        if manual or edge.channel != "system":
            channel = self._(EDGE_CHANNEL_LABELS[edge.channel])
            rows.append(Row((channel,), 12, bold=True, color=THEME["handoff_text"] if manual else color))
        if edge.label:
            rows.append(Row(wrap(edge.label, EDGE_LABEL_WIDTH), SMALL_TEXT, color=color))
        elif edge.rework:
            rows.append(Row((self._("rework"),), SMALL_TEXT, color=color))
        if not rows:
            return None
        border = THEME["handoff"] if manual else THEME["rework"] if edge.rework else THEME["lane_border"]
        return Table(tuple(rows), border=1, color=border, background="white")

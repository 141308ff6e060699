"""Hand-offs, utilization, bottleneck, lead time and cycle efficiency of a flow: pure functions."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from sopgen.blueprints.flow_graph import FlowGraph
from sopgen.blueprints.model import Edge, FlowBlueprint, FlowStep

Severity = Literal["ok", "critical", "overloaded"]
CRITICAL_FROM = 0.85
OVERLOADED_FROM = 1.0


class StepFigures(NamedTuple):
    id: str
    lane: str
    mode: str
    wait_minutes: float
    handling_minutes: float
    utilization: float | None


class Handoff(NamedTuple):
    number: int
    from_step: str
    to_step: str
    channel: str
    manual: bool
    rework: bool


class Bottleneck(NamedTuple):
    step: str
    utilization: float | None
    severity: Severity


class FlowAnalysis(NamedTuple):
    flow: str
    volume: float
    steps: tuple[StepFigures, ...]
    handoffs: tuple[Handoff, ...]
    bottleneck: Bottleneck | None
    lead_time_minutes: float
    critical_path: tuple[str, ...]
    critical_path_handling_minutes: float
    automation_candidates: tuple[str, ...]

    @property
    def manual_handoffs(self) -> int:
        return sum(1 for handoff in self.handoffs if handoff.manual)

    @property
    def cycle_efficiency(self) -> float | None:
        if self.lead_time_minutes <= 0:
            return None
        return self.critical_path_handling_minutes / self.lead_time_minutes

    def step(self, step_id: str) -> StepFigures:
        return self.steps[_positions(self.steps)[step_id]]

    def as_json(self) -> dict[str, Any]:
        return {
            "flow": self.flow,
            "volume": self.volume,
            "steps": [
                {
                    "id": step.id,
                    "lane": step.lane,
                    "mode": step.mode,
                    "utilization": step.utilization,
                    "wait_minutes": step.wait_minutes,
                    "handling_minutes": step.handling_minutes,
                }
                for step in self.steps
            ],
            "handoffs": [
                {"number": h.number, "from": h.from_step, "to": h.to_step, "channel": h.channel, "manual": h.manual, "rework": h.rework}
                for h in self.handoffs
            ],
            "manual_handoffs": self.manual_handoffs,
            "bottleneck": None
            if self.bottleneck is None
            else {
                "step": self.bottleneck.step,
                "utilization": self.bottleneck.utilization,
                "severity": self.bottleneck.severity,
            },
            "lead_time_minutes": self.lead_time_minutes,
            "cycle_efficiency": self.cycle_efficiency,
            "critical_path": list(self.critical_path),
            "automation_candidates": list(self.automation_candidates),
        }


_POSITIONS: dict[int, tuple[tuple[StepFigures, ...], dict[str, int]]] = {}


def _positions(steps: tuple[StepFigures, ...]) -> dict[str, int]:
    """Where each step's figures are, found once per analysis (by identity: hashing the tuple would scan it each time)."""
    found = _POSITIONS.get(id(steps))
    if found is None or found[0] is not steps:
        if len(_POSITIONS) >= 16:
            _POSITIONS.clear()
        found = _POSITIONS[id(steps)] = (steps, {figures.id: index for index, figures in reversed(list(enumerate(steps)))})
    return found[1]


def utilization(flow: FlowBlueprint, step: FlowStep) -> float | None:
    """volume × share × handling ÷ (staff × hours_per_day × 60); None without staff and hours."""
    if step.staff is None or step.hours_per_day is None:
        return None
    return flow.volume * step.share * step.handling / (step.staff * step.hours_per_day * 60)


def severity(value: float | None) -> Severity:
    if value is None or value < CRITICAL_FROM:
        return "ok"
    return "overloaded" if value >= OVERLOADED_FROM else "critical"


def is_manual_handoff(flow: FlowBlueprint, edge: Edge) -> bool:
    source, target = flow.step(edge.from_step), flow.step(edge.to_step)
    return edge.channel != "system" or "manual" in (flow.mode_of(source), flow.mode_of(target))


def handoffs(flow: FlowBlueprint) -> tuple[Handoff, ...]:
    """Edges between steps in different lanes, in blueprint order.

    The manual ones are numbered 1, 2, 3 … in that order, as the chart's badges and the SOP's
    text list them; hand-offs in the system take the numbers after them.
    """
    found = []
    for edge in flow.edges:
        if flow.step(edge.from_step).lane != flow.step(edge.to_step).lane:
            found.append((edge, is_manual_handoff(flow, edge)))
    manual_count = sum(1 for _edge, manual in found if manual)
    numbers = iter(range(1, manual_count + 1)), iter(range(manual_count + 1, len(found) + 1))
    return tuple(
        Handoff(next(numbers[0] if manual else numbers[1]), edge.from_step, edge.to_step, edge.channel, manual, edge.rework)
        for edge, manual in found
    )


def bottleneck(flow: FlowBlueprint) -> Bottleneck | None:
    """Highest utilization (first listed wins ties); without any, the longest wait."""
    if not flow.steps:
        return None
    best: tuple[FlowStep, float] | None = None
    for step in flow.steps:
        value = utilization(flow, step)
        if value is not None and (best is None or value > best[1]):
            best = (step, value)
    if best is not None:
        return Bottleneck(best[0].id, best[1], severity(best[1]))
    longest = flow.steps[0]
    for step in flow.steps[1:]:
        if step.wait > longest.wait:
            longest = step
    return Bottleneck(longest.id, None, "ok")


def critical_path(flow: FlowBlueprint) -> tuple[tuple[str, ...], float]:
    """The longest entry-to-exit path by wait + handling, over all edges but rework ones."""
    graph = FlowGraph.of(flow)
    cost = {step.id: step.wait + step.handling for step in flow.steps}
    best: dict[str, float] = {}
    previous: dict[str, str | None] = {}
    for step_id in graph.topological_order():
        predecessors = graph.predecessors[step_id]
        if not predecessors:
            best[step_id], previous[step_id] = cost[step_id], None
            continue
        chosen = predecessors[0]
        for candidate in predecessors[1:]:
            if best[candidate] > best[chosen]:
                chosen = candidate
        best[step_id], previous[step_id] = best[chosen] + cost[step_id], chosen
    exits = graph.exits()
    if not exits:
        return (), 0.0
    end = exits[0]
    for candidate in exits[1:]:
        if best[candidate] > best[end]:
            end = candidate
    path: list[str] = []
    current: str | None = end
    while current is not None:
        path.append(current)
        current = previous[current]
    return tuple(reversed(path)), best[end]


def analyse(flow: FlowBlueprint) -> FlowAnalysis:
    steps = tuple(
        StepFigures(step.id, step.lane, flow.mode_of(step), step.wait, step.handling, utilization(flow, step))
        for step in flow.steps
    )
    found_handoffs = handoffs(flow)
    path, lead_time = critical_path(flow)
    handling_on_path = sum(flow.step(step_id).handling for step_id in path)
    return FlowAnalysis(
        flow=flow.id,
        volume=flow.volume,
        steps=steps,
        handoffs=found_handoffs,
        bottleneck=bottleneck(flow),
        lead_time_minutes=lead_time,
        critical_path=path,
        critical_path_handling_minutes=handling_on_path,
        automation_candidates=automation_candidates(flow, steps, found_handoffs),
    )


def automation_candidates(
    flow: FlowBlueprint, steps: tuple[StepFigures, ...], found_handoffs: tuple[Handoff, ...]
) -> tuple[str, ...]:
    """Manual steps that sit on a manual hand-off, or that carry the highest wait of all steps."""
    on_manual_handoff = {end for h in found_handoffs if h.manual for end in (h.from_step, h.to_step)}
    highest_wait = max((step.wait_minutes for step in steps), default=0.0)
    return tuple(
        step.id
        for step in steps
        if step.mode == "manual"
        and (step.id in on_manual_handoff or (highest_wait > 0 and step.wait_minutes == highest_wait))
    )

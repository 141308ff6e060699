"""What a valid record must also mean: unique ids, known lanes and steps, a flow without unmarked loops."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sopgen.blueprints.fields import version_number
from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.model import FlowBlueprint
from sopgen.blueprints.placeholders import translatable_texts
from sopgen.blueprints.vocabulary import TOOLS
from sopgen.errors import Problem, Source
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.sop_model import Change, MessageSet, SopBlueprint, Step


def sop_problems(sop: SopBlueprint) -> list[Problem]:
    from sopgen.blueprints.sop_model import all_steps

    problems: list[Problem] = []
    seen: dict[str, Step] = {}
    for step in all_steps(sop.steps):
        if step.id in seen:
            problems.append(Problem(step.source.at("id"), _("step id '{id}' is used twice in this SOP").format(id=step.id)))
        seen[step.id] = step
    problems.extend(_too_deep_steps(sop.steps, 1))
    problems.extend(_unlisted_tools(sop))
    problems.extend(_duplicates(sop.roles, sop.source.at("roles"), _("role")))
    problems.extend(_duplicates(sop.tools, sop.source.at("tools"), _("tool")))
    problems.extend(_change_log_problems(sop))
    return problems


def _change_log_problems(sop: SopBlueprint) -> list[Problem]:
    """Each version once in the change log, none after the SOP's own version, and later versions on later days."""
    problems: list[Problem] = []
    current = version_number(sop.version)
    seen: dict[tuple[int, ...], Change] = {}
    for change in sop.changes:
        number = version_number(change.version)
        if number in seen:
            problems.append(Problem(change.source.at("version"), _("version {version} is in the change log twice").format(version=change.version)))
        elif number > current:
            problems.append(
                Problem(
                    change.source.at("version"),
                    _("the change log names version {version}, after the SOP's version {current}").format(version=change.version, current=sop.version),
                    _("raise the SOP's 'version' to {version}, or correct the change log").format(version=change.version),
                )
            )
        else:
            seen[number] = change
    ordered = sorted(seen.items())
    for (_earlier, before), (_later, after) in zip(ordered, ordered[1:]):
        if after.date < before.date:
            problems.append(
                Problem(
                    after.source.at("date"),
                    _("version {later} is dated before version {earlier}").format(later=after.version, earlier=before.version),
                )
            )
    return problems


def message_problems(message_set: MessageSet) -> list[Problem]:
    """Message ids are unique within their set."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for message in message_set.messages:
        if message.id in seen:
            problems.append(Problem(message.source.at("id"), _("message id '{id}' is used twice in this file").format(id=message.id)))
        seen.add(message.id)
    return problems


MAX_STEP_DEPTH = 9  # Word numbers a list nine levels deep


def _too_deep_steps(steps: tuple[Step, ...], depth: int) -> list[Problem]:
    problems = []
    for step in steps:
        if depth > MAX_STEP_DEPTH:
            problems.append(
                Problem(
                    step.source.at("id"),
                    _("step '{id}' is a sub-step {depth} levels deep; Word numbers steps at most {limit} levels deep").format(
                        id=step.id, depth=depth, limit=MAX_STEP_DEPTH
                    ),
                    _("move the deeper sub-steps up, or into an SOP of their own"),
                )
            )
        else:
            problems.extend(_too_deep_steps(step.steps, depth + 1))
    return problems


def _unlisted_tools(sop: SopBlueprint) -> list[Problem]:
    """A tool named in the text belongs in the SOP's tools, so that the document's tool table is complete."""
    problems = []
    for where, text, source in translatable_texts(sop):
        for tool in re.findall(r"\{\{\s*tools\.(\w+)\s*\}\}", text):
            if tool in TOOLS and tool not in sop.tools:
                problems.append(
                    Problem(
                        source or sop.source,
                        _("{field} names the tool '{tool}', which is not in the SOP's tools").format(field=where, tool=tool),
                        _("add '{tool}' to 'tools'").format(tool=tool),
                        severity="warning",
                    )
                )
    return problems


def _duplicates(values: Iterable[str], source: Source, what: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for value in values:
        if value in seen:
            problems.append(Problem(source, _("{what} '{value}' is listed twice").format(what=what, value=value)))
        seen.add(value)
    return problems


def flow_problems(flow: FlowBlueprint) -> list[Problem]:
    from sopgen.blueprints.flow_graph import FlowGraph

    problems: list[Problem] = []
    lane_ids = [lane.id for lane in flow.lanes]
    for lane, count in _counts(lane_ids):
        if count > 1:
            problems.append(Problem(_second(flow.lanes, lane).source.at("id"), _("lane id '{id}' is used twice").format(id=lane)))
    step_ids = [step.id for step in flow.steps]
    for step_id, count in _counts(step_ids):
        if count > 1:
            problems.append(Problem(_second(flow.steps, step_id).source.at("id"), _("step id '{id}' is used twice").format(id=step_id)))
    for step in flow.steps:
        if step.lane not in lane_ids:
            problems.append(Problem(step.source.at("lane"), _("step '{step}' is in unknown lane '{lane}'").format(step=step.id, lane=step.lane), choices_hint(step.lane, lane_ids)))
    measured_by: dict[str, str] = {}
    for step in flow.steps:
        for name in step.activity:
            if name in measured_by and measured_by[name] != step.id:
                problems.append(
                    Problem(step.source.at("activity"), _("activity '{activity}' already measures step '{step}'").format(activity=name, step=measured_by[name]))
                )
            measured_by.setdefault(name, step.id)
    known_steps = set(step_ids)
    dangling = False
    seen_edges: set[tuple[str, str]] = set()
    for edge in flow.edges:
        for key, end in (("from", edge.from_step), ("to", edge.to_step)):
            if end not in known_steps:
                dangling = True
                problems.append(Problem(edge.source.at(key), _("edge {end_name} unknown step '{step}'").format(end_name=_("from") if key == "from" else _("to"), step=end), choices_hint(end, step_ids)))
        if edge.from_step == edge.to_step and not edge.rework:
            problems.append(Problem(edge.source, _("edge from '{step}' to itself must be marked 'rework: true'").format(step=edge.from_step)))
        if (edge.from_step, edge.to_step) in seen_edges:
            problems.append(Problem(edge.source, _("edge from '{a}' to '{b}' is listed twice").format(a=edge.from_step, b=edge.to_step)))
        seen_edges.add((edge.from_step, edge.to_step))
    if problems or dangling:
        return problems
    graph = FlowGraph.of(flow)
    cycle = graph.find_cycle()
    if cycle:
        edge = graph.edge(cycle[-2], cycle[-1])
        problems.append(
            Problem(
                edge.source if edge else flow.source,
                _("the flow loops without a rework mark: {cycle}").format(cycle=" → ".join(cycle)),
                _("mark the edge that goes back with 'rework: true'"),
            )
        )
        return problems
    if not graph.entries():
        problems.append(Problem(flow.source.at("steps"), _("the flow has no entry step (one with no incoming edge)")))
    if not graph.exits():
        problems.append(Problem(flow.source.at("steps"), _("the flow has no exit step (one with no outgoing edge)")))
    for step_id in graph.unreachable():
        problems.append(Problem(flow.step(step_id).source, _("step '{step}' cannot be reached from an entry step").format(step=step_id)))
    return problems


def _counts(values: list[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return list(counts.items())


def _second(records: Iterable[Any], record_id: str) -> Any:
    return [record for record in records if record.id == record_id][-1]

"""Located YAML data to model records: every problem in every file is collected, then raised once."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from sopgen.errors import InputError, Problem, Source, errors_only
from sopgen.blueprints.yaml_loading import LocatedMapping, LocatedSequence, YamlDocument
from sopgen.blueprints.model import (
    KIND_MODELS,
    FlowBlueprint,
    Profile,
    Record,
    RoleCatalog,
    SopBlueprint,
    Step,
    all_steps,
    rewrite_texts,
)
from sopgen.i18n.interface import _
from sopgen.blueprints.vocabulary import N_, EDGE_CHANNELS, LANE_TYPES, PHASES, PLACEHOLDERS, STEP_MODES, TOOLS

_CHOICES_BY_FIELD = {
    "phase": tuple(PHASES),
    "mode": STEP_MODES,
    "channel": EDGE_CHANNELS,
    "type": LANE_TYPES,
}
_TYPE_NAMES = {
    "string_type": N_("text"),
    "float_type": N_("a number"),
    "int_type": N_("a whole number"),
    "bool_type": N_("true or false"),
    "model_type": N_("a mapping of fields"),
    "model_attributes_type": N_("a mapping of fields"),
    "dataclass_type": N_("a mapping of fields"),
    "dict_type": N_("a mapping"),
    "tuple_type": N_("a list"),
    "list_type": N_("a list"),
    "date_type": N_("a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("a date (YYYY-MM-DD)"),
    "date_parsing": N_("a date (YYYY-MM-DD)"),
}


@dataclass(frozen=True)
class Library:
    """A validated set of blueprints, with the warnings found on the way."""

    sops: tuple[SopBlueprint, ...] = ()
    flows: tuple[FlowBlueprint, ...] = ()
    roles: tuple[RoleCatalog, ...] = ()
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def role_titles(self) -> dict[str, str]:
        return {role.id: role.title for catalog in self.roles for role in catalog.roles}

    def sop(self, sop_id: str) -> SopBlueprint | None:
        return next((sop for sop in self.sops if sop.id == sop_id), None)

    def flow(self, flow_id: str) -> FlowBlueprint | None:
        return next((flow for flow in self.flows if flow.id == flow_id), None)


# ---------------------------------------------------------------- one document


def validate_record(document: YamlDocument, expected_kind: str | None = None) -> tuple[Record | None, list[Problem]]:
    """Check one YAML document against its kind's schema."""
    data = document.data
    if not isinstance(data, LocatedMapping):
        return None, [Problem(document.source, _("the file must be a mapping of fields, not {what}").format(what=_describe(data)))]
    kind = data.get("kind", expected_kind)
    if kind is None:
        return None, [
            Problem(
                data.source(),
                _("missing required field 'kind'"),
                _("choose one of: {choices}").format(choices=", ".join(KIND_MODELS)),
            )
        ]
    if not isinstance(kind, str) or kind not in KIND_MODELS:
        source = Source(data.path, data.key_lines.get("kind", data.line))
        return None, [Problem(source, _("unknown kind '{kind}'").format(kind=kind), choices_hint(str(kind), KIND_MODELS))]
    if expected_kind and kind != expected_kind:
        source = Source(data.path, data.key_lines.get("kind", data.line))
        return None, [Problem(source, _("expected a {expected} file, found kind '{kind}'").format(expected=expected_kind, kind=kind))]
    model = KIND_MODELS[kind]
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        found = (_problem_from_pydantic(error, data, model) for error in exc.errors())
        return None, _dedupe(problem for problem in found if problem is not None)
    return record, _text_problems(record)


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        seen.setdefault((str(problem.source), problem.message), problem)
    return list(seen.values())


def _problem_from_pydantic(error: Any, root: LocatedMapping, model: type[BaseModel]) -> Problem | None:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    where = _field_path(loc)
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    source = _locate(root, loc)
    value = error.get("input")
    if kind == "missing":
        return Problem(source, _("missing required field '{field}'").format(field=where))
    if kind == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        return Problem(source, _("unknown field '{field}'").format(field=where), choices_hint(str(loc[-1]), known))
    if kind == "literal_error":
        choices = _CHOICES_BY_FIELD.get(name) or tuple(str(c).strip("'") for c in str(error["ctx"]["expected"]).replace(" or ", ", ").split(", "))
        return Problem(source, _("{field}: '{value}' is not a valid {name}").format(field=where, value=value, name=name), choices_hint(str(value), choices))
    if kind == "value_error":
        cause = error["ctx"]["error"]
        choices = getattr(cause, "choices", None)
        return Problem(source, f"{where}: {cause}", choices_hint(str(value), choices) if choices else None)
    if kind in _TYPE_NAMES:
        hint = _("put quotes around the value") if kind == "string_type" and isinstance(value, (bool, int, float)) else None
        return Problem(
            source,
            _("{field}: must be {expected}, not {actual}").format(field=where, expected=_(_TYPE_NAMES[kind]), actual=_describe(value)),
            hint,
        )
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        limit = _plain_number(next(iter(error["ctx"].values())))
        templates = {
            "greater_than": _("{field}: must be greater than {limit}, not {value}"),
            "greater_than_equal": _("{field}: must be at least {limit}, not {value}"),
            "less_than": _("{field}: must be less than {limit}, not {value}"),
            "less_than_equal": _("{field}: must be at most {limit}, not {value}"),
        }
        return Problem(source, templates[kind].format(field=where, limit=limit, value=value))
    if kind == "too_short":
        if _lookup(root, loc):
            return None  # items were invalid, each reported on its own
        return Problem(source, _("{field}: must not be empty").format(field=where))
    if kind in ("string_too_long", "too_long"):
        return Problem(source, _("{field}: is too long (at most {limit} characters)").format(field=where, limit=error["ctx"].get("max_length")))
    if kind == "string_pattern_mismatch":
        return Problem(source, _("{field}: '{value}' is not valid").format(field=where, value=value), _pattern_hint(name))
    return Problem(source, f"{where}: {error['msg']}")


def _plain_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _lookup(root: LocatedMapping, loc: tuple[Any, ...]) -> Any:
    node: Any = root
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _pattern_hint(name: str) -> str | None:
    hints = {
        "country": _("use a two-letter country code such as DK, ID or TW"),
        "currency": _("use a three-letter currency code such as DKK, IDR or TWD"),
        "version": _("use a version number such as 1.0 or 2.1.3"),
    }
    return hints.get(name)


def _field_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _locate(root: LocatedMapping, loc: tuple[Any, ...]) -> Source:
    node: Any = root
    line = root.line
    for part in loc:
        if isinstance(node, LocatedMapping) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LocatedSequence) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return Source(root.path, line)


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, ...]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return ()
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return tuple(
            info.alias or name for name, info in current.model_fields.items() if name != "source"
        )
    return ()


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value[:40])
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def choices_hint(value: str, choices: Iterable[str]) -> str | None:
    choices = tuple(dict.fromkeys(choices))
    if not choices:
        return None
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if close:
        return _("did you mean '{choice}'?").format(choice=close[0])
    return _("choose one of: {choices}").format(choices=", ".join(choices))


# ---------------------------------------------------------------- texts and placeholders


def translatable_texts(record: BaseModel) -> list[tuple[str, str, Source | None]]:
    """Every translatable text in a record, as (field path, text, source)."""
    found: list[tuple[str, str, Source | None]] = []

    def collect(text: str, source: Source | None, where: str) -> str:
        found.append((where, text, source))
        return text

    rewrite_texts(record, collect)
    return found


_SIMPLE_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def placeholder_problems(text: str, where: str, source: Source) -> list[Problem]:
    """Only `{{ group.name }}` placeholders from the documented list may appear in a text."""
    if "{" not in text:
        return []
    simple = _SIMPLE_PLACEHOLDER.findall(text)
    if simple and "{" not in _SIMPLE_PLACEHOLDER.sub("", text):
        unknown = [name for name in simple if name not in PLACEHOLDERS]
        if not unknown:
            return []
    from jinja2 import Environment, TemplateSyntaxError, nodes

    try:
        tree = Environment(autoescape=False).parse(text)
    except TemplateSyntaxError as exc:
        return [Problem(source, _("{field}: broken placeholder: {problem}").format(field=where, problem=exc.message), _placeholder_hint())]
    problems: list[Problem] = []
    for output in tree.body:
        if not isinstance(output, nodes.Output):
            problems.append(Problem(source, _("{field}: only placeholders such as {{{{ shop.name }}}} are allowed").format(field=where), _placeholder_hint()))
            continue
        for item in output.nodes:
            if isinstance(item, nodes.TemplateData):
                continue
            name = _placeholder_name(item, nodes)
            if name is None:
                problems.append(Problem(source, _("{field}: only placeholders such as {{{{ shop.name }}}} are allowed").format(field=where), _placeholder_hint()))
            elif name not in PLACEHOLDERS:
                problems.append(
                    Problem(source, _("{field}: unknown placeholder {{{{ {name} }}}}").format(field=where, name=name), choices_hint(name, PLACEHOLDERS))
                )
    return problems


def _placeholder_name(item: Any, nodes: types.ModuleType) -> str | None:
    if isinstance(item, nodes.Getattr) and isinstance(item.node, nodes.Name):
        return f"{item.node.name}.{item.attr}"
    return None


def _placeholder_hint() -> str:
    return _("write placeholders as {{ shop.name }}; the list is in blueprints/README.md")


def _text_problems(record: Record) -> list[Problem]:
    problems: list[Problem] = []
    for where, text, source in translatable_texts(record):
        problems.extend(placeholder_problems(text, where, source or Source("?")))
    return problems


# ---------------------------------------------------------------- meaning within a record


def _sop_problems(sop: SopBlueprint) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Step] = {}
    for step in all_steps(sop.steps):
        if step.id in seen:
            problems.append(Problem(step.source.at("id"), _("step id '{id}' is used twice in this SOP").format(id=step.id)))
        seen[step.id] = step
    problems.extend(_unlisted_tools(sop))
    problems.extend(_duplicates(sop.roles, sop.source.at("roles"), _("role")))
    problems.extend(_duplicates(sop.tools, sop.source.at("tools"), _("tool")))
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


# ---------------------------------------------------------------- across files


def build_library(documents: Iterable[YamlDocument], base: Library | None = None) -> Library:
    """Validate documents as one set (plus an already valid base set); raise once with every error."""
    problems: list[Problem] = []
    sops: list[SopBlueprint] = []
    flows: list[FlowBlueprint] = []
    catalogs: list[RoleCatalog] = []
    for document in documents:
        record, found = validate_record(document)
        problems.extend(found)
        if isinstance(record, SopBlueprint):
            problems.extend(_sop_problems(record))
            sops.append(record)
        elif isinstance(record, FlowBlueprint):
            problems.extend(flow_problems(record))
            flows.append(record)
        elif isinstance(record, RoleCatalog):
            catalogs.append(record)
        elif isinstance(record, Profile):
            problems.append(Problem(document.source, _("this is a shop profile, not a blueprint"), _("pass it with --profile")))
    problems.extend(_cross_problems(sops, flows, catalogs, base))
    if errors_only(problems):
        raise InputError(sorted(problems, key=_problem_order))
    roles = (base.roles if base else ()) + tuple(catalogs)  # the user's own definitions win in role_titles()
    return Library(tuple(sops), tuple(flows), roles, tuple(problems))


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.source.path, problem.source.line or 0)


def _cross_problems(
    sops: list[SopBlueprint], flows: list[FlowBlueprint], catalogs: list[RoleCatalog], base: Library | None
) -> list[Problem]:
    problems: list[Problem] = []
    for records in (sops, flows):
        ids: dict[str, Record] = {}
        for record in records:
            if record.id in ids:
                first = ids[record.id].source
                problems.append(Problem(record.source.at("id"), _("id '{id}' is already used by {other}").format(id=record.id, other=str(first))))
            ids.setdefault(record.id, record)
    role_ids: dict[str, Source] = {}
    for catalog in catalogs:
        for role in catalog.roles:
            if role.id in role_ids:
                problems.append(Problem(role.source.at("id"), _("role '{id}' is defined twice").format(id=role.id)))
            role_ids.setdefault(role.id, role.source)
    for catalog in base.roles if base else ():
        for role in catalog.roles:
            role_ids.setdefault(role.id, role.source)
    known_flows = [flow.id for flow in flows] + ([flow.id for flow in base.flows] if base else [])
    numbers: dict[tuple[str, int], SopBlueprint] = {}
    for sop in sops:
        if role_ids:
            for index, role in enumerate(sop.roles):
                if role not in role_ids:
                    problems.append(Problem(sop.source.at("roles", index), _("unknown role '{role}'").format(role=role), choices_hint(role, role_ids)))
            for step in all_steps(sop.steps):
                if step.role and step.role not in role_ids:
                    problems.append(Problem(step.source.at("role"), _("unknown role '{role}'").format(role=step.role), choices_hint(step.role, role_ids)))
        if sop.flow and sop.flow not in known_flows:
            problems.append(Problem(sop.source.at("flow"), _("unknown flow '{flow}'").format(flow=sop.flow), choices_hint(sop.flow, known_flows)))
        if sop.number is not None:
            key = (sop.phase, sop.number)
            if key in numbers:
                problems.append(Problem(sop.source.at("number"), _("number {number} is already used by '{other}' in phase {phase}").format(number=sop.number, other=numbers[key].id, phase=sop.phase)))
            numbers.setdefault(key, sop)
    return problems


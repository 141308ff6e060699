"""Located YAML data to model records: every problem in every file is collected, then raised once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sopgen.blueprints.checks import flow_problems, message_problems, sop_problems
from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.model import FlowBlueprint, Library, Record
from sopgen.blueprints.placeholders import text_problems
from sopgen.blueprints.schema_errors import dedupe, describe, problem_from_pydantic
from sopgen.blueprints.yaml_loading import LocatedMapping, LocatedSequence, YamlDocument
from sopgen.errors import InputError, Problem, Source, errors_only
from sopgen.i18n.interface import _

if TYPE_CHECKING:
    from sopgen.blueprints.sop_model import MessageSet, RoleCatalog, SopBlueprint

KINDS = ("sop", "flow", "roles", "messages", "profile")


def kind_model(kind: str) -> type[Record]:
    """The schema of a kind of file; a kind's models are imported when a file of that kind is read."""
    if kind == "flow":
        return FlowBlueprint
    if kind == "profile":
        from sopgen.blueprints.shop_profile import Profile

        return Profile
    from sopgen.blueprints import sop_model

    return {"sop": sop_model.SopBlueprint, "roles": sop_model.RoleCatalog, "messages": sop_model.MessageSet}[kind]


def validate_record(document: YamlDocument, expected_kind: str | None = None) -> tuple[Record | None, list[Problem]]:
    """Check one YAML document against its kind's schema."""
    data = document.data
    if not isinstance(data, LocatedMapping):
        return None, [*document.problems, Problem(document.source, _("the file must be a mapping of fields, not {what}").format(what=describe(data)))]
    kind = data.get("kind", expected_kind)
    if kind is None:
        return None, [
            *document.problems,
            Problem(
                data.source(),
                _("missing required field 'kind'"),
                _("choose one of: {choices}").format(choices=", ".join(KINDS)),
            )
        ]
    if not isinstance(kind, str) or kind not in KINDS:
        source = Source(data.path, data.key_lines.get("kind", data.line))
        return None, [*document.problems, Problem(source, _("unknown kind '{kind}'").format(kind=kind), choices_hint(str(kind), KINDS))]
    if expected_kind and kind != expected_kind:
        source = Source(data.path, data.key_lines.get("kind", data.line))
        return None, [Problem(source, _("expected a {expected} file, found kind '{kind}'").format(expected=expected_kind, kind=kind))]
    model = kind_model(kind)
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        found = [problem for problem in (problem_from_pydantic(error, data, model) for error in errors) if problem is not None]
        record = _without_unknown_fields(model, data, errors)
        more = text_problems(record) if record is not None else []
        return record, _with_unreadable(document, dedupe([*found, *more]))
    return record, _with_unreadable(document, text_problems(record))


def _without_unknown_fields(model: type[Record], data: LocatedMapping, errors: list[Any]) -> Record | None:
    """The record with its unknown fields set aside, so that a typo does not hide the file's other problems.

    Returned only when the unknown fields were its only schema problems; the caller reports them
    all the same, so the record never passes as valid.
    """
    unknown = [error["loc"] for error in errors if error["type"] == "extra_forbidden"]
    if len(unknown) != len(errors):
        return None
    trimmed = _copy_without(data, {tuple(loc) for loc in unknown}, ())
    try:
        return model.model_validate(trimmed)
    except ValidationError:
        return None


def _copy_without(node: Any, drop: set[tuple[Any, ...]], where: tuple[Any, ...]) -> Any:
    if isinstance(node, LocatedMapping):
        copy = LocatedMapping(node.path, node.line)
        for key, value in node.items():
            if (*where, key) not in drop:
                copy[key] = _copy_without(value, drop, (*where, key))
                copy.key_lines[key] = node.key_lines[key]
        return copy
    if isinstance(node, LocatedSequence):
        sequence = LocatedSequence(node.path, node.line)
        sequence.extend(_copy_without(item, drop, (*where, index)) for index, item in enumerate(node))
        sequence.item_lines = node.item_lines
        return sequence
    return node


def _with_unreadable(document: YamlDocument, problems: list[Problem]) -> list[Problem]:
    """Values YAML could not read come first; the schema's complaints about the same lines add nothing."""
    lines = {problem.source.line for problem in document.problems}
    kept = [*document.problems, *(problem for problem in problems if problem.source.line not in lines)]
    return sorted(kept, key=lambda problem: problem.source.line or 0)


def build_library(documents: Iterable[YamlDocument], base: Library | None = None) -> Library:
    """Validate documents as one set (plus an already valid base set); raise once with every error."""
    problems: list[Problem] = []
    sops: list[SopBlueprint] = []
    flows: list[FlowBlueprint] = []
    catalogs: list[RoleCatalog] = []
    message_sets: list[MessageSet] = []
    for document in documents:
        record, found = validate_record(document)
        problems.extend(found)
        kind = getattr(record, "kind", None)
        if kind == "sop":
            problems.extend(sop_problems(record))
            sops.append(record)
        elif kind == "flow":
            problems.extend(flow_problems(record))
            flows.append(record)
        elif kind == "roles":
            catalogs.append(record)
        elif kind == "messages":
            problems.extend(message_problems(record))
            message_sets.append(record)
        elif kind == "profile":
            problems.append(Problem(document.source, _("this is a shop profile, not a blueprint"), _("pass it with --profile")))
    problems.extend(_cross_problems(sops, flows, catalogs, base))
    problems.extend(_message_cross_problems(message_sets, sops, catalogs, base))
    if errors_only(problems):
        raise InputError(sorted(problems, key=_problem_order))
    roles = (base.roles if base else ()) + tuple(catalogs)  # the user's own definitions win in role_titles()
    return Library(tuple(sops), tuple(flows), roles, tuple(problems), tuple(message_sets))


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
                first = ids[record.id].source.at("id")
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
    if sops:
        from sopgen.blueprints.sop_model import all_conditions, all_steps
    for sop in sops:
        if role_ids:
            for index, role in enumerate(sop.roles):
                if role not in role_ids:
                    problems.append(Problem(sop.source.at("roles", index), _("unknown role '{role}'").format(role=role), choices_hint(role, role_ids)))
            for step in all_steps(sop.steps):
                if step.role and step.role not in role_ids:
                    problems.append(Problem(step.source.at("role"), _("unknown role '{role}'").format(role=step.role), choices_hint(step.role, role_ids)))
            for condition in all_conditions(sop):
                for index, role in enumerate(condition.roles):
                    if role not in role_ids:
                        problems.append(Problem(condition.source.at("roles", index), _("unknown role '{role}'").format(role=role), choices_hint(role, role_ids)))
        if sop.flow and sop.flow not in known_flows:
            problems.append(Problem(sop.source.at("flow"), _("unknown flow '{flow}'").format(flow=sop.flow), choices_hint(sop.flow, known_flows)))
        if sop.number is not None:
            key = (sop.phase, sop.number)
            if key in numbers:
                problems.append(Problem(sop.source.at("number"), _("number {number} is already used by '{other}' in phase {phase}").format(number=sop.number, other=numbers[key].id, phase=sop.phase)))
            numbers.setdefault(key, sop)
    return problems


def _message_cross_problems(
    message_sets: list[MessageSet], sops: list[SopBlueprint], catalogs: list[RoleCatalog], base: Library | None
) -> list[Problem]:
    """Message ids are unique across all sets; roles in conditions exist; `used_in` names known SOPs."""
    problems: list[Problem] = []
    set_ids: dict[str, MessageSet] = {}
    message_ids: dict[str, Source] = {}
    for message_set in message_sets:
        if message_set.id in set_ids:
            first = set_ids[message_set.id].source
            problems.append(Problem(message_set.source.at("id"), _("id '{id}' is already used by {other}").format(id=message_set.id, other=str(first))))
        set_ids.setdefault(message_set.id, message_set)
        for message in message_set.messages:
            if message.id in message_ids and message_ids[message.id].path != message.source.path:
                problems.append(
                    Problem(message.source.at("id"), _("message id '{id}' is already used by {other}").format(id=message.id, other=str(message_ids[message.id])))
                )
            message_ids.setdefault(message.id, message.source)
    role_ids = {role.id for catalog in (*catalogs, *(base.roles if base else ())) for role in catalog.roles}
    known_sops = [sop.id for sop in sops] + ([sop.id for sop in base.sops] if base else [])
    if message_sets:
        from sopgen.blueprints.sop_model import message_conditions
    for message_set in message_sets:
        if role_ids:
            for condition in message_conditions(message_set):
                for index, role in enumerate(condition.roles):
                    if role not in role_ids:
                        problems.append(Problem(condition.source.at("roles", index), _("unknown role '{role}'").format(role=role), choices_hint(role, sorted(role_ids))))
        for message in message_set.messages:
            for index, sop_id in enumerate(message.used_in):
                if sop_id not in known_sops:
                    problems.append(
                        Problem(
                            message.source.at("used_in", index),
                            _("'{id}' is not an SOP of this set of blueprints").format(id=sop_id),
                            choices_hint(sop_id, known_sops),
                            severity="warning",
                        )
                    )
    return problems

"""Pydantic's validation errors as sopgen problems: `unknown field`, `must be a number`, the valid choices."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from sopgen.blueprints.hints import choices_hint
from sopgen.blueprints.yaml_loading import LocatedMapping, LocatedSequence
from sopgen.errors import Problem, Source
from sopgen.i18n.interface import N_, _

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


def dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen: dict[tuple[str, str], Problem] = {}
    for problem in problems:
        seen.setdefault((str(problem.source), problem.message), problem)
    return list(seen.values())


def problem_from_pydantic(error: Any, root: LocatedMapping, model: type[BaseModel]) -> Problem | None:
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    where = _field_path(loc)
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    source = _locate(root, loc)
    value = error.get("input")
    written = _written(root, loc)
    if kind == "missing":
        return Problem(source, _("missing required field '{field}'").format(field=where))
    if kind == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        return Problem(source, _("unknown field '{field}'").format(field=where), choices_hint(str(loc[-1]), known))
    if kind == "value_error":
        cause = error["ctx"]["error"]
        choices = getattr(cause, "choices", None)
        return Problem(source, f"{where}: {cause}", choices_hint(str(value), choices) if choices else None)
    if kind in _TYPE_NAMES:
        hint = _("put quotes around the value") if kind == "string_type" and isinstance(value, (bool, int, float)) else None
        return Problem(
            source,
            _("{field}: must be {expected}, not {actual}").format(field=where, expected=_(_TYPE_NAMES[kind]), actual=describe(value, written)),
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
        return Problem(source, templates[kind].format(field=where, limit=limit, value=written or value))
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


def _written(root: LocatedMapping, loc: tuple[Any, ...]) -> str | None:
    """A value as the file spells it, where YAML read it as a number, a date or true/false (`0123`, not 83)."""
    if not loc:
        return None
    parent = _lookup(root, loc[:-1])
    written = getattr(parent, "written", None)
    return written.get(loc[-1]) if written else None


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


def describe(value: Any, written: str | None = None) -> str:
    """A value in words; `written` is how the file spells it, where YAML read it as something else."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("the number {value}").format(value=written or value)
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value[:40])
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__
